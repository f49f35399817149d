package io.enclave.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.importer.ImportException;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's import logic: mapping guess, the four sources, whole-file refusal, and the attestation match. */
class StudioImportTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final String HEADER = "Full name,Employer,Role,Start,Gross salary (EUR),Currency\n";
    private final SchemaRegistry schemas = SchemaRegistry.builtIn();
    private final StudioImport importer = new StudioImport(schemas, ImportLimits.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void guessesOnlyTheColumnsThatNameAnAttribute() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        Map<String, String> guess = StudioImport.guessMapping(employment,
                List.of("Full name", "Employer", "Role", "Start", "Gross salary (EUR)", "Currency"));
        assertThat(guess).containsEntry("employer", "Employer").containsEntry("startDate", "Start")
                .containsEntry("currency", "Currency").doesNotContainKeys("title", "annualSalary", "endDate");
    }

    @Test
    void importsAMappedCsvAndRefusesABadOneWholeWithLineAndField() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        Map<String, String> mapping = Map.of("employer", "Employer", "title", "Role", "startDate", "Start",
                "annualSalary", "Gross salary (EUR)", "currency", "Currency");
        StudioImport.Options options = new StudioImport.Options("dd/MM/yyyy", "", "EUR");
        Path good = Files.writeString(dir.resolve("people.csv"), HEADER
                + "Jane Doe,Northwind Robotics,Engineer,01/03/2021,\"82,500.00\",EUR\n");
        ImportResult r = importer.read(employment, StudioImport.Source.CSV, good, mapping, options);
        assertThat(r.records()).hasSize(1);
        assertThat(StudioImport.values(employment, r.records().get(0)))
                .contains(new StudioImport.Value("annualSalary", "82500.00"), new StudioImport.Value("startDate", "2021-03-01"));

        Path bad = Files.writeString(dir.resolve("bad.csv"), HEADER
                + "Jane Doe,Northwind Robotics,Engineer,01/03/2021,\"82,500.00\",EUR\n"
                + "John Roe,Contoso,Analyst,31/02/2019,61000,EUR\n");
        assertThatThrownBy(() -> importer.read(employment, StudioImport.Source.CSV, bad, mapping, options))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("bad.csv line 3").hasMessageContaining("field 'Start'")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void readsJsonWithPointersAndABankStatement() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        Path json = Files.writeString(dir.resolve("jobs.json"), "{\"jobs\":[{\"company\":\"Acme\",\"role\":\"CTO\","
                + "\"from\":\"2020-01-15\"}]}");
        ImportResult r = importer.read(employment, StudioImport.Source.JSON, json,
                Map.of("employer", "/company", "title", "/role", "startDate", "/from"),
                new StudioImport.Options("yyyy-MM-dd", "/jobs", "EUR"));
        assertThat(r.records().get(0).values().get("employer").asText()).isEqualTo("Acme");

        Path statement = Files.writeString(dir.resolve("statement.csv"), "Date,Description,Amount,Balance\n"
                + "2026-05-01,Opening,100.00,1100.00\n2026-05-02,Shop,-50.00,1050.00\n");
        ImportResult bank = importer.read(schemas.latest("financial"), StudioImport.Source.BANK, statement, Map.of(),
                StudioImport.Options.DEFAULTS);
        assertThat(bank.records()).hasSize(1);
        assertThatThrownBy(() -> importer.read(employment, StudioImport.Source.BANK, statement, Map.of(),
                StudioImport.Options.DEFAULTS)).isInstanceOf(SchemaException.class).hasMessageContaining("no Employment");
        assertThat(StudioImport.Source.LINKEDIN.fits(schemas.latest("identity"))).isFalse();
    }

    @Test
    void theAttestationMustSignTheImportedValue() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        Path csv = Files.writeString(dir.resolve("p.csv"), HEADER + "Jane,Northwind,Engineer,01/03/2021,\"82,500.00\",EUR\n");
        var record = importer.read(employment, StudioImport.Source.CSV, csv, Map.of("employer", "Employer", "title", "Role",
                "startDate", "Start", "annualSalary", "Gross salary (EUR)"),
                new StudioImport.Options("dd/MM/yyyy", "", "EUR")).records().get(0);
        // an int node against the importer's long node: the same number
        assertThat(importer.match(record, employment, salary(employment.id(), 8_250_000)).matches()).isTrue();
        StudioImport.Match other = importer.match(record, employment, salary(employment.id(), 9_900_000));
        assertThat(other.matches()).isFalse();
        assertThat(other.detail()).contains("99000.00", "82500.00", "p.csv line 2");
        assertThat(importer.match(record, schemas.latest("financial"), salary(employment.id(), 8_250_000)).detail())
                .contains("choose Employment");
        assertThat(importer.match(null, employment, salary(employment.id(), 1)).matches()).isTrue();
    }

    @Test
    void listingFieldsAreCheckedBeforeAnythingRuns() {
        assertThat(PublishStep.wei("1.5")).isEqualTo(new BigInteger("1500000000000000000"));
        assertThatThrownBy(() -> PublishStep.wei("one")).hasMessageContaining("price in MOCA");
        assertThatThrownBy(() -> PublishStep.wei("0.0000000000000000001")).hasMessageContaining("18 decimals");
        var req = new io.enclave.market.sell.PublishRequest("Salary", "A salary proof.", BigInteger.ONE,
                "0x" + "ab".repeat(20), PublishStep.tags(" salary, EU ,,salary"));
        assertThat(req.tags()).containsExactly("salary", "eu");
        assertThat(PublishStep.tags("")).allMatch(String::isEmpty);
        assertThatThrownBy(() -> new io.enclave.market.sell.PublishRequest("Salary", "", BigInteger.ONE,
                "0x" + "ab".repeat(20), PublishStep.tags("a,b,c,d,e,f,g,h,i"))).hasMessageContaining("at most 8 tags");
    }

    private static Attestation salary(String schemaId, int cents) {
        return new Attestation(schemaId, "annualSalary", N.numberNode(cents), BigInteger.valueOf(cents), BigInteger.TWO,
                BigInteger.TEN, Instant.now(), Instant.now().plusSeconds(1000),
                new Issuer(Issuer.Provenance.ISSUER, BigInteger.valueOf(11), BigInteger.valueOf(12)), null);
    }
}
