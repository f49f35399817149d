package io.enclave.credentials.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A predicate with its constants: what a proof states about one attribute without revealing it. The constants are
 * public (a buyer sees them); {@link #encodedConstants()} are the field elements the circuit compares with.
 *
 * <p>For an age predicate the constants are the age in years and the day it holds on; the circuit compares the birth
 * date with one constant, the latest birth date ({@code asOf} minus the years) as yyyymmdd.
 */
public record Predicate(String schemaId, String id, String attribute, PredicateOp op, List<JsonNode> constants,
                        List<BigInteger> encodedConstants, String statement) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public Predicate {
        constants = constants.stream().map(Predicate::normalized).toList();
        encodedConstants = List.copyOf(encodedConstants);
    }

    /** Makes a predicate from a schema's template; wrong constants are refused with the reason. */
    public static Predicate create(CredentialSchema schema, String templateId, List<JsonNode> constants)
            throws SchemaException {
        PredicateTemplate t = schema.predicate(templateId);
        Attribute a = schema.attribute(t.attribute());
        String where = "Predicate " + templateId + " of " + schema.id();
        List<BigInteger> encoded = new ArrayList<>();
        if (t.fromAge()) {
            if (constants.size() != 2 || !constants.get(0).isIntegralNumber() || !constants.get(1).isTextual()) {
                throw new SchemaException(where + " takes an age in whole years and the day it holds on (yyyy-MM-dd)");
            }
            int years = constants.get(0).intValue();
            if (years < 1 || years > 150 || !constants.get(0).canConvertToInt()) {
                throw new SchemaException(where + ": the age must be from 1 to 150 years");
            }
            LocalDate asOf = FieldEncoding.parseDate("asOf", constants.get(1).textValue());
            encoded.add(BigInteger.valueOf(FieldEncoding.dateNumber(asOf.minusYears(years))));
        } else {
            int n = constants.size();
            if (t.op() == PredicateOp.IN ? n < 1 || n > PredicateOp.MAX_SET_SIZE : n != 1) {
                throw new SchemaException(where + " takes " + (t.op() == PredicateOp.IN ? "1 to " + PredicateOp.MAX_SET_SIZE
                        + " values" : "exactly one value") + ", not " + n);
            }
            Set<BigInteger> seen = new HashSet<>();
            for (JsonNode c : constants) {
                schema.requireValidValue(a.name(), c);
                BigInteger e = FieldEncoding.encode(a, c);
                if (!seen.add(e)) {
                    throw new SchemaException(where + ": the set lists the same value twice");
                }
                encoded.add(e);
            }
        }
        return new Predicate(schema.id(), t.id(), a.name(), t.op(), constants, encoded, statement(t, a, constants));
    }

    /** Age at least {@code years} on {@code asOf}, for an identity schema. */
    public static Predicate ageAtLeast(CredentialSchema schema, int years, LocalDate asOf) throws SchemaException {
        String template = schema.predicates().stream().filter(PredicateTemplate::fromAge).map(PredicateTemplate::id)
                .findFirst().orElseThrow(() -> new SchemaException("Schema " + schema.id() + " has no age predicate"));
        return create(schema, template, List.of(NODES.numberNode(years), NODES.textNode(asOf.toString())));
    }

    /** Whether {@code value} (this predicate's attribute) satisfies it: the proof can only be made when it does. */
    public boolean holds(CredentialSchema schema, JsonNode value) throws SchemaException {
        BigInteger v = FieldEncoding.encode(schema.attribute(attribute), value);
        BigInteger c = encodedConstants.get(0);
        return switch (op) {
            case GTE -> v.compareTo(c) >= 0;
            case LTE -> v.compareTo(c) <= 0;
            case EQ -> v.equals(c);
            case IN -> encodedConstants.contains(v);
        };
    }

    public ObjectNode toJson() {
        ObjectNode o = NODES.objectNode();
        o.put("schema", schemaId);
        o.put("id", id);
        o.put("attribute", attribute);
        o.put("op", op.id());
        ArrayNode cs = o.putArray("constants");
        constants.forEach(cs::add);
        ArrayNode es = o.putArray("encodedConstants");
        encodedConstants.forEach(e -> es.add(e.toString()));
        o.put("statement", statement);
        return o;
    }

    /** Reads a predicate back and rebuilds it from its schema: any field that does not match is an error. */
    public static Predicate fromJson(JsonNode o, SchemaRegistry schemas) throws SchemaException {
        if (o == null || !o.isObject()) {
            throw new SchemaException("The predicate is missing or not an object");
        }
        CredentialSchema schema = schemas.get(o.path("schema").asText(""));
        JsonNode cs = o.get("constants");
        if (cs == null || !cs.isArray()) {
            throw new SchemaException("The predicate has no constants");
        }
        List<JsonNode> constants = new ArrayList<>();
        cs.forEach(constants::add);
        Predicate p = create(schema, o.path("id").asText(""), constants);
        if (!java.util.Arrays.equals(CanonicalJson.canonicalize(p.toJson()), CanonicalJson.canonicalize(o))) {
            throw new SchemaException("The predicate " + p.id() + " does not match its schema (attribute, operator, encoded "
                    + "constants or statement were changed)");
        }
        return p;
    }

    /** Integers as one node type whatever their size, so that equal predicates are equal objects. */
    private static JsonNode normalized(JsonNode c) {
        if (c.isIntegralNumber()) {
            return c.canConvertToLong() ? NODES.numberNode(c.longValue()) : NODES.numberNode(c.bigIntegerValue());
        }
        return c.deepCopy();
    }

    private static String statement(PredicateTemplate t, Attribute a, List<JsonNode> constants) {
        if (t.fromAge()) {
            return t.label() + " " + constants.get(0).asText() + " years on " + constants.get(1).asText();
        }
        String values = constants.stream().map(c -> display(a, c)).collect(Collectors.joining(", "));
        String unit = a.unit().isEmpty() || a.decimals() > 0 ? "" : " (" + a.unit() + ")";
        return t.label() + (t.op() == PredicateOp.IN ? ": {" + values + "}" : " " + values) + unit
                + " [" + a.name() + " " + t.op().symbol() + "]";
    }

    /** A constant as a person reads it: 5000000 minor units with 2 decimals is 50000.00. */
    public static String display(Attribute a, JsonNode value) {
        if (a.decimals() > 0 && value.isIntegralNumber()) {
            return new BigDecimal(value.bigIntegerValue(), a.decimals()).toPlainString();
        }
        return value.asText();
    }
}
