package io.enclave.market.buy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkVerifier;
import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.Proof;
import io.enclave.zk.groth16.PublicSignals;
import java.util.Optional;

/** Verifies a package's Groth16 proof in Java against the verifying key of its circuit. */
public final class ProofCheck {
    private final CircuitRegistry circuits;

    public ProofCheck(CircuitRegistry circuits) {
        this.circuits = circuits;
    }

    /** True or false when the circuit is known here; empty when this app has no verifying key for the circuit. */
    public Optional<Boolean> verify(CredentialPackage pkg) {
        if (pkg.circuitId().startsWith("enclave.")) {
            // a package id (enclave.range.v1 …): the full check of io.enclave.credentials.zk — signals against the
            // package's statement, verification-key hash, then Groth16 with the circuit this build ships
            try {
                CredentialCircuit.ofPackageId(pkg.circuitId());
            } catch (ProofException e) {
                return Optional.empty();
            }
            try {
                new PackageVerifier(circuits).verify(pkg, null);
                return Optional.of(true);
            } catch (ProofException e) {
                return Optional.of(false);
            }
        }
        try {
            circuits.verifyingKey(pkg.circuitId());
        } catch (IllegalArgumentException e) { // UnknownCircuitException included
            return Optional.empty();
        }
        try {
            Proof proof = Proof.fromJson(pkg.proof().toJson().toString());
            return Optional.of(new ZkVerifier(circuits).verify(pkg.circuitId(), proof,
                    new PublicSignals(pkg.publicSignals())));
        } catch (MalformedProofDataException e) {
            return Optional.of(false);
        }
    }
}
