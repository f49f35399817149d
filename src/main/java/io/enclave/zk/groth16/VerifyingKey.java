package io.enclave.zk.groth16;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.zk.field.Fp12;
import io.enclave.zk.pairing.Pairing;
import java.util.ArrayList;
import java.util.List;

/**
 * A Groth16 verifying key read from snarkjs's {@code verification_key.json}. The G2 points are validated (subgroup
 * included) and prepared for the Miller loop once, and the Miller loop of e(α, β) is precomputed, so each
 * verification pays for one prepared G2 point (the proof's B) only.
 */
public final class VerifyingKey {
    private final long[] alpha;
    private final long[] beta;
    private final long[] gamma;
    private final long[] delta;
    private final List<long[]> ic;
    private final Pairing.G2Prepared gammaPrepared;
    private final Pairing.G2Prepared deltaPrepared;
    private final Fp12 alphaBetaMiller;

    public VerifyingKey(long[] alpha, long[] beta, long[] gamma, long[] delta, List<long[]> ic) {
        if (ic.isEmpty()) {
            throw new MalformedProofDataException("verifying key has no IC points");
        }
        this.alpha = alpha.clone();
        this.beta = beta.clone();
        this.gamma = gamma.clone();
        this.delta = delta.clone();
        this.ic = ic.stream().map(long[]::clone).toList();
        this.gammaPrepared = Pairing.prepare(gamma);
        this.deltaPrepared = Pairing.prepare(delta);
        this.alphaBetaMiller = Pairing.millerLoop(List.of(alpha), List.of(Pairing.prepare(beta)));
    }

    public static VerifyingKey fromJson(String json) {
        JsonNode n = SnarkJson.parse(json, "verification key");
        JsonNode protocol = n.get("protocol");
        if (protocol == null || !"groth16".equals(protocol.asText())) {
            throw new MalformedProofDataException("verification key protocol must be \"groth16\"");
        }
        JsonNode curve = n.get("curve");
        if (curve == null || !"bn128".equals(curve.asText())) {
            throw new MalformedProofDataException("verification key curve must be \"bn128\"");
        }
        JsonNode icNode = SnarkJson.field(n, "IC", "verification key");
        if (!icNode.isArray()) {
            throw new MalformedProofDataException("verification key IC must be an array");
        }
        List<long[]> ic = new ArrayList<>();
        for (int i = 0; i < icNode.size(); i++) {
            ic.add(SnarkJson.g1(icNode.get(i), "IC[" + i + "]"));
        }
        JsonNode nPublic = n.get("nPublic");
        if (nPublic != null && nPublic.asInt(-1) != ic.size() - 1) {
            throw new MalformedProofDataException("verification key nPublic = " + nPublic.asText()
                    + " does not match its " + ic.size() + " IC points");
        }
        return new VerifyingKey(SnarkJson.g1(SnarkJson.field(n, "vk_alpha_1", "verification key"), "vk_alpha_1"),
                SnarkJson.g2(SnarkJson.field(n, "vk_beta_2", "verification key"), "vk_beta_2"),
                SnarkJson.g2(SnarkJson.field(n, "vk_gamma_2", "verification key"), "vk_gamma_2"),
                SnarkJson.g2(SnarkJson.field(n, "vk_delta_2", "verification key"), "vk_delta_2"), ic);
    }

    public int publicInputCount() {
        return ic.size() - 1;
    }

    long[] alpha() {
        return alpha;
    }

    long[] beta() {
        return beta;
    }

    long[] gamma() {
        return gamma;
    }

    long[] delta() {
        return delta;
    }

    List<long[]> ic() {
        return ic;
    }

    Pairing.G2Prepared gammaPrepared() {
        return gammaPrepared;
    }

    Pairing.G2Prepared deltaPrepared() {
        return deltaPrepared;
    }

    Fp12 alphaBetaMiller() {
        return alphaBetaMiller;
    }
}
