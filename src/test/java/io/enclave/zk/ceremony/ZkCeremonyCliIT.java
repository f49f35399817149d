package io.enclave.zk.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.cli.EnclaveCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code enclave zk contribute|verify-zkey} on the committed range circuit, with the build's snarkjs. */
class ZkCeremonyCliIT {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = EnclaveCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aContributionIsAddedVerifiedAndATamperedZkeyIsRefused() throws Exception {
        Path committed = Path.of("src/main/trusted-setup/range/circuit.zkey");
        Path mine = dir.resolve("range-0001.zkey");
        Path entropy = Files.writeString(dir.resolve("entropy"), "the cat walked over the keyboard 8f3k2\n");

        Run c = run("zk", "contribute", "--in", committed.toString(), "--out", mine.toString(), "--name",
                "IT contributor", "--entropy-file", entropy.toString());
        assertThat(c.code()).as(c.err()).isZero();
        String hash = c.out().lines().filter(l -> l.matches("[0-9a-f]{128}")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(mine)).isNotEqualTo(Files.readAllBytes(committed));

        Run v = run("zk", "verify-zkey", "--circuit", "range", "--zkey", mine.toString());
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("#1 Enclave devnet phase-2 range (single party)")
                .contains("#3 IT contributor " + hash).contains("zkey OK");

        Run again = run("zk", "contribute", "--in", committed.toString(), "--out", mine.toString(), "--name", "x",
                "--no-typed-entropy");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");

        byte[] bytes = Files.readAllBytes(mine);
        bytes[bytes.length / 2] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.zkey"), bytes);
        Run bad = run("zk", "verify-zkey", "--circuit", "range", "--zkey", tampered.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("INVALID");

        Run unknown = run("zk", "verify-zkey", "--circuit", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown circuit nope");
    }
}
