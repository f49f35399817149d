package io.enclave.credentials.zk;

import io.enclave.credentials.schema.PredicateOp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.utils.Numeric;

/**
 * The circuits a credential package can name (docs/ZK.md): their id in the build ({@code io/enclave/zk/circuits/<id>}),
 * the id written into packages, the id CredentialRegistry knows their verifier by, and their number of public signals.
 * Every circuit's signals start with issuerAx, issuerAy, schema, attribute, subject, context, timeBound.
 */
public enum CredentialCircuit {
    RANGE("range", "enclave.range.v1", 1, 9),
    EQUALITY("equality", "enclave.equality.v1", 2, 8),
    MEMBERSHIP("membership", "enclave.membership.v1", 3, 8);

    public static final int ISSUER_AX = 0;
    public static final int ISSUER_AY = 1;
    public static final int SCHEMA = 2;
    public static final int ATTRIBUTE = 3;
    public static final int SUBJECT = 4;
    public static final int CONTEXT = 5;
    public static final int TIME_BOUND = 6;
    /** The first predicate constant (lower, expected or setRoot); range has upper after it. */
    public static final int CONSTANTS = 7;

    private static final Map<CredentialCircuit, String> VK_HASHES = new ConcurrentHashMap<>();

    private final String buildId;
    private final String packageId;
    private final int registryId;
    private final int publicSignals;

    CredentialCircuit(String buildId, String packageId, int registryId, int publicSignals) {
        this.buildId = buildId;
        this.packageId = packageId;
        this.registryId = registryId;
        this.publicSignals = publicSignals;
    }

    public String buildId() {
        return buildId;
    }

    public String packageId() {
        return packageId;
    }

    public int registryId() {
        return registryId;
    }

    public int publicSignals() {
        return publicSignals;
    }

    /** Which circuit proves a predicate with this operator. */
    public static CredentialCircuit of(PredicateOp op) {
        return switch (op) {
            case GTE, LTE -> RANGE;
            case EQ -> EQUALITY;
            case IN -> MEMBERSHIP;
        };
    }

    /** The circuit a package names, or empty-handed with a clear message. */
    public static CredentialCircuit ofPackageId(String id) throws ProofException {
        for (CredentialCircuit c : values()) {
            if (c.packageId.equals(id)) {
                return c;
            }
        }
        throw new ProofException("The package names circuit '" + id + "', which this Enclave does not know; update Enclave");
    }

    /** keccak256 of the bundled verification_key.json, 0x-prefixed lowercase hex: what packages record. */
    public String verificationKeyHash() {
        return VK_HASHES.computeIfAbsent(this, c -> {
            String resource = "io/enclave/zk/circuits/" + c.buildId + "/verification_key.json";
            try (InputStream in = CredentialCircuit.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("this build has no " + resource);
                }
                return Numeric.toHexString(org.web3j.crypto.Hash.sha3(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        });
    }
}
