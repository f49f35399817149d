package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports any CSV file with a header line, one record per row, after a column-mapping step: {@link #columns} shows the
 * columns, the person maps attributes to them, {@link #importFile} reads every row and validates every record before
 * it returns anything.
 */
public final class CsvImporter {
    private final CredentialSchema schema;
    private final Map<String, String> columnOf;
    private final ValueParser values;
    private final ImportLimits limits;

    /**
     * @param mapping    attribute name → column name; required attributes must be mapped
     * @param dateFormat pattern of the file's dates, e.g. {@code yyyy-MM-dd} or {@code dd/MM/yyyy}
     */
    public CsvImporter(CredentialSchema schema, Map<String, String> mapping, String dateFormat, ImportLimits limits)
            throws SchemaException {
        for (String attribute : mapping.keySet()) {
            schema.attribute(attribute);
        }
        for (Attribute a : schema.attributes()) {
            if (a.required() && !mapping.containsKey(a.name())) {
                throw new SchemaException("Map a column to '" + a.name() + "': schema " + schema.id() + " requires it");
            }
        }
        this.schema = schema;
        this.columnOf = new LinkedHashMap<>(mapping);
        this.values = new ValueParser(dateFormatter(dateFormat));
        this.limits = limits;
    }

    /** The header of a CSV file, for the mapping step. */
    public static List<String> columns(Path file, ImportLimits limits) throws ImportException {
        String name = file.getFileName().toString();
        String text = SourceText.decodeUtf8(SourceText.readFile(file, limits.maxFileBytes()), name);
        return CsvTable.parse(text, name, limits.maxRecords()).columns();
    }

    public ImportResult importFile(Path file) throws ImportException {
        String name = file.getFileName().toString();
        return importText(SourceText.decodeUtf8(SourceText.readFile(file, limits.maxFileBytes()), name), name);
    }

    ImportResult importText(String text, String source) throws ImportException {
        CsvTable table = CsvTable.parse(text, source, limits.maxRecords());
        table.requireColumns(List.copyOf(columnOf.values()));
        if (table.rows().isEmpty()) {
            throw new ImportException(source, 0, null, "the file has a header but no rows");
        }
        List<ImportedRecord> records = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (Attribute a : schema.attributes()) {
                String column = columnOf.get(a.name());
                String raw = column == null ? "" : row.get(column);
                if (raw.isEmpty()) {
                    continue;
                }
                try {
                    record.set(a.name(), values.parse(a, raw));
                } catch (ValueParser.BadValue e) {
                    throw new ImportException(source, row.line(), column, e.getMessage());
                }
            }
            Records.validate(schema, record, source, row.line(), a -> columnOf.getOrDefault(a, a));
            records.add(new ImportedRecord(record, source + " line " + row.line()));
        }
        return new ImportResult(schema, records);
    }

    static DateTimeFormatter dateFormatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), java.util.Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern (try yyyy-MM-dd or dd/MM/yyyy)", e);
        }
    }
}
