package io.enclave.cli;

import io.enclave.zk.ZkVerifier;
import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.Proof;
import io.enclave.zk.groth16.PublicSignals;
import io.enclave.zk.groth16.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enclave verify-proof}: checks a Groth16 proof in snarkjs's JSON formats with the Java BN254 verifier. */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
        description = "Verify a Groth16 proof (snarkjs proof.json + public.json) against a verification_key.json. "
                + "Exit code 0 if valid, 1 if not.")
public final class VerifyProofCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--vkey", required = true, description = "verification_key.json (snarkjs format)")
    private Path vkey;

    @Option(names = "--proof", required = true, description = "proof.json (snarkjs format)")
    private Path proof;

    @Option(names = "--public", required = true, description = "public.json: the public signals (snarkjs format)")
    private Path publicSignals;

    @Override
    public Integer call() {
        try {
            boolean ok = ZkVerifier.verify(VerifyingKey.fromJson(read(vkey)), Proof.fromJson(read(proof)),
                    PublicSignals.fromJson(read(publicSignals)));
            spec.commandLine().getOut().println(ok ? "valid" : "INVALID: the proof does not verify for these public signals");
            return ok ? 0 : 1;
        } catch (MalformedProofDataException e) {
            throw new UserError(e.getMessage() + " — check that the files are snarkjs Groth16 BN254 (bn128) JSON");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UserError("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
