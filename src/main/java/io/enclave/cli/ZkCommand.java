package io.enclave.cli;

import io.enclave.devnet.DevnetException;
import io.enclave.devnet.JsToolchain;
import io.enclave.zk.ceremony.CeremonyException;
import io.enclave.zk.ceremony.Phase2Ceremony;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code enclave zk}: the phase-2 ceremony tools, so a deployment can replace the committed single-party devnet setup
 * with a multi-party one. They run the build toolchain's pinned snarkjs (Node.js); see docs/ZK.md.
 */
@Command(name = "zk", mixinStandardHelpOptions = true,
        description = "Trusted-setup ceremony: contribute to a circuit's phase-2 zkey, verify a zkey.",
        subcommands = {ZkCommand.Contribute.class, ZkCommand.VerifyZkey.class})
public final class ZkCommand implements Runnable {
    private static final String SNARKJS = "node_modules/snarkjs/build/cli.cjs";
    private static final String[] CIRCUITS = {"range", "equality", "membership"};

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "contribute", mixinStandardHelpOptions = true,
            description = "Add your contribution to a phase-2 zkey. Your entropy: 64 random bytes from this machine, "
                    + "plus text you type (asked without echo, or --entropy-file); never from the command line.")
    static final class Contribute implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--in", required = true, paramLabel = "ZKEY", description = "the latest zkey of the ceremony")
        Path in;
        @Option(names = "--out", required = true, paramLabel = "ZKEY", description = "where to write yours (new file)")
        Path out;
        @Option(names = "--name", required = true, description = "your name or organisation, recorded in the zkey")
        String name;
        @Option(names = "--entropy-file", paramLabel = "FILE", description = "read your extra entropy text from FILE")
        Path entropyFile;
        @Option(names = "--no-typed-entropy", description = "use only this machine's random bytes (no prompt)")
        boolean noTyped;

        @Override
        public Integer call() {
            char[] typed = entropyFile != null ? SecretInput.fromFile(entropyFile, "--entropy-file")
                    : noTyped ? new char[0]
                    : SecretInput.prompt("Type some random text (entropy)", false, "your entropy", "--entropy-file");
            byte[] random = new byte[64];
            new SecureRandom().nextBytes(random);
            char[] hex = HexFormat.of().formatHex(random).toCharArray();
            char[] entropy = new char[hex.length + typed.length];
            System.arraycopy(hex, 0, entropy, 0, hex.length);
            System.arraycopy(typed, 0, entropy, hex.length, typed.length);
            Arrays.fill(random, (byte) 0);
            Arrays.fill(hex, '\0');
            Arrays.fill(typed, '\0');
            Phase2Ceremony.Contribution c;
            try {
                c = ceremony().contribute(in, out, name, entropy);
            } catch (CeremonyException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("Contribution written to " + out);
            o.println("Contribution hash (publish it; the next participant and verify-zkey show it):");
            o.println(c.hash());
            return 0;
        }
    }

    @Command(name = "verify-zkey", mixinStandardHelpOptions = true,
            description = "Verify a zkey against its circuit and the powers of tau: every contribution's proof. "
                    + "Exit code 0 if sound, 1 if not.")
    static final class VerifyZkey implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--zkey", paramLabel = "ZKEY", description = "the zkey (default: the committed one of --circuit)")
        Path zkey;
        @Option(names = "--circuit", description = "a bundled circuit: range, equality or membership (its r1cs from the "
                + "build, the committed ptau)")
        String circuit;
        @Option(names = "--r1cs", paramLabel = "FILE", description = "the circuit's r1cs (instead of --circuit)")
        Path r1cs;
        @Option(names = "--ptau", paramLabel = "FILE", description = "the final powers of tau (instead of --circuit)")
        Path ptau;

        @Override
        public Integer call() {
            Path root = toolchain();
            if (circuit != null) {
                if (!Arrays.asList(CIRCUITS).contains(circuit)) {
                    throw new UserError("Unknown circuit " + circuit + ": one of " + String.join(", ", CIRCUITS));
                }
                r1cs = r1cs != null ? r1cs : root.resolve("target/circuits/" + circuit + "/" + circuit + ".r1cs");
                ptau = ptau != null ? ptau : root.resolve("src/main/trusted-setup/pot14_final.ptau");
                zkey = zkey != null ? zkey : root.resolve("src/main/trusted-setup/" + circuit + "/circuit.zkey");
            }
            if (zkey == null || r1cs == null || ptau == null) {
                throw new UserError("Give --circuit, or all of --zkey, --r1cs and --ptau");
            }
            Phase2Ceremony.Verification v;
            try {
                v = ceremony().verify(r1cs, ptau, zkey);
            } catch (CeremonyException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("Contributions:");
            v.contributions().forEach(c -> o.println("  " + c));
            o.println(v.ok() ? "zkey OK: " + zkey : "INVALID: " + zkey + " (" + v.reason() + ")");
            return v.ok() ? 0 : 1;
        }
    }

    static Path toolchain() {
        try {
            return JsToolchain.locate().root();
        } catch (DevnetException e) {
            throw new UserError("The ceremony commands need the build toolchain (snarkjs): " + e.getMessage(), e);
        }
    }

    static Phase2Ceremony ceremony() {
        return new Phase2Ceremony(System.getProperty("enclave.node", "node"), toolchain().resolve(SNARKJS));
    }
}
