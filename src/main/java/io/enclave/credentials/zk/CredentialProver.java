package io.enclave.credentials.zk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Groth16Proof;
import io.enclave.credentials.pkg.PackageException;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.zk.ZkProver;
import io.enclave.zk.groth16.Groth16Prover;
import io.enclave.zk.witness.WitnessException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Holder mode, step two: proves a predicate over a checked attestation with the circuit its operator needs and
 * returns the credential package (proof, public signals, circuit id, verification-key hash, issuer, context, validity).
 * Everything runs in the JVM ({@link ZkProver}: Chicory witness, Java Groth16 prover). The attestation's value, salt
 * and signature are private inputs and never appear in the package.
 *
 * <p>Self-attested attestations (signed with the holder's own key) can be proven; the package then says
 * {@code self-attested}, and no step turns that into an issuer's credential.
 */
public final class CredentialProver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger MAX_64 = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    private final ZkProver prover;
    private final SchemaRegistry schemas;

    public CredentialProver(ZkProver prover, SchemaRegistry schemas) {
        this.prover = prover;
        this.schemas = schemas;
    }

    /**
     * @param context   the field element the proof is bound to: a sale's {@code ContextBinding} or the registry's
     *                  {@code RegistryContext}
     * @param timeBound the public time at which the attestation is proven unexpired (whole seconds, before its expiry)
     * @param progress  fraction done in [0, 1] (may be null)
     */
    public CredentialPackage prove(CheckedAttestation checked, Predicate predicate, BigInteger context, Instant timeBound,
                                   DoubleConsumer progress) throws ProofException {
        Attestation a = checked.attestation();
        if (a.signature() == null) {
            throw new ProofException("This self-attested data is not signed: sign it with your own key first (a proof needs "
                    + "a signature); it will stay marked self-attested");
        }
        if (!predicate.schemaId().equals(a.schemaId()) || !predicate.attribute().equals(a.attribute())) {
            throw new ProofException("The predicate is about " + predicate.schemaId() + " / " + predicate.attribute()
                    + " but the attestation is about " + a.schemaId() + " / " + a.attribute());
        }
        if (context.signum() < 0 || context.compareTo(FieldEncoding.R) >= 0) {
            throw new ProofException("The context must be a field element below r");
        }
        Instant bound = Instant.ofEpochSecond(timeBound.getEpochSecond());
        if (!bound.isBefore(a.expiresAt())) {
            throw new ProofException("The attestation expired on " + a.expiresAt() + "; ask the issuer for a new one");
        }
        try {
            CredentialSchema schema = schemas.get(a.schemaId());
            if (!predicate.holds(schema, a.value())) {
                throw new ProofException("The attested value does not satisfy \"" + predicate.statement()
                        + "\": no proof can be made (a proof of a false statement is impossible by design)");
            }
        } catch (SchemaException e) {
            throw new ProofException("Cannot check the predicate: " + e.getMessage(), e);
        }
        CredentialCircuit circuit = CredentialCircuit.of(predicate.op());
        Map<String, Object> in = inputs(a, predicate, circuit, context, bound);
        Groth16Prover.Result result;
        try {
            result = prover.prove(circuit.buildId(), in, progress);
        } catch (WitnessException e) {
            throw new ProofException("The circuit refused the inputs (the signature does not match the attested data, or "
                    + "the value does not fit the circuit): " + e.getMessage(), e);
        } finally {
            in.clear();
        }
        try {
            Groth16Proof proof = Groth16Proof.fromJson(JSON.readTree(result.proof().toJson()), "proof");
            return new CredentialPackage(a.schemaId(), predicate, circuit.packageId(), circuit.verificationKeyHash(), proof,
                    result.publicSignals().values(), a.issuer(), context, bound, a.expiresAt());
        } catch (IOException | PackageException e) {
            throw new IllegalStateException("the prover returned a proof that is not snarkjs JSON", e);
        }
    }

    static Map<String, Object> inputs(Attestation a, Predicate p, CredentialCircuit circuit, BigInteger context,
                                      Instant timeBound) throws ProofException {
        Map<String, Object> in = new LinkedHashMap<>();
        List<BigInteger> message = a.signedMessage();
        in.put("issuerAx", a.issuer().ax());
        in.put("issuerAy", a.issuer().ay());
        in.put("schema", message.get(0));
        in.put("attribute", message.get(1));
        in.put("subject", a.subject());
        in.put("context", context);
        in.put("timeBound", BigInteger.valueOf(timeBound.getEpochSecond()));
        in.put("value", a.encodedValue());
        in.put("salt", a.salt());
        in.put("expiry", BigInteger.valueOf(a.expiresAt().getEpochSecond()));
        in.put("sigR8x", a.signature().r8x());
        in.put("sigR8y", a.signature().r8y());
        in.put("sigS", a.signature().s());
        in.putAll(constants(p, circuit, a.encodedValue()));
        return in;
    }

    /** The circuit's predicate inputs; with {@code value} null only the public ones (for checking a package). */
    static Map<String, Object> constants(Predicate p, CredentialCircuit circuit, BigInteger value) throws ProofException {
        Map<String, Object> in = new LinkedHashMap<>();
        List<BigInteger> c = p.encodedConstants();
        switch (circuit) {
            case RANGE -> {
                if (c.get(0).compareTo(MAX_64) > 0 || value != null && value.compareTo(MAX_64) > 0) {
                    throw new ProofException("Ordered comparisons work on values below 2^64 only");
                }
                in.put("lower", p.op() == io.enclave.credentials.schema.PredicateOp.GTE ? c.get(0) : BigInteger.ZERO);
                in.put("upper", p.op() == io.enclave.credentials.schema.PredicateOp.GTE ? MAX_64 : c.get(0));
            }
            case EQUALITY -> in.put("expected", c.get(0));
            case MEMBERSHIP -> {
                SetTree tree = new SetTree(c);
                in.put("setRoot", tree.root());
                if (value != null) {
                    int index = c.indexOf(value);
                    if (index < 0) {
                        throw new ProofException("The attested value is not in the set");
                    }
                    SetTree.Path path = tree.path(index);
                    in.put("pathElements", path.elements());
                    in.put("pathIndices", path.indices().stream().map(BigInteger::valueOf).toList());
                }
            }
            default -> throw new IllegalStateException("unknown circuit " + circuit);
        }
        return in;
    }
}
