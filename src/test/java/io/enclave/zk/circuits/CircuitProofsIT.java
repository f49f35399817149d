package io.enclave.zk.circuits;

import static io.enclave.zk.circuits.Attestations.MAX_64;
import static io.enclave.zk.circuits.Attestations.R;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.testsupport.Snarkjs;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import io.enclave.zk.ZkVerifier;
import io.enclave.zk.groth16.Groth16Prover;
import io.enclave.zk.witness.WitnessCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed circuits and keys, with snarkjs as the oracle: honest attestations prove and verify; every way of
 * cheating yields no valid proof. All cases are proved in one Node.js process (see {@link #proveAll}).
 */
class CircuitProofsIT {
    private static final Map<String, ObjectNode> CASES = new LinkedHashMap<>();
    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();
    private static final BigInteger TWO_64 = BigInteger.TWO.pow(64);

    static {
        ObjectNode range = Attestations.range(42, 18, 65);
        CASES.put("range", range);
        CASES.put("range at least (upper = 2^64-1, value on the bound)", Attestations.range(18, 18, MAX_64));
        CASES.put("range at most (lower = 0, value on the bound)", Attestations.range(65, 0, 65));
        CASES.put("value below the lower bound", Attestations.range(17, 18, 65));
        CASES.put("value above the upper bound", Attestations.range(66, 18, 65));
        CASES.put("value of 2^64 (not 64-bit)", Attestations.range(TWO_64, 0, MAX_64));
        CASES.put("value of r-1 (a negative number in the field)", Attestations.range(R.subtract(BigInteger.ONE), 0, 65));
        CASES.put("lower bound of r-5 (wraps below zero)", Attestations.range(42, R.subtract(BigInteger.valueOf(5)), 65));
        CASES.put("upper bound of 2^64 + 100", Attestations.range(42, 18, TWO_64.add(BigInteger.valueOf(100))));
        CASES.put("value changed after signing", Attestations.override(range, "value", 43));
        CASES.put("subject changed after signing", Attestations.override(range, "subject", 12345));
        CASES.put("signature S changed", Attestations.override(range, "sigS", 1));
        CASES.put("signature R8 changed", Attestations.override(range, "sigR8x", 5));
        CASES.put("expired (time bound = expiry)", Attestations.with(range, "timeBound", Attestations.EXPIRY));
        CASES.put("expired (time bound after expiry)", Attestations.with(range, "timeBound", Attestations.EXPIRY + 1));
        CASES.put("equality", Attestations.equality(840, 840));
        CASES.put("equality with another value", Attestations.equality(840, 841));
        CASES.put("membership", Attestations.membership(1299, 300));
        CASES.put("membership of a non-member", Attestations.membership(999, 300));
    }

    @BeforeAll
    static void proveAll() {
        JsonNode other = Snarkjs.attest("pubkey", Snarkjs.json().createObjectNode().put("issuerKey",
                Attestations.OTHER_ISSUER_KEY));
        ObjectNode wrongKey = Attestations.override(CASES.get("range"), "issuerAx", other.get("Ax").asText());
        CASES.put("public key of another issuer", Attestations.override(wrongKey, "issuerAy", other.get("Ay").asText()));
        ObjectNode signedByOther = Attestations.with(CASES.get("range"), "issuerKey", Attestations.OTHER_ISSUER_KEY);
        JsonNode mine = Snarkjs.attest("pubkey", Snarkjs.json().createObjectNode().put("issuerKey", Attestations.ISSUER_KEY));
        signedByOther = Attestations.override(signedByOther, "issuerAx", mine.get("Ax").asText());
        CASES.put("signed by another issuer", Attestations.override(signedByOther, "issuerAy", mine.get("Ay").asText()));

        List<JsonNode> results = Snarkjs.attestAll("prove", new ArrayList<>(CASES.values()));
        List<String> names = new ArrayList<>(CASES.keySet());
        for (int i = 0; i < names.size(); i++) {
            RESULTS.put(names.get(i), results.get(i));
        }
    }

    private static JsonNode honest(String name) {
        JsonNode r = RESULTS.get(name);
        assertThat(r.get("ok").asBoolean()).as(name + ": " + r.path("error").asText()).isTrue();
        assertThat(r.get("verified").asBoolean()).as(name + " verifies in snarkjs").isTrue();
        return r;
    }

    @Test
    void honestAttestationsProveAndVerify() {
        for (String name : List.of("range", "range at least (upper = 2^64-1, value on the bound)",
                "range at most (lower = 0, value on the bound)", "equality", "membership")) {
            honest(name);
        }
        JsonNode r = honest("range");
        assertThat(Snarkjs.verifyWithCli("range", r.get("proof"), r.get("publicSignals"))).isTrue();
    }

    @Test
    void publicSignalsAreInTheDocumentedOrder() {
        JsonNode issuer = Snarkjs.attest("pubkey", Snarkjs.json().createObjectNode().put("issuerKey",
                Attestations.ISSUER_KEY));
        ObjectNode ctx = Snarkjs.json().createObjectNode().put("buyer", Attestations.BUYER)
                .put("listingId", Attestations.LISTING).put("chainId", Attestations.CHAIN_ID);
        String context = Snarkjs.attest("context", ctx).get("context").asText();
        List<String> common = List.of(issuer.get("Ax").asText(), issuer.get("Ay").asText(), "1001", "3",
                new BigInteger(Attestations.HOLDER.substring(2), 16).toString(), context, Long.toString(Attestations.NOW));
        assertThat(strings(honest("range").get("publicSignals"))).isEqualTo(concat(common, "18", "65"));
        assertThat(strings(honest("equality").get("publicSignals"))).isEqualTo(concat(common, "840"));
        JsonNode membership = honest("membership");
        assertThat(strings(membership.get("publicSignals"))).isEqualTo(concat(common, membership.get("setRoot").asText()));
    }

    @Test
    void cheatingWitnessesYieldNoProof() {
        List<String> cheats = List.of("value below the lower bound", "value above the upper bound",
                "value of 2^64 (not 64-bit)", "value of r-1 (a negative number in the field)",
                "lower bound of r-5 (wraps below zero)", "upper bound of 2^64 + 100", "value changed after signing",
                "subject changed after signing", "signature S changed", "signature R8 changed",
                "expired (time bound = expiry)", "expired (time bound after expiry)", "equality with another value",
                "membership of a non-member", "public key of another issuer", "signed by another issuer");
        for (String name : cheats) {
            JsonNode r = RESULTS.get(name);
            assertThat(r.get("ok").asBoolean()).as(name + " must not prove").isFalse();
            assertThat(r.get("error").asText()).as(name).containsAnyOf("Assert Failed", "Error in template");
        }
    }

    @Test
    void aProofForOneContextDoesNotVerifyForAnother() {
        JsonNode r = honest("range");
        ObjectNode ctx = Snarkjs.json().createObjectNode().put("buyer", Attestations.OTHER_BUYER)
                .put("listingId", Attestations.LISTING).put("chainId", Attestations.CHAIN_ID);
        BigInteger otherBuyer = new BigInteger(Snarkjs.attest("context", ctx).get("context").asText());
        ctx.put("buyer", Attestations.BUYER).put("chainId", 2288);
        BigInteger otherChain = new BigInteger(Snarkjs.attest("context", ctx).get("context").asText());
        assertThat(otherBuyer).isNotEqualTo(Attestations.signal(r.get("publicSignals"), 5));
        for (BigInteger context : List.of(otherBuyer, otherChain)) {
            JsonNode forged = Attestations.replaceSignal(r.get("publicSignals"), 5, context);
            assertThat(Snarkjs.verifyWithCli("range", r.get("proof"), forged)).isFalse();
        }
    }

    @Test
    void changingAnyPublicSignalOrProofElementFailsVerification() {
        List<JsonNode> requests = new ArrayList<>();
        for (String circuit : List.of("range", "equality", "membership")) {
            JsonNode r = honest(circuit);
            JsonNode pub = r.get("publicSignals");
            for (int i = 0; i < pub.size(); i++) {
                BigInteger v = Attestations.signal(pub, i);
                requests.add(verifyRequest(circuit, r.get("proof"), Attestations.replaceSignal(pub, i, v.add(BigInteger.ONE))));
            }
            for (String element : List.of("pi_a", "pi_c")) {
                ObjectNode proof = (ObjectNode) r.get("proof").deepCopy();
                ArrayNode point = (ArrayNode) proof.get(element);
                point.set(0, Snarkjs.json().getNodeFactory().textNode(
                        new BigInteger(point.get(0).asText()).add(BigInteger.ONE).toString()));
                requests.add(verifyRequest(circuit, proof, pub));
            }
            ObjectNode proof = (ObjectNode) r.get("proof").deepCopy();
            ArrayNode b = (ArrayNode) proof.get("pi_b").get(0);
            b.set(1, Snarkjs.json().getNodeFactory().textNode(new BigInteger(b.get(1).asText()).add(BigInteger.ONE).toString()));
            requests.add(verifyRequest(circuit, proof, pub));
        }
        List<JsonNode> answers = Snarkjs.attestAll("verify", requests);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get("verified").asBoolean()).as("tampered request " + i).isFalse();
        }
    }

    @Test
    void aProofForOneSetDoesNotVerifyForAnother() {
        JsonNode r = honest("membership");
        JsonNode otherRoot = Snarkjs.attest("merkle", Attestations.membership(1299, 301));
        JsonNode forged = Attestations.replaceSignal(r.get("publicSignals"), 7, new BigInteger(otherRoot.get("root").asText()));
        assertThat(Snarkjs.verifyWithCli("membership", r.get("proof"), forged)).isFalse();
    }

    /**
     * The shipped circuits as the app runs them (witness classes compiled at build time): the witness equals the one of
     * the same wasm compiled at load, its public part is what snarkjs computed, and the Java proof verifies in snarkjs.
     */
    @Test
    void theBuildTimeCompiledWitnessIsTheRuntimeOneAndItsProofsVerifyInSnarkjs() throws IOException {
        CircuitRegistry shipped = CircuitRegistry.classPath();
        ZkProver prover = new ZkProver(shipped);
        List<ObjectNode> javaProofs = new ArrayList<>();
        for (String circuit : Snarkjs.CIRCUITS) {
            JsonNode built = Snarkjs.attest("input", CASES.get(circuit));
            Map<String, Object> input = Snarkjs.json().convertValue(built.get("input"), new TypeReference<>() { });
            WitnessCalculator atBuild = shipped.circuit(circuit).witness();
            assertThat(atBuild.compiledAtBuildTime()).as(circuit).isTrue();
            BigInteger[] witness = atBuild.calculateBig(input);
            WitnessCalculator atLoad = WitnessCalculator.load(shippedWasm(circuit));
            assertThat(atLoad.compiledAtBuildTime()).isFalse();
            assertThat(witness).as(circuit + ": build-time witness = load-time witness").isEqualTo(atLoad.calculateBig(input));
            List<String> snarkjs = strings(honest(circuit).get("publicSignals"));
            for (int i = 0; i < snarkjs.size(); i++) {
                assertThat(witness[1 + i].toString()).as(circuit + " public signal " + i).isEqualTo(snarkjs.get(i));
            }

            Groth16Prover.Result r = prover.prove(circuit, input, null);
            assertThat(strings(Snarkjs.json().readTree(r.publicSignals().toJson()))).isEqualTo(snarkjs);
            assertThat(new ZkVerifier(shipped).verify(circuit, r.proof(), r.publicSignals())).isTrue();
            javaProofs.add(verifyRequest(circuit, Snarkjs.json().readTree(r.proof().toJson()),
                    Snarkjs.json().readTree(r.publicSignals().toJson())));
        }
        List<JsonNode> answers = Snarkjs.attestAll("verify", javaProofs);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get("verified").asBoolean()).as(Snarkjs.CIRCUITS.get(i) + ": Java proof in snarkjs")
                    .isTrue();
        }
    }

    private static byte[] shippedWasm(String circuit) throws IOException {
        String resource = "io/enclave/zk/circuits/" + circuit + "/circuit.wasm";
        try (InputStream in = CircuitProofsIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private static ObjectNode verifyRequest(String circuit, JsonNode proof, JsonNode publicSignals) {
        ObjectNode v = Snarkjs.json().createObjectNode().put("circuit", circuit);
        v.set("proof", proof);
        v.set("publicSignals", publicSignals);
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
