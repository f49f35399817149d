package io.enclave.credentials.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON Canonicalization Scheme (RFC 8785) for the documents Enclave hashes and signs.
 *
 * <p>Object members are sorted by their names' UTF-16 code units, strings are escaped as ECMAScript's
 * {@code JSON.stringify} does, no whitespace is emitted. Numbers: Enclave documents carry integers only (amounts, dates
 * and field elements as decimal strings when they exceed 2^53), so any number that is not an integer within
 * ±(2^53 − 1) is refused with an error instead of risking a serialization another implementation would not reproduce.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BigInteger MAX_SAFE = BigInteger.valueOf((1L << 53) - 1);

    private CanonicalJson() {
    }

    /** Canonical UTF-8 bytes of a JSON text. */
    public static byte[] canonicalize(String json) throws IOException {
        return canonicalize(MAPPER.readTree(json));
    }

    /** Canonical UTF-8 bytes of a Jackson tree or any value Jackson can turn into one. */
    public static byte[] canonicalize(Object value) {
        JsonNode node = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
        StringBuilder out = new StringBuilder();
        write(node, out, "$");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out, String path) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    fields.add(it.next());
                }
                fields.sort(Map.Entry.comparingByKey()); // String.compareTo orders by UTF-16 code units
                out.append('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(fields.get(i).getKey(), out);
                    out.append(':');
                    write(fields.get(i).getValue(), out, path + "." + fields.get(i).getKey());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, path + "[" + i + "]");
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out, path);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("Not JSON data at " + path + ": " + type);
        }
    }

    private static void number(JsonNode node, StringBuilder out, String path) {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else {
            java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
            if (d.scale() > 0) {
                throw new IllegalArgumentException("Number at " + path + " is not an integer (" + node
                        + "): write fractional values as strings in Enclave documents");
            }
            value = d.toBigIntegerExact();
        }
        if (value.abs().compareTo(MAX_SAFE) > 0) {
            throw new IllegalArgumentException("Number at " + path + " exceeds 2^53 - 1 (" + value
                    + "): write it as a decimal string");
        }
        out.append(value);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
