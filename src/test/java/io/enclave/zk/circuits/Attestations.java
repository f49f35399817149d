package io.enclave.zk.circuits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.testsupport.Snarkjs;
import java.math.BigInteger;

/** Requests for {@code build/zk/attest.js}: one honest attestation per circuit, to be bent by each test. */
final class Attestations {
    /** Throwaway devnet issuer keys (BabyJubJub private keys as 32 bytes of hex). */
    static final String ISSUER_KEY = "0x" + "11".repeat(32);
    static final String OTHER_ISSUER_KEY = "0x" + "22".repeat(32);
    /** anvil's accounts 1 (holder) and 2 (buyer). */
    static final String HOLDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String BUYER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    static final String OTHER_BUYER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    static final long LISTING = 7;
    static final long CHAIN_ID = 31337;
    static final long EXPIRY = 1_900_000_000L;
    static final long NOW = 1_800_000_000L;
    static final BigInteger MAX_64 = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    /** The BN254 scalar field modulus r: circuit arithmetic is modulo r. */
    static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");

    private Attestations() {
    }

    static ObjectNode base(String circuit) {
        ObjectNode r = Snarkjs.json().createObjectNode();
        r.put("circuit", circuit);
        r.put("issuerKey", ISSUER_KEY);
        r.put("schema", "1001");
        r.put("attribute", "3");
        r.put("salt", "271828182845904523536028747135266249775724709369995");
        r.put("subject", HOLDER);
        r.put("expiry", Long.toString(EXPIRY));
        r.put("timeBound", Long.toString(NOW));
        r.put("buyer", BUYER);
        r.put("listingId", Long.toString(LISTING));
        r.put("chainId", Long.toString(CHAIN_ID));
        return r;
    }

    static ObjectNode range(Object value, Object lower, Object upper) {
        ObjectNode r = base("range");
        r.put("value", value.toString());
        r.put("lower", lower.toString());
        r.put("upper", upper.toString());
        return r;
    }

    static ObjectNode equality(Object value, Object expected) {
        ObjectNode r = base("equality");
        r.put("value", value.toString());
        r.put("expected", expected.toString());
        return r;
    }

    /** A set of {@code size} members 1000, 1001, ...; {@code value} may or may not be one of them. */
    static ObjectNode membership(long value, int size) {
        ObjectNode r = base("membership");
        r.put("value", Long.toString(value));
        ArrayNode set = r.putArray("set");
        for (int i = 0; i < size; i++) {
            set.add(Long.toString(1000 + i));
        }
        return r;
    }

    static ObjectNode override(ObjectNode request, String signal, Object value) {
        ObjectNode copy = request.deepCopy();
        ObjectNode o = copy.has("override") ? (ObjectNode) copy.get("override") : copy.putObject("override");
        o.put(signal, value.toString());
        return copy;
    }

    static ObjectNode with(ObjectNode request, String field, Object value) {
        ObjectNode copy = request.deepCopy();
        copy.put(field, value.toString());
        return copy;
    }

    /** A copy of the public signals with signal {@code index} replaced. */
    static ArrayNode replaceSignal(JsonNode publicSignals, int index, BigInteger value) {
        ArrayNode copy = (ArrayNode) publicSignals.deepCopy();
        copy.set(index, Snarkjs.json().getNodeFactory().textNode(value.toString()));
        return copy;
    }

    static BigInteger signal(JsonNode publicSignals, int index) {
        return new BigInteger(publicSignals.get(index).asText());
    }
}
