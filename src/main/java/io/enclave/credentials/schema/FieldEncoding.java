package io.enclave.credentials.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.text.Normalizer;
import org.web3j.crypto.Hash;

/**
 * Turns attribute values into BN254 scalar field elements, the circuits' inputs (docs/CREDENTIALS.md, "Field encoding").
 * Two implementations that follow that text produce the same elements; the tests pin known answers. Error messages
 * name the attribute, never its value (they may reach a log).
 */
public final class FieldEncoding {
    /** The BN254 scalar field modulus r. */
    public static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private FieldEncoding() {
    }

    /** The field element of {@code value} for {@code attribute}; a value of the wrong kind is refused, naming it. */
    public static BigInteger encode(Attribute attribute, JsonNode value) throws SchemaException {
        String name = attribute.name();
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new SchemaException("Attribute '" + name + "' has no value");
        }
        return switch (attribute.encoding()) {
            case INTEGER -> {
                BigInteger v = integer(name, value);
                if (v.signum() < 0 || v.compareTo(TWO_64) >= 0) {
                    throw new SchemaException("Attribute '" + name + "' must be an integer from 0 to 2^64 - 1");
                }
                yield v;
            }
            case SIGNED_INTEGER -> {
                BigInteger v = integer(name, value);
                if (v.compareTo(TWO_63.negate()) < 0 || v.compareTo(TWO_63) >= 0) {
                    throw new SchemaException("Attribute '" + name + "' must be an integer from -2^63 to 2^63 - 1");
                }
                yield v.add(TWO_63);
            }
            case DATE -> {
                if (!value.isTextual()) {
                    throw new SchemaException("Attribute '" + name + "' must be a date written yyyy-MM-dd");
                }
                yield BigInteger.valueOf(dateNumber(parseDate(name, value.textValue())));
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw new SchemaException("Attribute '" + name + "' must be text");
                }
                yield encodeString(value.textValue());
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new SchemaException("Attribute '" + name + "' must be true or false");
                }
                yield value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
            }
        };
    }

    /** keccak256(UTF-8(NFC(trim(text)))) mod r, with trim as ECMAScript's {@code String.prototype.trim}. */
    public static BigInteger encodeString(String text) throws SchemaException {
        String normalized = normalize(text);
        if (normalized.isEmpty()) {
            throw new SchemaException("An empty text (or only spaces) cannot be encoded");
        }
        return new BigInteger(1, Hash.sha3(normalized.getBytes(StandardCharsets.UTF_8))).mod(R);
    }

    /** The text as it is hashed: leading and trailing white space removed, then Unicode NFC. */
    public static String normalize(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return Normalizer.normalize(text.substring(start, end), Normalizer.Form.NFC);
    }

    /** yyyymmdd as an integer, e.g. 2024-03-09 → 20240309. */
    public static long dateNumber(LocalDate date) {
        return date.getYear() * 10000L + date.getMonthValue() * 100L + date.getDayOfMonth();
    }

    /** A strict ISO calendar date (yyyy-MM-dd, years 1000 to 9999); the error names the attribute. */
    public static LocalDate parseDate(String attribute, String text) throws SchemaException {
        try {
            LocalDate d = LocalDate.parse(text, ISO_DATE);
            if (d.getYear() < 1000 || d.getYear() > 9999) {
                throw new SchemaException("Attribute '" + attribute + "': the year must be from 1000 to 9999");
            }
            return d;
        } catch (DateTimeException e) {
            throw new SchemaException("Attribute '" + attribute + "' is not a valid date written yyyy-MM-dd", e);
        }
    }

    private static BigInteger integer(String name, JsonNode value) throws SchemaException {
        if (!value.isIntegralNumber()) {
            throw new SchemaException("Attribute '" + name + "' must be a whole number");
        }
        return value.bigIntegerValue();
    }

    // ECMAScript WhiteSpace and LineTerminator code points (ECMA-262 §12.2, §12.3).
    private static boolean isJsWhitespace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000 || c == 0xFEFF;
    }
}
