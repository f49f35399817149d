package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.ZkProver;
import io.enclave.zk.groth16.Groth16Prover;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyProofCommandIT {
    @TempDir
    Path tmp;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = EnclaveCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void validTamperedAndMalformedProofs() throws Exception {
        Path dir = ZkFixtures.circuit("multiplier");
        Groth16Prover.Result r = new ZkProver(CircuitRegistry.directory(ZkFixtures.circuitsDir()))
                .prove("multiplier", Map.of("a", 6, "b", 7, "tag", 1), null);
        Path proof = Files.writeString(tmp.resolve("proof.json"), r.proof().toJson());
        Path pub = Files.writeString(tmp.resolve("public.json"), r.publicSignals().toJson());
        String vk = dir.resolve("verification_key.json").toString();

        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "verify-proof", "--vkey", vk, "--proof", proof.toString(),
                "--public", pub.toString())).isZero();
        assertThat(out.toString()).contains("valid");

        Path wrong = Files.writeString(tmp.resolve("wrong.json"), "[\"42\", \"2\"]");
        out = new StringWriter();
        assertThat(run(out, new StringWriter(), "verify-proof", "--vkey", vk, "--proof", proof.toString(),
                "--public", wrong.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("INVALID");

        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"pi_a\": [\"1\", \"3\", \"1\"]}");
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "verify-proof", "--vkey", vk, "--proof", broken.toString(),
                "--public", pub.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pi_a").contains("not on the BN254 curve");
    }
}
