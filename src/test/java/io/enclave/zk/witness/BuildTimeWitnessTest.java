package io.enclave.zk.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.groth16.ProvingKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped circuits run through the classes compiled at build time, and only for the wasm those were compiled from:
 * a class beside another wasm (a stale or mixed build) is refused; another circuit under a shipped id in a directory is
 * compiled at load instead. The witnesses themselves are checked against the runtime path and snarkjs in
 * {@code CircuitProofsIT}.
 */
class BuildTimeWitnessTest {
    private static final BigInteger BN254_R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");

    @TempDir
    Path tmp;

    private static byte[] shipped(String circuit, String file) throws IOException {
        String resource = "io/enclave/zk/circuits/" + circuit + "/" + file;
        try (InputStream in = BuildTimeWitnessTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void everyShippedCircuitRunsThroughItsBuildTimeClass() throws IOException {
        for (String id : List.of("range", "equality", "membership")) {
            assertThat(BuildTimeWitness.has(id)).as(id).isTrue();
            WitnessCalculator w = BuildTimeWitness.load(id, shipped(id, "circuit.wasm"), true);
            assertThat(w.compiledAtBuildTime()).as(id).isTrue();
            assertThat(w.prime()).as(id).isEqualTo(BN254_R);
            assertThat(w.witnessSize()).as(id + ": the witness the zkey proves").isEqualTo(
                    ProvingKey.read(shipped(id, "circuit.zkey")).nVars());
        }
        assertThat(CircuitRegistry.classPath().circuit("range").witness().compiledAtBuildTime()).isTrue();
    }

    @Test
    void aClassBesideAWasmItWasNotCompiledFromIsRefused() throws IOException {
        byte[] equality = shipped("equality", "circuit.wasm");
        assertThatThrownBy(() -> BuildTimeWitness.load("range", equality, true))
                .isInstanceOf(BuildTimeWitness.StaleWitnessClassException.class)
                .hasMessageContaining("RangeWitness")
                .hasMessageContaining(BuildTimeWitness.sha256(equality))
                .hasMessageContaining(BuildTimeWitness.sha256(shipped("range", "circuit.wasm")));

        byte[] range = shipped("range", "circuit.wasm");
        range[range.length - 1] ^= 1; // one bit of the last section changed: another wasm, whatever it still parses to
        assertThatThrownBy(() -> BuildTimeWitness.load("range", range, true))
                .isInstanceOf(BuildTimeWitness.StaleWitnessClassException.class);
    }

    @Test
    void anotherCircuitUnderAShippedIdInADirectoryIsCompiledAtLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("range"));
        for (String file : List.of("circuit.wasm", "circuit.zkey", "verification_key.json")) {
            Files.write(dir.resolve(file), shipped("equality", file));
        }
        WitnessCalculator w = CircuitRegistry.directory(tmp).circuit("range").witness();
        assertThat(w.compiledAtBuildTime()).isFalse();
        assertThat(w.witnessSize()).isEqualTo(ProvingKey.read(shipped("equality", "circuit.zkey")).nVars());

        Path same = Files.createDirectories(tmp.resolve("copy").resolve("membership"));
        for (String file : List.of("circuit.wasm", "circuit.zkey", "verification_key.json")) {
            Files.write(same.resolve(file), shipped("membership", file));
        }
        assertThat(CircuitRegistry.directory(tmp.resolve("copy")).circuit("membership").witness().compiledAtBuildTime())
                .as("the shipped wasm in a directory still runs its build-time class").isTrue();
    }
}
