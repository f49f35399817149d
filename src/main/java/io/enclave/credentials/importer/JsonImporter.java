package io.enclave.credentials.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.AttributeEncoding;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports any JSON document with a JSON-pointer mapping: {@code recordsAt} points at one object or an array of objects
 * (empty for the whole document), and each attribute is read at a pointer relative to a record ({@code /pay/annual}).
 * Amounts are read as people write them (major units), dates as {@code yyyy-MM-dd} text.
 */
public final class JsonImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CredentialSchema schema;
    private final JsonPointer recordsAt;
    private final Map<String, JsonPointer> pointers = new LinkedHashMap<>();
    private final ImportLimits limits;
    private final ValueParser values = new ValueParser(CsvImporter.dateFormatter("yyyy-MM-dd"));

    public JsonImporter(CredentialSchema schema, String recordsAt, Map<String, String> mapping, ImportLimits limits)
            throws SchemaException {
        this.schema = schema;
        this.recordsAt = pointer(recordsAt);
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            schema.attribute(m.getKey());
            pointers.put(m.getKey(), pointer(m.getValue()));
        }
        for (Attribute a : schema.attributes()) {
            if (a.required() && !mapping.containsKey(a.name())) {
                throw new SchemaException("Map a JSON pointer to '" + a.name() + "': schema " + schema.id() + " requires it");
            }
        }
        this.limits = limits;
    }

    public ImportResult importFile(Path file) throws ImportException {
        String name = file.getFileName().toString();
        String text = SourceText.decodeUtf8(SourceText.readFile(file, limits.maxFileBytes()), name);
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new ImportException(name, at == null ? 0 : at.getLineNr(), null, "the file is not valid JSON ("
                    + e.getOriginalMessage().replaceAll("\\(.*", "").trim() + ")", e);
        } catch (IOException e) {
            throw new ImportException(name, 0, null, "the file is not valid JSON", e);
        }
        JsonNode at = doc.at(recordsAt);
        List<JsonNode> items = new ArrayList<>();
        if (at.isArray()) {
            at.forEach(items::add);
        } else if (at.isObject()) {
            items.add(at);
        } else {
            throw new ImportException(name, 0, recordsAt.toString(), "no object or array of objects here");
        }
        if (items.isEmpty()) {
            throw new ImportException(name, 0, recordsAt.toString(), "the array is empty: there is nothing to import");
        }
        if (items.size() > limits.maxRecords()) {
            throw new ImportException(name, 0, recordsAt.toString(), "more than " + limits.maxRecords() + " records");
        }
        List<ImportedRecord> records = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String base = recordsAt + (at.isArray() ? "/" + i : "");
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (Attribute a : schema.attributes()) {
                JsonPointer p = pointers.get(a.name());
                JsonNode v = p == null ? null : items.get(i).at(p);
                if (v == null || v.isMissingNode() || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
                    continue;
                }
                record.set(a.name(), value(a, v, name, base + p));
            }
            Records.validate(schema, record, name, 0, a -> pointers.containsKey(a) ? base + pointers.get(a) : a);
            records.add(new ImportedRecord(record, name + " " + (base.isEmpty() ? "/" : base)));
        }
        return new ImportResult(schema, records);
    }

    private JsonNode value(Attribute a, JsonNode v, String source, String where) throws ImportException {
        try {
            if (a.encoding() == AttributeEncoding.BOOLEAN && v.isBoolean()) {
                return v;
            }
            if (v.isNumber() || (v.isTextual() && a.encoding() != AttributeEncoding.STRING)) {
                return values.parse(a, v.asText().trim());
            }
            if (v.isTextual()) {
                return values.parse(a, v.textValue().trim());
            }
            throw new ImportException(source, 0, where, "expected " + (a.encoding() == AttributeEncoding.STRING ? "text"
                    : "a single value") + ", found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        } catch (ValueParser.BadValue e) {
            throw new ImportException(source, 0, where, e.getMessage());
        }
    }

    private static JsonPointer pointer(String p) throws SchemaException {
        try {
            return JsonPointer.compile(p);
        } catch (IllegalArgumentException e) {
            throw new SchemaException("'" + p + "' is not a JSON pointer (it starts with /, e.g. /employer/name)", e);
        }
    }
}
