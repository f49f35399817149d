package io.enclave.credentials.zk;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkVerifier;
import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.Proof;
import io.enclave.zk.groth16.PublicSignals;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Buyer side: checks a credential package's proof in the JVM. Not only the Groth16 equation: every public signal must
 * say what the package says in words — the issuer key, the schema and attribute, the context, the time bound
 * ({@code validFrom}) and the predicate's constants (for a set, its Merkle root is recomputed from the listed
 * members) — and the verification-key hash must be that of the circuit this build ships. A package whose proof is
 * valid for some other statement is refused with the signal that differs.
 */
public final class PackageVerifier {
    private final CircuitRegistry circuits;

    /** What a verified package proves, with the two signals a caller compares with what it expects. */
    public record Verified(CredentialPackage pkg, CredentialCircuit circuit, BigInteger subject, Instant timeBound) {
        /** The holder the attestation was issued to, as a 0x address. */
        public String subjectAddress() {
            return String.format("0x%040x", subject);
        }
    }

    public PackageVerifier(CircuitRegistry circuits) {
        this.circuits = circuits;
    }

    /**
     * @param expectedContext the context the caller recomputed (from its purchase, or the registry's), or null to
     *                        accept the package's own
     */
    public Verified verify(CredentialPackage pkg, BigInteger expectedContext) throws ProofException {
        CredentialCircuit circuit = CredentialCircuit.ofPackageId(pkg.circuitId());
        if (!circuit.verificationKeyHash().equals(pkg.verificationKeyHash())) {
            throw new ProofException("The package's verification-key hash " + pkg.verificationKeyHash() + " is not that of "
                    + "circuit " + circuit.packageId() + " in this build (" + circuit.verificationKeyHash() + ")");
        }
        if (CredentialCircuit.of(pkg.predicate().op()) != circuit) {
            throw new ProofException("A " + pkg.predicate().op().id() + " predicate is not proven with " + circuit.packageId());
        }
        List<BigInteger> s = pkg.publicSignals();
        if (s.size() != circuit.publicSignals()) {
            throw new ProofException("Circuit " + circuit.packageId() + " has " + circuit.publicSignals()
                    + " public signals; the package has " + s.size());
        }
        try {
            expect(s, CredentialCircuit.ISSUER_AX, pkg.issuer().ax(), "issuer key x");
            expect(s, CredentialCircuit.ISSUER_AY, pkg.issuer().ay(), "issuer key y");
            expect(s, CredentialCircuit.SCHEMA, FieldEncoding.encodeString(pkg.schemaId()), "schema");
            expect(s, CredentialCircuit.ATTRIBUTE, FieldEncoding.encodeString(pkg.predicate().attribute()), "attribute");
        } catch (SchemaException e) {
            throw new ProofException("The package names an empty schema or attribute", e);
        }
        expect(s, CredentialCircuit.CONTEXT, pkg.context(), "context");
        if (expectedContext != null && !expectedContext.equals(pkg.context())) {
            throw new ProofException("The proof is bound to another context (another buyer, listing, chain or marketplace):"
                    + " it was not made for you");
        }
        expect(s, CredentialCircuit.TIME_BOUND, BigInteger.valueOf(pkg.validFrom().getEpochSecond()), "time bound");
        int i = CredentialCircuit.CONSTANTS;
        for (Map.Entry<String, Object> e : CredentialProver.constants(pkg.predicate(), circuit, null).entrySet()) {
            expect(s, i++, (BigInteger) e.getValue(), "predicate constant " + e.getKey());
        }
        boolean ok;
        try {
            Proof proof = Proof.fromJson(pkg.proof().toJson().toString());
            ok = ZkVerifier.verify(circuits.verifyingKey(circuit.buildId()), proof, new PublicSignals(s));
        } catch (MalformedProofDataException e) {
            throw new ProofException("The proof is malformed: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new ProofException("The Groth16 proof does not verify: the package was altered or the proof is forged");
        }
        return new Verified(pkg, circuit, s.get(CredentialCircuit.SUBJECT), pkg.validFrom());
    }

    /**
     * The package a buyer holds after a delivery with a per-buyer proof: the anchored package's statement with the
     * delivered proof, context and time bound. Every other public signal is the package's own, so a delivered proof
     * verifies only for the very statement that was listed.
     *
     * @throws ProofException when the delivered time bound is not before the attestation's expiry the package states
     */
    public static CredentialPackage perBuyerPackage(CredentialPackage pkg, PerBuyerProof delivered) throws ProofException {
        List<BigInteger> signals = new ArrayList<>(pkg.publicSignals());
        if (signals.size() <= CredentialCircuit.TIME_BOUND) {
            throw new ProofException("The package has too few public signals for a per-buyer proof");
        }
        signals.set(CredentialCircuit.CONTEXT, delivered.context());
        signals.set(CredentialCircuit.TIME_BOUND, BigInteger.valueOf(delivered.timeBound().getEpochSecond()));
        if (!delivered.timeBound().isBefore(pkg.validUntil())) {
            throw new ProofException("The delivered proof is dated " + delivered.timeBound() + ", after the credential "
                    + "expired (" + pkg.validUntil() + ")");
        }
        return new CredentialPackage(pkg.schemaId(), pkg.predicate(), pkg.circuitId(), pkg.verificationKeyHash(),
                delivered.proof(), signals, pkg.issuer(), delivered.context(), delivered.timeBound(), pkg.validUntil());
    }

    /**
     * Checks a per-buyer proof against the anchored package and the context the buyer recomputed from its own purchase
     * ({@code ContextBinding(chain, marketplace, listing, buyer)}): a proof made for another buyer, listing, chain or
     * marketplace is refused before any pairing is computed. Returns the verified per-buyer package.
     */
    public Verified verifyDelivered(CredentialPackage pkg, PerBuyerProof delivered, BigInteger expectedContext)
            throws ProofException {
        if (!delivered.context().equals(expectedContext)) {
            throw new ProofException("The delivered proof was made for another purchase (another buyer, listing, chain "
                    + "or marketplace), not for yours: the seller is passing off a proof that is not bound to you");
        }
        return verify(perBuyerPackage(pkg, delivered), expectedContext);
    }

    private static void expect(List<BigInteger> signals, int index, BigInteger expected, String what)
            throws ProofException {
        if (!signals.get(index).equals(expected)) {
            throw new ProofException("Public signal " + index + " (" + what + ") does not match the package: the proof is "
                    + "about another statement");
        }
    }
}
