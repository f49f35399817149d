package io.enclave.credentials.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned credential schema: a JSON Schema (draft 2020-12) whose properties are the attributes, with Enclave's
 * {@code x-enclave} annotations for each attribute's field encoding and the schema's predicate catalog.
 */
public final class CredentialSchema {
    /** Draft 2020-12 with Enclave's annotation keyword declared (so it is neither validated nor warned about). */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new NonValidationKeyword("x-enclave")).build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).pathType(PathType.LEGACY).build();

    private final String id;
    private final String type;
    private final int version;
    private final String title;
    private final List<Attribute> attributes;
    private final List<PredicateTemplate> predicates;
    private final JsonSchema validator;
    private final Map<String, JsonSchema> propertyValidators;

    private CredentialSchema(String id, String type, int version, String title, List<Attribute> attributes,
                             List<PredicateTemplate> predicates, JsonSchema validator,
                             Map<String, JsonSchema> propertyValidators) {
        this.id = id;
        this.type = type;
        this.version = version;
        this.title = title;
        this.attributes = List.copyOf(attributes);
        this.predicates = List.copyOf(predicates);
        this.validator = validator;
        this.propertyValidators = Map.copyOf(propertyValidators);
    }

    /** Reads a schema document; anything missing or inconsistent is named. */
    public static CredentialSchema parse(JsonNode doc) throws SchemaException {
        String id = text(doc, "$id", "the schema");
        JsonNode meta = doc.path("x-enclave");
        String type = text(meta, "type", id + " x-enclave");
        int version = meta.path("version").asInt(0);
        if (version < 1 || !id.equals("urn:enclave:schema:" + type + ":" + version)) {
            throw new SchemaException("Schema " + id + ": $id must be urn:enclave:schema:<type>:<version>");
        }
        Set<String> required = new HashSet<>();
        doc.path("required").forEach(r -> required.add(r.asText()));
        List<Attribute> attributes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode x = p.getValue().path("x-enclave");
            attributes.add(new Attribute(p.getKey(), AttributeEncoding.ofId(text(x, "encoding", id + " " + p.getKey())),
                    x.path("unit").asText(""), x.path("decimals").asInt(0), p.getValue().path("description").asText(""),
                    required.contains(p.getKey())));
        }
        if (attributes.isEmpty()) {
            throw new SchemaException("Schema " + id + " has no attributes");
        }
        List<PredicateTemplate> predicates = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode p : meta.path("predicates")) {
            String pid = text(p, "id", id + " predicate");
            String attr = text(p, "attribute", id + " predicate " + pid);
            PredicateOp op = PredicateOp.ofId(text(p, "op", id + " predicate " + pid));
            boolean fromAge = "age".equals(p.path("constant").asText(""));
            Attribute a = attributes.stream().filter(x -> x.name().equals(attr)).findFirst()
                    .orElseThrow(() -> new SchemaException("Schema " + id + " predicate " + pid + ": no attribute " + attr));
            if ((op == PredicateOp.GTE || op == PredicateOp.LTE) && !a.encoding().ordered()) {
                throw new SchemaException("Schema " + id + " predicate " + pid + ": " + attr + " has no order");
            }
            if (fromAge && (a.encoding() != AttributeEncoding.DATE || op != PredicateOp.LTE)) {
                throw new SchemaException("Schema " + id + " predicate " + pid + ": an age applies to a birth date with lte");
            }
            if (!ids.add(pid)) {
                throw new SchemaException("Schema " + id + ": predicate id " + pid + " is used twice");
            }
            predicates.add(new PredicateTemplate(pid, attr, op, p.path("label").asText(pid), fromAge));
        }
        JsonSchema validator;
        Map<String, JsonSchema> properties = new java.util.HashMap<>();
        try {
            validator = FACTORY.getSchema(doc, CONFIG);
            for (Attribute a : attributes) {
                properties.put(a.name(), FACTORY.getSchema(doc.path("properties").path(a.name()), CONFIG));
            }
        } catch (RuntimeException e) {
            throw new SchemaException("Schema " + id + " is not a valid JSON Schema: " + e.getMessage(), e);
        }
        return new CredentialSchema(id, type, version, doc.path("title").asText(type), attributes, predicates, validator,
                properties);
    }

    /** Every way {@code record} breaks the schema, each starting with the JSON path ({@code $.startDate: ...}). */
    public List<String> validate(JsonNode record) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : validator.validate(record)) {
            problems.add(m.getMessage());
        }
        problems.sort(null);
        if (problems.isEmpty()) {
            for (Attribute a : attributes) {
                JsonNode v = record.get(a.name());
                if (v != null) {
                    try {
                        FieldEncoding.encode(a, v);
                    } catch (SchemaException e) {
                        problems.add("$." + a.name() + ": " + e.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    /** Checks one attribute's value on its own (type, range, pattern, format, field encoding). */
    public void requireValidValue(String attributeName, JsonNode value) throws SchemaException {
        Attribute a = attribute(attributeName);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : propertyValidators.get(a.name()).validate(value)) {
            problems.add(m.getMessage().replaceFirst("^\\$", "\\$." + a.name()));
        }
        if (!problems.isEmpty()) {
            throw new SchemaException("A value of '" + a.name() + "' does not fit schema " + id + ": "
                    + String.join("; ", problems));
        }
        FieldEncoding.encode(a, value);
    }

    /** Throws with every problem listed when {@code record} does not fit. */
    public void requireValid(JsonNode record, String where) throws SchemaException {
        List<String> problems = validate(record);
        if (!problems.isEmpty()) {
            throw new SchemaException(where + " does not fit schema " + id + ": " + String.join("; ", problems));
        }
    }

    public Attribute attribute(String name) throws SchemaException {
        return findAttribute(name).orElseThrow(() -> new SchemaException("Schema " + id + " has no attribute '" + name
                + "' (it has " + attributes.stream().map(Attribute::name).toList() + ")"));
    }

    public Optional<Attribute> findAttribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public PredicateTemplate predicate(String predicateId) throws SchemaException {
        return predicates.stream().filter(p -> p.id().equals(predicateId)).findFirst()
                .orElseThrow(() -> new SchemaException("Schema " + id + " offers no predicate '" + predicateId + "' (it offers "
                        + predicates.stream().map(PredicateTemplate::id).toList() + ")"));
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    public String title() {
        return title;
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public List<PredicateTemplate> predicates() {
        return predicates;
    }

    @Override
    public String toString() {
        return id;
    }

    private static String text(JsonNode node, String field, String where) throws SchemaException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new SchemaException(where + ": '" + field + "' is missing");
        }
        return v.textValue();
    }
}
