package io.enclave.credentials.importer;

import static io.enclave.credentials.importer.CsvImporterTest.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.schema.SchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonImporterTest {
    private static final Map<String, String> MAPPING = Map.of("employer", "/company/name", "title", "/role",
            "startDate", "/period/from", "endDate", "/period/to", "annualSalary", "/pay/annual", "currency", "/pay/currency");
    @TempDir
    Path dir;

    private JsonImporter importer() throws Exception {
        return new JsonImporter(SchemaRegistry.builtIn().latest("employment"), "/positions", MAPPING, ImportLimits.DEFAULT);
    }

    @Test
    void importsEveryRecordAtThePointer() throws Exception {
        ImportResult r = importer().importFile(Fixtures.copy("employment.json", dir));
        assertThat(r.records()).hasSize(2);
        assertThat(r.records().get(0).values().toString()).isEqualTo("{\"employer\":\"Northwind Robotics\","
                + "\"title\":\"Senior Software Engineer\",\"startDate\":\"2021-03-01\",\"annualSalary\":8250000,"
                + "\"currency\":\"EUR\"}");
        assertThat(r.records().get(1).values().get("annualSalary").longValue()).isEqualTo(6400050);
        assertThat(r.records().get(1).values().get("endDate").asText()).isEqualTo("2021-02-28");
        assertThat(r.records().get(1).origin()).isEqualTo("employment.json /positions/1");
    }

    @Test
    void aSingleObjectIsOneRecord() throws Exception {
        Path f = Fixtures.write(dir, "one.json", """
                {"company": {"name": "Acme"}, "role": "Dev", "period": {"from": "2020-01-01"}}""");
        JsonImporter i = new JsonImporter(SchemaRegistry.builtIn().latest("employment"), "", MAPPING, ImportLimits.DEFAULT);
        assertThat(i.importFile(f).records()).hasSize(1);
    }

    @Test
    void malformedFilesNameTheLineOrThePointer() throws Exception {
        Path broken = Fixtures.write(dir, "b.json", "{\n  \"positions\": [\n    {\"role\": \"Dev\",}\n  ]\n}");
        expect(() -> importer().importFile(broken), 3, null, "not valid JSON");
        Path badDate = Fixtures.write(dir, "d.json", """
                {"positions": [{"company": {"name": "Acme"}, "role": "Dev", "period": {"from": "2020-02-30"}}]}""");
        expect(() -> importer().importFile(badDate), 0, "/positions/0/period/from", "date");
        Path wrongType = Fixtures.write(dir, "t.json", """
                {"positions": [{"company": {"name": ["Acme"]}, "role": "Dev", "period": {"from": "2020-02-03"}}]}""");
        expect(() -> importer().importFile(wrongType), 0, "/positions/0/company/name", "expected text, found array");
        Path missing = Fixtures.write(dir, "m.json", """
                {"positions": [{"company": {"name": "Acme"}, "period": {"from": "2020-02-03"}}]}""");
        expect(() -> importer().importFile(missing), 0, "/positions/0/role", "title");
        Path notThere = Fixtures.write(dir, "n.json", "{\"jobs\": []}");
        expect(() -> importer().importFile(notThere), 0, "/positions", "no object or array");
        Path emptyArray = Fixtures.write(dir, "e.json", "{\"positions\": []}");
        expect(() -> importer().importFile(emptyArray), 0, "/positions", "nothing to import");
        Path empty = Fixtures.write(dir, "z.json", "");
        expect(() -> importer().importFile(empty), 0, null, "empty");
    }

    @Test
    void aBadSecondRecordImportsNothing() throws Exception {
        Path f = Fixtures.write(dir, "two.json", """
                {"positions": [{"company": {"name": "Acme"}, "role": "Dev", "period": {"from": "2020-02-03"}},
                               {"company": {"name": "Acme"}, "role": "Dev", "period": {"from": "2020-02-03"},
                                "pay": {"annual": -5, "currency": "EUR"}}]}""");
        expect(() -> importer().importFile(f), 0, "/positions/1/pay/annual", "annualSalary");
    }

    @Test
    void invalidPointersAreRefused() {
        assertThatThrownBy(() -> new JsonImporter(SchemaRegistry.builtIn().latest("employment"), "positions", MAPPING,
                ImportLimits.DEFAULT)).hasMessageContaining("not a JSON pointer");
    }
}
