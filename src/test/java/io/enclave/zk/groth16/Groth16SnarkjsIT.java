package io.enclave.zk.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.zk.AttributeInputs;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.ZkProver;
import io.enclave.zk.ZkVerifier;
import io.enclave.zk.field.Fp2;
import io.enclave.zk.pairing.PairingTest;
import io.enclave.zk.witness.WitnessCalculator;
import io.enclave.zk.witness.WitnessException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java against snarkjs on the test circuits: proofs both ways, witness equality, tampering, cheating witnesses. */
class Groth16SnarkjsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger CONTEXT = new BigInteger("5555555555555555555555");
    private static CircuitRegistry registry;
    private static ZkProver prover;

    @TempDir
    Path tmp;

    @BeforeAll
    static void circuits() {
        ZkFixtures.circuit("multiplier");
        ZkFixtures.circuit("attribute");
        registry = CircuitRegistry.directory(ZkFixtures.circuitsDir());
        prover = new ZkProver(registry);
    }

    private Path snarkjsProve(String circuit, String inputJson) throws IOException {
        Path dir = ZkFixtures.circuitsDir().resolve(circuit);
        Path input = tmp.resolve("input.json");
        Files.writeString(input, inputJson);
        Path out = tmp.resolve("snarkjs");
        ZkFixtures.node("prove", dir.resolve("circuit.wasm").toString(), dir.resolve("circuit.zkey").toString(),
                input.toString(), out.toString());
        return out;
    }

    private boolean snarkjsVerifies(String circuit, String proofJson, String publicJson) throws IOException {
        Path proof = tmp.resolve("java-proof.json");
        Path pub = tmp.resolve("java-public.json");
        Files.writeString(proof, proofJson);
        Files.writeString(pub, publicJson);
        String vk = ZkFixtures.circuitsDir().resolve(circuit).resolve("verification_key.json").toString();
        return Boolean.parseBoolean(ZkFixtures.node("verify", vk, proof.toString(), pub.toString()));
    }

    @Test
    void snarkjsProofAndWitnessMatchJava() throws IOException {
        Map<String, Object> in = AttributeInputs.valid(42, 18, CONTEXT);
        Path out = snarkjsProve("attribute", AttributeInputs.json(in));
        JsonNode expected = JSON.readTree(Files.readString(out.resolve("witness.json")));
        BigInteger[] witness = registry.circuit("attribute").witness().calculateBig(in);
        assertThat(witness).hasSize(expected.size());
        for (int i = 0; i < witness.length; i++) {
            assertThat(witness[i].toString()).as("witness[%d]", i).isEqualTo(expected.get(i).asText());
        }
        String proofJson = Files.readString(out.resolve("proof.json"));
        String publicJson = Files.readString(out.resolve("public.json"));
        ZkVerifier verifier = new ZkVerifier(registry);
        assertThat(verifier.verifyJson("attribute", proofJson, publicJson)).isTrue();
        assertThat(Proof.fromJson(proofJson).toJson()).as("byte-identical snarkjs JSON").isEqualTo(proofJson);
        assertThat(PublicSignals.fromJson(publicJson).toJson()).isEqualTo(publicJson);
    }

    @Test
    void javaProofVerifiesInSnarkjsAndJava() throws IOException {
        List<Double> progress = new ArrayList<>();
        Map<String, Object> in = AttributeInputs.valid(42, 18, CONTEXT);
        Groth16Prover.Result r = prover.prove("attribute", in, progress::add);
        assertThat(progress).isSorted().last().isEqualTo(1.0);
        assertThat(r.publicSignals().values()).containsExactly(CONTEXT.multiply(CONTEXT), (BigInteger) in.get("issuerAx"),
                (BigInteger) in.get("issuerAy"), BigInteger.valueOf(18), CONTEXT);
        assertThat(snarkjsVerifies("attribute", r.proof().toJson(), r.publicSignals().toJson())).isTrue();
        assertThat(new ZkVerifier(registry).verify("attribute", r.proof(), r.publicSignals())).isTrue();

        Groth16Prover.Result small = prover.prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        assertThat(small.publicSignals().values()).containsExactly(BigInteger.valueOf(33), BigInteger.valueOf(5));
        assertThat(snarkjsVerifies("multiplier", small.proof().toJson(), small.publicSignals().toJson())).isTrue();
        // a proof for one statement does not verify another's
        assertThat(snarkjsVerifies("multiplier", small.proof().toJson(), "[\"33\",\"6\"]")).isFalse();
    }

    @Test
    void anyChangedPublicSignalOrProofCoordinateFails() throws IOException {
        Groth16Prover.Result r = prover.prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        VerifyingKey vk = registry.verifyingKey("multiplier");
        assertThat(Groth16Verifier.verify(vk, r.proof(), r.publicSignals())).isTrue();
        for (int i = 0; i < r.publicSignals().size(); i++) {
            List<BigInteger> changed = new ArrayList<>(r.publicSignals().values());
            changed.set(i, changed.get(i).add(BigInteger.ONE));
            assertThat(Groth16Verifier.verify(vk, r.proof(), new PublicSignals(changed))).as("signal %d", i).isFalse();
        }
        ObjectNode proof = (ObjectNode) JSON.readTree(r.proof().toJson());
        List<String[]> coordinates = List.of(new String[] {"pi_a", "0"}, new String[] {"pi_a", "1"},
                new String[] {"pi_c", "0"}, new String[] {"pi_c", "1"}, new String[] {"pi_b", "0", "0"},
                new String[] {"pi_b", "0", "1"}, new String[] {"pi_b", "1", "0"}, new String[] {"pi_b", "1", "1"});
        for (String[] path : coordinates) {
            ObjectNode copy = proof.deepCopy();
            ArrayNode parent = (ArrayNode) copy.get(path[0]);
            for (int k = 1; k < path.length - 1; k++) {
                parent = (ArrayNode) parent.get(Integer.parseInt(path[k]));
            }
            int last = Integer.parseInt(path[path.length - 1]);
            parent.set(last, JSON.getNodeFactory().textNode(new BigInteger(parent.get(last).asText()).add(BigInteger.ONE)
                    .toString()));
            boolean accepted;
            try {
                accepted = Groth16Verifier.verify(vk, Proof.fromJson(copy.toString()), r.publicSignals());
            } catch (MalformedProofDataException e) {
                accepted = false;
            }
            assertThat(accepted).as("changed %s", String.join(".", path)).isFalse();
        }
        Proof swapped = new Proof(r.proof().c(), r.proof().b(), r.proof().a());
        assertThat(Groth16Verifier.verify(vk, swapped, r.publicSignals())).isFalse();
    }

    @Test
    void publicSignalAtOrAboveTheModulusAndWrongCountAreRejected() {
        Groth16Prover.Result r = prover.prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        VerifyingKey vk = registry.verifyingKey("multiplier");
        BigInteger aliased = r.publicSignals().get(1).add(io.enclave.zk.curve.Bn254.R);
        assertThatThrownBy(() -> Groth16Verifier.verify(vk, r.proof(),
                new PublicSignals(List.of(r.publicSignals().get(0), aliased))))
                .isInstanceOf(MalformedProofDataException.class).hasMessageContaining("not below");
        assertThatThrownBy(() -> Groth16Verifier.verify(vk, r.proof(), new PublicSignals(List.of(BigInteger.ONE))))
                .isInstanceOf(MalformedProofDataException.class).hasMessageContaining("expects 2");
        assertThatThrownBy(() -> PublicSignals.fromJson("[\"-1\"]")).isInstanceOf(MalformedProofDataException.class);
        assertThatThrownBy(() -> Proof.fromJson("{\"pi_a\": 1")).isInstanceOf(MalformedProofDataException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void proofWithG2PointOutsideTheSubgroupIsRejected() throws IOException {
        Groth16Prover.Result r = prover.prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        Fp2 b2 = Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).mul(Fp2.XI.inverse());
        Fp2 x = null;
        Fp2 y = null;
        for (int i = 1; y == null; i++) {
            x = Fp2.of(BigInteger.valueOf(i), BigInteger.TWO);
            y = PairingTest.sqrt(x.sqr().mul(x).add(b2));
        }
        ObjectNode proof = (ObjectNode) JSON.readTree(r.proof().toJson());
        ArrayNode b = JSON.createArrayNode();
        b.add(JSON.createArrayNode().add(x.real().toString()).add(x.imaginary().toString()));
        b.add(JSON.createArrayNode().add(y.real().toString()).add(y.imaginary().toString()));
        b.add(JSON.createArrayNode().add("1").add("0"));
        proof.set("pi_b", b);
        assertThatThrownBy(() -> Proof.fromJson(proof.toString())).isInstanceOf(MalformedProofDataException.class)
                .hasMessageContaining("pi_b").hasMessageContaining("subgroup");
    }

    @Test
    void reusedWasmInstancesGiveTheWitnessOfAFreshInstance() throws IOException {
        WitnessCalculator reused = registry.circuit("attribute").witness();
        Map<String, Object> a = AttributeInputs.valid(42, 18, CONTEXT);
        Map<String, Object> b = AttributeInputs.valid(77, 30, CONTEXT.add(BigInteger.ONE));
        long[] first = reused.calculate(a);
        long[] second = reused.calculate(b);
        assertThat(second).isNotEqualTo(first);
        // a run that aborts inside the wasm (assertion) must not leave a broken instance behind
        assertThatThrownBy(() -> reused.calculate(AttributeInputs.valid(17, 18, CONTEXT)))
                .isInstanceOf(WitnessException.class);
        assertThat(reused.calculate(a)).isEqualTo(first);
        assertThat(reused.calculate(b)).isEqualTo(second);
        WitnessCalculator fresh = WitnessCalculator.load(Files.readAllBytes(ZkFixtures.circuitsDir()
                .resolve("attribute").resolve("circuit.wasm")));
        assertThat(fresh.calculate(b)).isEqualTo(second);
        assertThat(fresh.calculate(a)).isEqualTo(first);
    }

    @Test
    void cheatingWitnessesYieldNoProof() {
        byte[] otherIssuer = new byte[32];
        otherIssuer[0] = 9;
        assertThatThrownBy(() -> prover.prove("attribute", AttributeInputs.valid(17, 18, CONTEXT), null))
                .as("value below the threshold").isInstanceOf(WitnessException.class).hasMessageContaining("assertion");
        assertThatThrownBy(() -> prover.prove("attribute", AttributeInputs.signed(AttributeInputs.ISSUER_KEY, 10, 42, 18,
                CONTEXT), null)).as("claimed value differs from the signed one").isInstanceOf(WitnessException.class);
        Map<String, Object> wrongIssuer = AttributeInputs.valid(42, 18, CONTEXT);
        Map<String, Object> other = AttributeInputs.signed(otherIssuer, 42, 42, 18, CONTEXT);
        wrongIssuer.put("issuerAx", other.get("issuerAx"));
        wrongIssuer.put("issuerAy", other.get("issuerAy"));
        assertThatThrownBy(() -> prover.prove("attribute", wrongIssuer, null)).as("another issuer's key")
                .isInstanceOf(WitnessException.class);
        Map<String, Object> badSig = AttributeInputs.valid(42, 18, CONTEXT);
        badSig.put("sigS", ((BigInteger) badSig.get("sigS")).add(BigInteger.ONE));
        assertThatThrownBy(() -> prover.prove("attribute", badSig, null)).as("bad signature")
                .isInstanceOf(WitnessException.class);
        Map<String, Object> missing = AttributeInputs.valid(42, 18, CONTEXT);
        missing.remove("salt");
        assertThatThrownBy(() -> prover.prove("attribute", missing, null)).isInstanceOf(WitnessException.class)
                .hasMessageContaining("input values were given");
        Map<String, Object> unknown = AttributeInputs.valid(42, 18, CONTEXT);
        unknown.put("nonsense", 1);
        assertThatThrownBy(() -> prover.prove("attribute", unknown, null)).isInstanceOf(WitnessException.class)
                .hasMessageContaining("no input signal \"nonsense\"");
    }

    @Test
    void unknownCircuitsAreReportedByName() {
        assertThatThrownBy(() -> prover.prove("../etc", Map.of(), null))
                .isInstanceOf(CircuitRegistry.UnknownCircuitException.class);
        assertThatThrownBy(() -> CircuitRegistry.classPath().verifyingKey("no-such-circuit"))
                .isInstanceOf(CircuitRegistry.UnknownCircuitException.class).hasMessageContaining("no-such-circuit");
    }
}
