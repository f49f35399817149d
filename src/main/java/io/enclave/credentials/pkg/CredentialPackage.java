package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.json.CanonicalJson;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.Predicate;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * What a seller publishes (encrypted) and a buyer verifies: a proof that an attribute signed by {@link #issuer} and
 * fitting {@link #schemaId} satisfies {@link #predicate}, bound to one {@link #context}. It holds no attribute value.
 * Its hash, the value anchored on-chain, is keccak256 of its RFC 8785 canonical JSON ({@link #canonicalBytes}).
 *
 * @param circuitId           the circuit that made the proof, e.g. {@code enclave.range.v1} (CredentialCircuit)
 * @param verificationKeyHash keccak256 of the circuit's verification key file, 0x-prefixed lowercase hex
 * @param publicSignals       the proof's public inputs and outputs, in the circuit's order
 * @param context             the context binding's field element
 */
public record CredentialPackage(String schemaId, Predicate predicate, String circuitId, String verificationKeyHash,
                                Groth16Proof proof, List<BigInteger> publicSignals, Issuer issuer, BigInteger context,
                                Instant validFrom, Instant validUntil) {
    public static final String TYPE = "EnclaveCredentialPackage";
    public static final int VERSION = 1;
    public static final int MAX_PUBLIC_SIGNALS = 64;

    public CredentialPackage {
        publicSignals = List.copyOf(publicSignals);
        if (!predicate.schemaId().equals(schemaId)) {
            throw new IllegalArgumentException("the predicate belongs to schema " + predicate.schemaId() + ", not " + schemaId);
        }
        if (circuitId == null || !circuitId.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("circuit id: lowercase letters, digits, '.', '_' or '-', at most 100");
        }
        if (verificationKeyHash == null || !verificationKeyHash.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException("verification key hash: 0x and 64 lowercase hex digits");
        }
        if (publicSignals.isEmpty() || publicSignals.size() > MAX_PUBLIC_SIGNALS
                || publicSignals.stream().anyMatch(s -> s.signum() < 0 || s.compareTo(FieldEncoding.R) >= 0)) {
            throw new IllegalArgumentException("public signals: 1 to " + MAX_PUBLIC_SIGNALS + " field elements");
        }
        if (context.signum() < 0 || context.compareTo(FieldEncoding.R) >= 0) {
            throw new IllegalArgumentException("context must be a field element");
        }
        if (validFrom.getNano() != 0 || validUntil.getNano() != 0 || !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validity: whole seconds, and it must end after it starts");
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", TYPE);
        o.put("version", VERSION);
        o.put("schema", schemaId);
        o.set("predicate", predicate.toJson());
        ObjectNode circuit = o.putObject("circuit");
        circuit.put("id", circuitId);
        circuit.put("verificationKeyHash", verificationKeyHash);
        o.set("proof", proof.toJson());
        ArrayNode signals = o.putArray("publicSignals");
        publicSignals.forEach(s -> signals.add(s.toString()));
        o.set("issuer", issuer.toJson());
        o.put("context", context.toString());
        o.put("validFrom", validFrom.getEpochSecond());
        o.put("validUntil", validUntil.getEpochSecond());
        return o;
    }

    /** RFC 8785 canonical JSON: the bytes that are hashed, encrypted and published. */
    public byte[] canonicalBytes() {
        return CanonicalJson.canonicalize(toJson());
    }

    /** keccak256 of the canonical bytes: the credential hash anchored on-chain. */
    public byte[] credentialHash() {
        return Hash.sha3(canonicalBytes());
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(validUntil);
    }
}
