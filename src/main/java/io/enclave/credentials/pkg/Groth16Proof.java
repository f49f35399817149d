package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Groth16 proof over BN254 in snarkjs's JSON shape ({@code pi_a}, {@code pi_b}, {@code pi_c} in projective
 * coordinates as decimal strings, {@code protocol: groth16}, {@code curve: bn128}). Coordinates are checked to be base
 * field elements; whether the proof verifies is the ZK layer's question.
 */
public record Groth16Proof(List<BigInteger> a, List<List<BigInteger>> b, List<BigInteger> c) {
    /** The BN254 base field modulus q. */
    public static final BigInteger Q = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");

    public Groth16Proof {
        a = List.copyOf(a);
        b = b.stream().map(List::copyOf).toList();
        c = List.copyOf(c);
        if (a.size() != 3 || c.size() != 3 || b.size() != 3 || b.stream().anyMatch(r -> r.size() != 2)) {
            throw new IllegalArgumentException("pi_a and pi_c have 3 coordinates, pi_b 3 pairs");
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode pa = o.putArray("pi_a");
        a.forEach(x -> pa.add(x.toString()));
        ArrayNode pb = o.putArray("pi_b");
        for (List<BigInteger> row : b) {
            ArrayNode r = pb.addArray();
            row.forEach(x -> r.add(x.toString()));
        }
        ArrayNode pc = o.putArray("pi_c");
        c.forEach(x -> pc.add(x.toString()));
        o.put("protocol", "groth16");
        o.put("curve", "bn128");
        return o;
    }

    public static Groth16Proof fromJson(JsonNode o, String where) throws PackageException {
        Json.only(o, where, Set.of("pi_a", "pi_b", "pi_c", "protocol", "curve"));
        if (!"groth16".equals(o.path("protocol").asText()) || !"bn128".equals(o.path("curve").asText())) {
            throw new PackageException(where + " is not a Groth16 proof on bn128 (protocol and curve fields)");
        }
        List<BigInteger> a = coordinates(o.get("pi_a"), where + ".pi_a", 3);
        List<BigInteger> c = coordinates(o.get("pi_c"), where + ".pi_c", 3);
        JsonNode pb = o.get("pi_b");
        if (pb == null || !pb.isArray() || pb.size() != 3) {
            throw new PackageException(where + ".pi_b must be 3 pairs of coordinates");
        }
        List<List<BigInteger>> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            b.add(coordinates(pb.get(i), where + ".pi_b[" + i + "]", 2));
        }
        return new Groth16Proof(a, b, c);
    }

    private static List<BigInteger> coordinates(JsonNode arr, String where, int n) throws PackageException {
        if (arr == null || !arr.isArray() || arr.size() != n) {
            throw new PackageException(where + " must be " + n + " coordinates");
        }
        List<BigInteger> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Json.decimal(arr.get(i), where + "[" + i + "]", Q));
        }
        return out;
    }
}
