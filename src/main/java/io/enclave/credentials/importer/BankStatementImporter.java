package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Imports a bank statement CSV with a running balance (columns Date, Description, Amount, Balance; any order, any
 * case) into one financial record: the balance at the end, the lowest balance over the period (the opening balance
 * included), the calendar months covered. Rows may be oldest or newest first. Every row's balance must follow from
 * the previous balance and its amount, so an edited or incomplete statement is refused at the first line that does
 * not add up. Descriptions are not read.
 */
public final class BankStatementImporter {
    private final CredentialSchema financial;
    private final String currency;
    private final ValueParser values;
    private final ImportLimits limits;

    /**
     * @param currency   ISO 4217 code of the account (amounts are read with 2 decimals)
     * @param dateFormat pattern of the Date column, e.g. {@code yyyy-MM-dd} or {@code dd/MM/yyyy}
     */
    public BankStatementImporter(SchemaRegistry schemas, String currency, String dateFormat, ImportLimits limits)
            throws SchemaException {
        this.financial = schemas.latest("financial");
        if (!currency.matches("[A-Z]{3}")) {
            throw new SchemaException("The currency must be an ISO 4217 code such as EUR or USD");
        }
        this.currency = currency;
        this.values = new ValueParser(CsvImporter.dateFormatter(dateFormat));
        this.limits = limits;
    }

    private record Entry(int line, LocalDate date, BigInteger amount, BigInteger balance) {
    }

    public ImportResult importFile(Path file) throws ImportException {
        String name = file.getFileName().toString();
        CsvTable table = CsvTable.parse(SourceText.decodeUtf8(SourceText.readFile(file, limits.maxFileBytes()), name), name,
                limits.maxRecords());
        String date = column(table, "Date");
        String amount = column(table, "Amount");
        String balance = column(table, "Balance");
        if (table.rows().isEmpty()) {
            throw new ImportException(name, 0, null, "the statement has a header but no transactions");
        }
        int decimals = attributeDecimals();
        List<Entry> entries = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String field = date;
            try {
                LocalDate d = values.date(required(row, date, name));
                field = amount;
                BigInteger a = ValueParser.amount(required(row, amount, name), decimals).toBigIntegerExact();
                field = balance;
                BigInteger b = ValueParser.amount(required(row, balance, name), decimals).toBigIntegerExact();
                entries.add(new Entry(row.line(), d, a, b));
            } catch (ValueParser.BadValue e) {
                throw new ImportException(name, row.line(), field, e.getMessage());
            }
        }
        if (entries.size() > 1 && entries.get(0).date().isAfter(entries.get(entries.size() - 1).date())) {
            Collections.reverse(entries);
        }
        BigInteger opening = entries.get(0).balance().subtract(entries.get(0).amount());
        BigInteger minimum = opening;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (i > 0) {
                Entry before = entries.get(i - 1);
                if (e.date().isBefore(before.date())) {
                    throw new ImportException(name, e.line(), date, "the dates are out of order; export the statement sorted"
                            + " by date");
                }
                if (!before.balance().add(e.amount()).equals(e.balance())) {
                    throw new ImportException(name, e.line(), balance, "the balance does not follow from the previous row's "
                            + "balance and this row's amount: the statement is incomplete or was edited");
                }
            }
            minimum = minimum.min(e.balance());
        }
        Entry first = entries.get(0);
        Entry last = entries.get(entries.size() - 1);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("currency", currency);
        r.put("currentBalance", last.balance());
        r.put("minimumBalance", minimum);
        r.put("monthsCovered", (last.date().getYear() - first.date().getYear()) * 12
                + last.date().getMonthValue() - first.date().getMonthValue() + 1);
        r.put("periodStart", first.date().toString());
        r.put("periodEnd", last.date().toString());
        Records.validate(financial, r, name, 0, a -> a);
        return new ImportResult(financial, List.of(new ImportedRecord(r, name + " lines " + table.rows().get(0).line()
                + "-" + table.rows().get(table.rows().size() - 1).line())));
    }

    private int attributeDecimals() {
        return financial.findAttribute("currentBalance").orElseThrow().decimals();
    }

    private static String column(CsvTable table, String wanted) throws ImportException {
        for (String c : table.columns()) {
            if (c.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new ImportException(table.source(), 1, wanted, "the column is missing (a statement needs Date, Amount and "
                + "Balance; the header has " + table.columns() + ")");
    }

    private static String required(CsvTable.Row row, String column, String source) throws ImportException {
        String v = row.get(column);
        if (v.isEmpty()) {
            throw new ImportException(source, row.line(), column, "the cell is empty");
        }
        return v;
    }
}
