package io.enclave.credentials.importer;

import static io.enclave.credentials.importer.CsvImporterTest.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.schema.SchemaRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankStatementImporterTest {
    @TempDir
    Path dir;

    private BankStatementImporter importer(String dateFormat) throws Exception {
        return new BankStatementImporter(SchemaRegistry.builtIn(), "EUR", dateFormat, ImportLimits.DEFAULT);
    }

    @Test
    void derivesBalancesAndMonthsFromARealisticStatement() throws Exception {
        ImportResult r = importer("yyyy-MM-dd").importFile(Fixtures.copy("bank-statement.csv", dir));
        assertThat(r.records()).singleElement().satisfies(rec -> {
            assertThat(rec.values().toString()).isEqualTo("{\"currency\":\"EUR\",\"currentBalance\":1248826,"
                    + "\"minimumBalance\":175040,\"monthsCovered\":3,\"periodStart\":\"2026-05-01\","
                    + "\"periodEnd\":\"2026-07-25\"}");
            assertThat(rec.origin()).isEqualTo("bank-statement.csv lines 2-10");
        });
    }

    @Test
    void newestFirstStatementsAndOtherDateFormatsAndColumnCase() throws Exception {
        Path f = Fixtures.write(dir, "s.csv", "date,amount,balance,description\n"
                + "02/01/2026,-100.00,-20.00,card\n31/12/2025,50.00,80.00,refund\n15/11/2025,10.00,30.00,interest\n");
        ImportResult r = importer("dd/MM/yyyy").importFile(f);
        assertThat(r.records().get(0).values().toString()).isEqualTo("{\"currency\":\"EUR\",\"currentBalance\":-2000,"
                + "\"minimumBalance\":-2000,\"monthsCovered\":3,\"periodStart\":\"2025-11-15\",\"periodEnd\":\"2026-01-02\"}");
    }

    @Test
    void anEditedBalanceIsCaughtAtItsLine() throws Exception {
        String edited = new String(Fixtures.bytes("bank-statement.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"7,398.25\"", "\"17,398.25\"");
        Path f = Fixtures.write(dir, "edited.csv", edited);
        expect(() -> importer("yyyy-MM-dd").importFile(f), 4, "Balance", "does not follow");
    }

    @Test
    void malformedStatements() throws Exception {
        String h = "Date,Description,Amount,Balance\n";
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "a.csv", h + "2026-01-01,x,10.00,10.00\n"
                + "2026-13-01,y,1.00,11.00\n")), 3, "Date", "not a valid date");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "b.csv", h + "2026-01-01,x,ten,10.00\n")),
                2, "Amount", "amount");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "c.csv", h + "2026-01-01,x,10.00,\n")),
                2, "Balance", "empty");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "d.csv", "Date,Description,Amount\n"
                + "2026-01-01,x,10.00\n")), 1, "Balance", "column is missing");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "e.csv", h)), 0, null, "no transactions");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "f.csv", h + "2026-01-05,x,1.00,1.00\n"
                + "2026-01-01,y,1.00,2.00\n2026-01-09,z,1.00,3.00\n")), 3, "Date", "out of order");
        expect(() -> importer("yyyy-MM-dd").importFile(Fixtures.write(dir, "g.csv", "")), 0, null, "empty");
    }

    @Test
    void aWrongCurrencyCodeIsRefused() {
        assertThatThrownBy(() -> new BankStatementImporter(SchemaRegistry.builtIn(), "euro", "yyyy-MM-dd",
                ImportLimits.DEFAULT)).hasMessageContaining("ISO 4217");
    }
}
