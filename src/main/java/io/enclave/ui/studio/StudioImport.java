package io.enclave.ui.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.importer.BankStatementImporter;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportException;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.importer.JsonImporter;
import io.enclave.credentials.importer.LinkedInExportImporter;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The wizard's first two steps without JavaFX: the schema, the data file read by one of the importers (generic CSV or
 * JSON after a column mapping, a LinkedIn export ZIP, a bank statement CSV), the records it holds with what stays on
 * the device, and the check that an attestation signs the same value as the imported record. Every importer validates
 * the whole file before it returns anything: a bad file imports nothing and its error names the line and field.
 */
public final class StudioImport {
    /** Where the data comes from. */
    public enum Source {
        CSV("CSV file with a header line (map its columns)"),
        JSON("JSON file (map JSON pointers)"),
        LINKEDIN("LinkedIn data export (ZIP)"),
        BANK("Bank statement CSV (Date, Description, Amount, Balance)");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether this source can give records of the schema's type. */
        public boolean fits(CredentialSchema schema) {
            return switch (this) {
                case CSV, JSON -> true;
                case LINKEDIN -> schema.type().equals("employment") || schema.type().equals("education");
                case BANK -> schema.type().equals("financial");
            };
        }

        /** Whether the person maps attributes to columns or pointers before importing. */
        public boolean mapped() {
            return this == CSV || this == JSON;
        }
    }

    /** How to read the file: date pattern, JSON records pointer, statement currency. */
    public record Options(String dateFormat, String recordsAt, String currency) {
        public static final Options DEFAULTS = new Options("yyyy-MM-dd", "", "EUR");
    }

    private final SchemaRegistry schemas;
    private final ImportLimits limits;

    public StudioImport(SchemaRegistry schemas, ImportLimits limits) {
        this.schemas = schemas;
        this.limits = limits;
    }

    /** The five built-in schemas, latest versions, in the registry's order. */
    public List<CredentialSchema> schemas() {
        return List.copyOf(schemas.all());
    }

    /** The header of a CSV file, for the mapping step. */
    public List<String> columns(Path file) throws ImportException {
        return CsvImporter.columns(file, limits);
    }

    /**
     * A first guess of the mapping: the column whose name, ignoring case, spaces and punctuation, contains the
     * attribute's name or is contained in it. Unmatched attributes stay unmapped.
     */
    public static Map<String, String> guessMapping(CredentialSchema schema, List<String> columns) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Attribute a : schema.attributes()) {
            String name = squash(a.name());
            for (String c : columns) {
                String col = squash(c);
                if (!col.isEmpty() && (col.equals(name) || col.contains(name) || name.contains(col))
                        && !out.containsValue(c)) {
                    out.put(a.name(), c);
                    break;
                }
            }
        }
        return out;
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Reads the file. For CSV the mapping is attribute → column, for JSON attribute → JSON pointer; LinkedIn and bank
     * statements need none.
     */
    public ImportResult read(CredentialSchema schema, Source source, Path file, Map<String, String> mapping,
                             Options options) throws ImportException, SchemaException {
        if (!source.fits(schema)) {
            throw new SchemaException("A " + source.label() + " gives no " + schema.title() + " records: choose another "
                    + "source or schema.");
        }
        return switch (source) {
            case CSV -> new CsvImporter(schema, mapping, options.dateFormat(), limits).importFile(file);
            case JSON -> new JsonImporter(schema, options.recordsAt(), mapping, limits).importFile(file);
            case BANK -> new BankStatementImporter(schemas, options.currency(), options.dateFormat(), limits)
                    .importFile(file);
            case LINKEDIN -> {
                LinkedInExportImporter.LinkedInImport both = new LinkedInExportImporter(schemas, limits).importZip(file);
                ImportResult r = schema.type().equals("employment") ? both.positions() : both.education();
                if (r.records().isEmpty()) {
                    throw new ImportException(file.getFileName().toString(), 0, null, "the export holds no "
                            + schema.title().toLowerCase(Locale.ROOT) + " records");
                }
                yield r;
            }
        };
    }

    /** One attribute of an imported record as a person reads it. */
    public record Value(String attribute, String value) {
    }

    /** Every attribute value of a record (it all stays on this device). */
    public static List<Value> values(CredentialSchema schema, ImportedRecord record) {
        List<Value> out = new ArrayList<>();
        JsonNode values = record.values();
        for (Attribute a : schema.attributes()) {
            JsonNode v = values.get(a.name());
            if (v != null) {
                out.add(new Value(a.name(), Predicate.display(a, v)));
            }
        }
        return out;
    }

    /** How an attestation relates to the imported record. */
    public record Match(boolean matches, String detail) {
    }

    /**
     * Whether the attestation signs the value the imported record holds for its attribute: same schema, same value.
     * Without a record there is nothing to compare (the attested value is used as it is).
     */
    public Match match(ImportedRecord record, CredentialSchema schema, Attestation a) {
        if (record == null) {
            return new Match(true, "no data file imported: the proof uses the attested value");
        }
        if (!a.schemaId().equals(schema.id())) {
            String theirs;
            try {
                theirs = schemas.get(a.schemaId()).title();
            } catch (SchemaException e) {
                theirs = a.schemaId();
            }
            return new Match(false, "the attestation is for the " + theirs + " schema, your data for " + schema.title()
                    + ": go back to step 1 and choose " + theirs);
        }
        JsonNode mine = record.values().get(a.attribute());
        if (mine == null) {
            return new Match(false, record.origin() + " has no " + a.attribute() + ", the attested attribute: map it "
                    + "or choose another record");
        }
        try {
            Attribute attribute = schema.attribute(a.attribute());
            if (!same(mine, a.value())) {
                return new Match(false, "the issuer attested " + a.attribute() + " = " + Predicate.display(attribute,
                        a.value()) + " but " + record.origin() + " says " + Predicate.display(attribute, mine)
                        + ": correct the file, choose the right record, or ask the issuer");
            }
            return new Match(true, a.attribute() + " = " + Predicate.display(attribute, mine) + ", as in "
                    + record.origin());
        } catch (SchemaException e) {
            return new Match(false, e.getMessage());
        }
    }

    /** Equal values; numbers compare by value whatever node type the parser chose (an int against a long). */
    static boolean same(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }
}
