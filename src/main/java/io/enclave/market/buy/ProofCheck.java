package io.enclave.market.buy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkVerifier;
import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.Proof;
import io.enclave.zk.groth16.PublicSignals;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** Verifies a package's Groth16 proof, or the per-buyer proof delivered with its key, in Java. */
public final class ProofCheck {
    private final CircuitRegistry circuits;

    public ProofCheck(CircuitRegistry circuits) {
        this.circuits = circuits;
    }

    /**
     * What the buyer's check of a per-buyer proof found.
     *
     * @param perBuyer the credential as the buyer holds it (the listed statement with the delivered proof), when the
     *                 proof verified
     * @param refusal why the proof is refused, in words for the buyer; null when it verified
     */
    public record Delivered(CredentialPackage perBuyer, String refusal) {
        public boolean verified() {
            return refusal == null;
        }
    }

    /**
     * Checks the proof a seller made for this buyer ({@link PerBuyerProof}) against the anchored package: its context
     * must be {@code expectedContext} (the buyer's own {@code ContextBinding}), its time bound within
     * [{@code notBefore}, {@code notAfter}] (the purchase and the delivery on chain), and the Groth16 proof must verify
     * for the package's statement with that context and time bound.
     */
    public Delivered verifyDelivered(CredentialPackage pkg, PerBuyerProof proof, BigInteger expectedContext,
                                     Instant notBefore, Instant notAfter) {
        if (!proof.context().equals(expectedContext)) {
            return new Delivered(null, "the proof delivered with the key was made for another purchase (another buyer, "
                    + "listing, chain or marketplace), not for yours: the seller passed off a proof that is not bound to you");
        }
        if (proof.timeBound().isBefore(notBefore)) {
            return new Delivered(null, "the proof delivered with the key is dated " + proof.timeBound() + ", before your "
                    + "purchase (" + notBefore + "): it is an old proof replayed, not one made for this purchase");
        }
        if (proof.timeBound().isAfter(notAfter)) {
            return new Delivered(null, "the proof delivered with the key is dated " + proof.timeBound() + ", after it was "
                    + "delivered (" + notAfter + "): its time bound is not the time it was made");
        }
        try {
            CredentialCircuit.ofPackageId(pkg.circuitId());
        } catch (ProofException e) {
            return new Delivered(null, "the package's circuit '" + pkg.circuitId() + "' has no per-buyer proof format in "
                    + "this app");
        }
        try {
            return new Delivered(new PackageVerifier(circuits).verifyDelivered(pkg, proof, expectedContext).pkg(), null);
        } catch (ProofException e) {
            return new Delivered(null, "the proof delivered with the key is refused: " + e.getMessage());
        }
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
