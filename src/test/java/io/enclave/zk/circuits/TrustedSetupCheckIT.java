package io.enclave.zk.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.testsupport.Snarkjs;
import io.enclave.testsupport.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step {@code build/zk/circuits.js}, run on a scratch copy of the project (ENCLAVE_ZK_ROOT): it passes on
 * the committed setup, does no circom work and no checking the second time, and fails with a clear message when a
 * circuit, a verification key, a verifier or the manifest no longer match.
 */
class TrustedSetupCheckIT {
    @TempDir
    Path scratch;
    private Path buildDir;
    private Path stageDir;

    private record Run(int exit, String output) {
    }

    @BeforeEach
    void copyProject() throws IOException {
        Path project = Toolchain.projectDir();
        copyTree(project.resolve("src/main/circom"), scratch.resolve("src/main/circom"));
        copyTree(project.resolve("src/main/trusted-setup"), scratch.resolve("src/main/trusted-setup"));
        copyTree(project.resolve("contracts/src/zk"), scratch.resolve("contracts/src/zk"));
        Files.createSymbolicLink(scratch.resolve("node_modules"), project.resolve("node_modules").toRealPath());
        buildDir = scratch.resolve("target");
        stageDir = buildDir.resolve("generated-resources/zk");
        // The real build's compiled circuits and their stamp: identical sources, so no recompile here.
        copyTree(Toolchain.buildDir().resolve("circuits"), buildDir.resolve("circuits"));
        Files.deleteIfExists(buildDir.resolve("circuits/.setup-checked.sha256"));
    }

    @Test
    void passesOnTheCommittedSetupAndSkipsEverythingTheSecondTime() throws Exception {
        Run first = run();
        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("circom skipped", "circuits match the committed trusted setup");
        for (String circuit : Snarkjs.CIRCUITS) {
            Path staged = stageDir.resolve("io/enclave/zk/circuits").resolve(circuit);
            assertThat(sha256(staged.resolve("circuit.zkey")))
                    .isEqualTo(sha256(scratch.resolve("src/main/trusted-setup").resolve(circuit).resolve("circuit.zkey")));
            assertThat(staged.resolve("circuit.wasm")).exists();
            assertThat(staged.resolve("verification_key.json")).exists();
        }
        Run second = run();
        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.output).contains("circom skipped", "check skipped");
    }

    @Test
    void aVerificationKeyThatIsNotTheZkeysFailsEvenWithAMatchingManifest() throws Exception {
        Path vkey = scratch.resolve("src/main/trusted-setup/range/verification_key.json");
        Files.writeString(vkey, Files.readString(vkey).replace("\"nPublic\": 9", "\"nPublic\": 10"));
        rehash("range", "verificationKey", vkey);
        Run r = run();
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("verification_key.json is not the verification key of");
    }

    @Test
    void anEditedSolidityVerifierFailsEvenWithAMatchingManifest() throws Exception {
        Path sol = scratch.resolve("contracts/src/zk/EqualityVerifier.sol");
        Files.writeString(sol, Files.readString(sol).replace("contract EqualityVerifier {", "contract EqualityVerifier { //"));
        rehash("equality", "verifier", sol);
        Run r = run();
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("EqualityVerifier.sol is not the verifier snarkjs exports");
    }

    @Test
    void aChangedCircuitAsksForANewCeremonyAndNeverMakesKeys() throws Exception {
        Path manifest = scratch.resolve("src/main/trusted-setup/manifest.json");
        ObjectNode m = (ObjectNode) Snarkjs.json().readTree(manifest.toFile());
        ((ObjectNode) m.get("circuits").get("membership").get("r1cs")).put("sha256", "00".repeat(32));
        Snarkjs.json().writeValue(manifest.toFile(), m);
        Path zkey = scratch.resolve("src/main/trusted-setup/membership/circuit.zkey");
        String before = sha256(zkey);
        Run r = run();
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("membership r1cs", "needs a new trusted setup", "never regenerates keys");
        assertThat(sha256(zkey)).isEqualTo(before);
    }

    @Test
    void aTamperedZkeyFails() throws Exception {
        Path zkey = scratch.resolve("src/main/trusted-setup/range/circuit.zkey");
        byte[] bytes = Files.readAllBytes(zkey);
        bytes[bytes.length - 1] ^= 1;
        Files.write(zkey, bytes);
        Run r = run();
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("range zkey", "restore them from git");
    }

    @Test
    void aMissingManifestSaysWhatToDo() throws Exception {
        Files.delete(scratch.resolve("src/main/trusted-setup/manifest.json"));
        Run r = run();
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("manifest.json is missing", "build/zk/ceremony.js");
    }

    private void rehash(String circuit, String entry, Path file) throws Exception {
        Path manifest = scratch.resolve("src/main/trusted-setup/manifest.json");
        ObjectNode m = (ObjectNode) Snarkjs.json().readTree(manifest.toFile());
        ((ObjectNode) m.get("circuits").get(circuit).get(entry)).put("sha256", sha256(file));
        Snarkjs.json().writeValue(manifest.toFile(), m);
    }

    private Run run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Toolchain.node(),
                Toolchain.projectDir().resolve("build/zk/circuits.js").toString(), buildDir.toString(), stageDir.toString()))
                .redirectErrorStream(true);
        pb.environment().put("ENCLAVE_ZK_ROOT", scratch.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".ptau")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
