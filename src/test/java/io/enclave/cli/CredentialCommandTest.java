package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.cli.CliHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCommandTest {
    @TempDir
    Path dir;

    private static Run run(String... args) {
        return CliHarness.exec(List.of(args));
    }

    private Path fixture(String name) throws Exception {
        Path p = dir.resolve(name);
        try (var in = CredentialCommandTest.class.getResourceAsStream("/io/enclave/credentials/importer/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void schemasAreListed() {
        Run r = run("credential", "schemas");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("urn:enclave:schema:employment:1", "annualSalary (integer", "predicate age-at-least",
                "urn:enclave:schema:health:1");
    }

    @Test
    void aBankStatementImportListsAttributesButNotValuesUnlessAsked() throws Exception {
        Path f = fixture("bank-statement.csv");
        Run r = run("credential", "import", "--format", "bank", "--currency", "EUR", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("urn:enclave:schema:financial:1: 1 record(s), all valid",
                "currentBalance, minimumBalance, monthsCovered").doesNotContain("12488.26");
        Run shown = run("credential", "import", "--format", "bank", "--show-values", f.toString());
        assertThat(shown.out()).contains("currentBalance=12488.26", "minimumBalance=1750.40", "monthsCovered=3");
    }

    @Test
    void csvWithMappingAndABadFileGiveAClearErrorAndExitCode2() throws Exception {
        Path f = fixture("people.csv");
        Run ok = run("credential", "import", "--format", "csv", "--type", "employment", "--date-format", "dd/MM/yyyy",
                "--map", "employer=Employer", "--map", "title=Role", "--map", "startDate=Start",
                "--map", "annualSalary=Gross salary (EUR)", f.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("2 record(s)", "people.csv line 3");
        Run bad = run("credential", "import", "--format", "csv", "--type", "employment", "--map", "employer=Employer",
                "--map", "title=Role", "--map", "startDate=Start", f.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("people.csv line 2, field 'Start'", "Nothing was imported.");
        Run unknown = run("credential", "import", "--format", "xml", f.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown --format 'xml'");
    }
}
