package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.credentials.schema.FieldEncoding;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Set;

/** Strict reading of Enclave documents: every problem names its field. */
public final class Json {
    private static final int MAX_DECIMAL_DIGITS = 78;

    private Json() {
    }

    /** Refuses anything but an object with only {@code allowed} fields. */
    public static void only(JsonNode o, String where, Set<String> allowed) throws PackageException {
        if (o == null || !o.isObject()) {
            throw new PackageException(where + " is missing or not a JSON object");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new PackageException(where + " has an unknown field '" + f + "'");
            }
        }
    }

    public static String text(JsonNode o, String field, String where) throws PackageException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new PackageException(where + "." + field + " is missing or not text");
        }
        return v.textValue();
    }

    public static long integer(JsonNode o, String field, String where) throws PackageException {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new PackageException(where + "." + field + " is missing or not a whole number");
        }
        return v.longValue();
    }

    /** A BN254 scalar field element written as a decimal string. */
    public static BigInteger field(JsonNode o, String field, String where) throws PackageException {
        return decimal(o.get(field), where + "." + field, FieldEncoding.R);
    }

    /** A non-negative decimal string below {@code bound}, without sign or leading zeros. */
    public static BigInteger decimal(JsonNode v, String where, BigInteger bound) throws PackageException {
        if (v == null || !v.isTextual()) {
            throw new PackageException(where + " is missing or not a decimal string");
        }
        String s = v.textValue();
        if (s.isEmpty() || s.length() > MAX_DECIMAL_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new PackageException(where + " is not a decimal number without leading zeros");
        }
        BigInteger n = new BigInteger(s);
        if (n.compareTo(bound) >= 0) {
            throw new PackageException(where + " is not below the field modulus");
        }
        return n;
    }
}
