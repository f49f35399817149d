package io.enclave.zk.groth16;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Groth16 proof (A ∈ G1, B ∈ G2, C ∈ G1) as affine Montgomery arrays, read from and written to snarkjs's
 * {@code proof.json} shape. Parsing validates every point (canonical, on curve, B in the G2 subgroup).
 */
public final class Proof {
    private final long[] a;
    private final long[] b;
    private final long[] c;

    public Proof(long[] a, long[] b, long[] c) {
        this.a = a.clone();
        this.b = b.clone();
        this.c = c.clone();
    }

    public long[] a() {
        return a.clone();
    }

    public long[] b() {
        return b.clone();
    }

    public long[] c() {
        return c.clone();
    }

    public static Proof fromJson(String json) {
        JsonNode n = SnarkJson.parse(json, "proof");
        JsonNode protocol = n.get("protocol");
        if (protocol != null && !"groth16".equals(protocol.asText())) {
            throw new MalformedProofDataException("proof protocol is \"" + protocol.asText() + "\", expected groth16");
        }
        JsonNode curve = n.get("curve");
        if (curve != null && !"bn128".equals(curve.asText())) {
            throw new MalformedProofDataException("proof curve is \"" + curve.asText() + "\", expected bn128");
        }
        return new Proof(SnarkJson.g1(SnarkJson.field(n, "pi_a", "proof"), "pi_a"),
                SnarkJson.g2(SnarkJson.field(n, "pi_b", "proof"), "pi_b"),
                SnarkJson.g1(SnarkJson.field(n, "pi_c", "proof"), "pi_c"));
    }

    /** The proof in snarkjs's proof.json format (as {@code snarkjs groth16 prove} writes it). */
    public String toJson() {
        return "{\n \"pi_a\": " + SnarkJson.g1Text(a, 1)
                + ",\n \"pi_b\": " + SnarkJson.g2Text(b, 1)
                + ",\n \"pi_c\": " + SnarkJson.g1Text(c, 1)
                + ",\n \"protocol\": \"groth16\",\n \"curve\": \"bn128\"\n}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proof && java.util.Arrays.equals(a, ((Proof) o).a)
                && java.util.Arrays.equals(b, ((Proof) o).b) && java.util.Arrays.equals(c, ((Proof) o).c);
    }

    @Override
    public int hashCode() {
        return List.of(a[0], b[0], c[0]).hashCode();
    }
}
