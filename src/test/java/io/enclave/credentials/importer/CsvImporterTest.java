package io.enclave.credentials.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImporterTest {
    private static final Map<String, String> MAPPING = Map.of("employer", "Employer", "title", "Role", "startDate", "Start",
            "annualSalary", "Gross salary (EUR)", "currency", "Currency");
    @TempDir
    Path dir;

    private CsvImporter importer() throws Exception {
        CredentialSchema s = SchemaRegistry.builtIn().latest("employment");
        return new CsvImporter(s, MAPPING, "dd/MM/yyyy", ImportLimits.DEFAULT);
    }

    @Test
    void columnsForTheMappingStepThenEveryRowImported() throws Exception {
        Path file = Fixtures.copy("people.csv", dir);
        assertThat(CsvImporter.columns(file, ImportLimits.DEFAULT))
                .containsExactly("Full name", "Employer", "Role", "Start", "Gross salary (EUR)", "Currency");
        ImportResult r = importer().importFile(file);
        assertThat(r.records()).hasSize(2);
        assertThat(r.records().get(0).values().toString()).isEqualTo("{\"employer\":\"Northwind Robotics\","
                + "\"title\":\"Senior Software Engineer\",\"startDate\":\"2021-03-01\",\"annualSalary\":8250000,"
                + "\"currency\":\"EUR\"}");
        assertThat(r.records().get(1).values().get("annualSalary").longValue()).isEqualTo(6100000);
        assertThat(r.records().get(1).origin()).isEqualTo("people.csv line 3");
    }

    @Test
    void aMappingWithoutARequiredAttributeOrWithAnUnknownOneIsRefused() {
        CredentialSchema s = schema();
        assertThatThrownBy(() -> new CsvImporter(s, Map.of("employer", "Employer"), "yyyy-MM-dd", ImportLimits.DEFAULT))
                .hasMessageContaining("title");
        assertThatThrownBy(() -> new CsvImporter(s, Map.of("employer", "E", "title", "T", "startDate", "S", "shoe", "X"),
                "yyyy-MM-dd", ImportLimits.DEFAULT)).hasMessageContaining("shoe");
    }

    @Test
    void badDateNamesLineAndColumn() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", header() + "Jane,Acme,Dev,01/03/2021,100,EUR\nJohn,Acme,Dev,31/02/2020,100,EUR\n");
        expect(() -> importer().importFile(f), 3, "Start", "not a valid date");
    }

    @Test
    void wrongTypeNamesLineAndColumn() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", header() + "Jane,Acme,Dev,01/03/2021,about 80k,EUR\n");
        expect(() -> importer().importFile(f), 2, "Gross salary (EUR)", "amount");
        Path g = Fixtures.write(dir, "q.csv", header() + "Jane,Acme,Dev,01/03/2021,100.005,EUR\n");
        expect(() -> importer().importFile(g), 2, "Gross salary (EUR)", "decimal places");
    }

    @Test
    void schemaViolationNamesTheColumnOfTheAttribute() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", header() + "Jane,Acme,Dev,01/03/2021,100,euro\n");
        expect(() -> importer().importFile(f), 2, "Currency", "schema");
        Path g = Fixtures.write(dir, "q.csv", header() + "Jane,,Dev,01/03/2021,100,EUR\n");
        expect(() -> importer().importFile(g), 2, "Employer", "employer");
    }

    @Test
    void missingColumnIsNamed() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", "Full name,Employer,Role,Start,Currency\nJane,Acme,Dev,01/03/2021,EUR\n");
        expect(() -> importer().importFile(f), 1, "Gross salary (EUR)", "column is missing");
    }

    @Test
    void raggedRowsEmptyFilesAndHeaderOnlyFilesAreRefused() throws Exception {
        Path ragged = Fixtures.write(dir, "r.csv", header() + "Jane,Acme,Dev,01/03/2021,100\n");
        expect(() -> importer().importFile(ragged), 2, null, "5 fields but the header has 6");
        Path empty = Fixtures.write(dir, "e.csv", "");
        expect(() -> importer().importFile(empty), 0, null, "empty");
        Path headerOnly = Fixtures.write(dir, "h.csv", header());
        expect(() -> importer().importFile(headerOnly), 0, null, "no rows");
        Path quote = Fixtures.write(dir, "u.csv", header() + "Jane,\"Acme,Dev,01/03/2021,100,EUR\n");
        assertThatThrownBy(() -> importer().importFile(quote)).isInstanceOf(ImportException.class);
    }

    @Test
    void nonUtf8IsRefusedNamingTheLine() throws Exception {
        byte[] latin1 = (header() + "Jane,Acme,Dev,01/03/2021,100,EUR\nJos\u00e9,M\u00fcller GmbH,Dev,01/03/2021,100,EUR\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.csv"), latin1);
        expect(() -> importer().importFile(f), 3, null, "not UTF-8");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeReading() throws Exception {
        Path f = Fixtures.write(dir, "big.csv", header() + "Jane,Acme,Dev,01/03/2021,100,EUR\n".repeat(100));
        ImportLimits small = new ImportLimits(1000, 1000, 1000, 10, 1000);
        CsvImporter i = new CsvImporter(schema(), MAPPING, "dd/MM/yyyy", small);
        expect(() -> i.importFile(f), 0, null, "more than the limit of 1000 bytes");
        ImportLimits fewRows = new ImportLimits(1 << 20, 1 << 20, 1 << 20, 10, 5);
        CsvImporter j = new CsvImporter(schema(), MAPPING, "dd/MM/yyyy", fewRows);
        expect(() -> j.importFile(f), 7, null, "more than 5 rows");
    }

    @Test
    void aMultiLineCellKeepsLineNumbersRight() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", "Note,Employer,Role,Start,Gross salary (EUR),Currency\n"
                + "\"two\nlines\",Acme,Dev,01/03/2021,100,EUR\n\"x\",Acme,Dev,2021-03-01,100,EUR\n");
        expect(() -> importer().importFile(f), 4, "Start", "date");
    }

    @Test
    void errorsNeverQuoteTheCell() throws Exception {
        Path f = Fixtures.write(dir, "p.csv", header() + "Jane,Acme,Dev,01/03/2021,secret-salary-913,EUR\n");
        assertThatThrownBy(() -> importer().importFile(f)).message().doesNotContain("secret-salary-913");
    }

    private static String header() {
        return "Full name,Employer,Role,Start,Gross salary (EUR),Currency\n";
    }

    private static CredentialSchema schema() {
        try {
            return SchemaRegistry.builtIn().latest("employment");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void expect(ThrowingCallable call, int line, String field, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImportException.class, e -> {
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).contains(text).endsWith("Nothing was imported.");
        });
    }
}
