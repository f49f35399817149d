package io.enclave.zk.groth16;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.zk.curve.Bn254;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Reading and writing snarkjs's JSON shapes: points as decimal-string arrays in projective form with Z = "1"
 * (G1 {@code [x, y, "1"]}, G2 {@code [[x0, x1], [y0, y1], ["1", "0"]]}), infinity with Z = 0; output formatted like
 * {@code JSON.stringify(value, null, 1)} as the snarkjs CLI writes it.
 */
final class SnarkJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private SnarkJson() {
    }

    static JsonNode parse(String json, String what) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null) {
                throw new MalformedProofDataException(what + " is empty");
            }
            return n;
        } catch (IOException e) {
            throw new MalformedProofDataException(what + " is not valid JSON: " + e.getMessage());
        }
    }

    static JsonNode field(JsonNode obj, String name, String what) {
        JsonNode n = obj.get(name);
        if (n == null || n.isNull()) {
            throw new MalformedProofDataException(what + " has no \"" + name + "\"");
        }
        return n;
    }

    static BigInteger number(JsonNode n, String what) {
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw new MalformedProofDataException(what + " must be a decimal string, found " + n);
        }
        String s = n.asText();
        if (!s.matches("[0-9]{1,80}")) {
            throw new MalformedProofDataException(what + " must be a non-negative decimal number, found \"" + s + "\"");
        }
        return new BigInteger(s);
    }

    static JsonNode array(JsonNode n, int size, String what) {
        if (!n.isArray() || n.size() != size) {
            throw new MalformedProofDataException(what + " must be an array of " + size + " elements");
        }
        return n;
    }

    static long[] g1(JsonNode n, String what) {
        array(n, 3, what);
        BigInteger z = number(n.get(2), what + "[2]");
        if (z.signum() == 0) {
            return new long[8];
        }
        if (!z.equals(BigInteger.ONE)) {
            throw new MalformedProofDataException(what + " must be affine (Z = 1), as snarkjs writes it");
        }
        try {
            return Bn254.g1(number(n.get(0), what + "[0]"), number(n.get(1), what + "[1]"));
        } catch (Bn254.InvalidPointException e) {
            throw new MalformedProofDataException(what + ": " + e.getMessage());
        }
    }

    static long[] g2(JsonNode n, String what) {
        array(n, 3, what);
        JsonNode x = array(n.get(0), 2, what + "[0]");
        JsonNode y = array(n.get(1), 2, what + "[1]");
        JsonNode z = array(n.get(2), 2, what + "[2]");
        BigInteger z0 = number(z.get(0), what + "[2][0]");
        BigInteger z1 = number(z.get(1), what + "[2][1]");
        if (z0.signum() == 0 && z1.signum() == 0) {
            return new long[16];
        }
        if (!z0.equals(BigInteger.ONE) || z1.signum() != 0) {
            throw new MalformedProofDataException(what + " must be affine (Z = [1, 0]), as snarkjs writes it");
        }
        try {
            return Bn254.g2(number(x.get(0), what + "[0][0]"), number(x.get(1), what + "[0][1]"),
                    number(y.get(0), what + "[1][0]"), number(y.get(1), what + "[1][1]"));
        } catch (Bn254.InvalidPointException e) {
            throw new MalformedProofDataException(what + ": " + e.getMessage());
        }
    }

    /** {@code [x, y, "1"]} (or snarkjs's infinity {@code ["0", "1", "0"]}) as JSON.stringify(…, null, 1) at depth. */
    static String g1Text(long[] p, int depth) {
        if (Bn254.isInfinity(p)) {
            return strings(List.of("0", "1", "0"), depth);
        }
        BigInteger[] c = Bn254.g1Coordinates(p);
        return strings(List.of(c[0].toString(), c[1].toString(), "1"), depth);
    }

    static String g2Text(long[] p, int depth) {
        String[] parts;
        if (Bn254.isInfinity(p)) {
            parts = new String[] {strings(List.of("0", "0"), depth + 1), strings(List.of("1", "0"), depth + 1),
                    strings(List.of("0", "0"), depth + 1)};
        } else {
            BigInteger[] c = Bn254.g2Coordinates(p);
            parts = new String[] {strings(List.of(c[0].toString(), c[1].toString()), depth + 1),
                    strings(List.of(c[2].toString(), c[3].toString()), depth + 1), strings(List.of("1", "0"), depth + 1)};
        }
        return block(List.of(parts), depth);
    }

    static String strings(List<String> values, int depth) {
        return block(values.stream().map(v -> "\"" + v + "\"").toList(), depth);
    }

    /** An array of already-rendered items, one per line, indented one space per level. */
    static String block(List<String> items, int depth) {
        if (items.isEmpty()) {
            return "[]";
        }
        StringBuilder b = new StringBuilder("[");
        String pad = " ".repeat(depth + 1);
        for (int i = 0; i < items.size(); i++) {
            b.append('\n').append(pad).append(items.get(i));
            if (i + 1 < items.size()) {
                b.append(',');
            }
        }
        return b.append('\n').append(" ".repeat(depth)).append(']').toString();
    }
}
