package io.enclave.zk;

import io.enclave.zk.babyjub.BabyJubJub;
import io.enclave.zk.babyjub.EddsaPoseidon;
import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Inputs for the test circuit {@code src/test/circom/attribute.circom}, signed by a Java issuer. */
public final class AttributeInputs {
    public static final byte[] ISSUER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            ISSUER_KEY[i] = (byte) (0x40 + i);
        }
    }

    private AttributeInputs() {
    }

    /** A valid statement: value ≥ threshold, signed over Poseidon(attribute, value, salt). */
    public static Map<String, Object> valid(long value, long threshold, BigInteger context) {
        return signed(ISSUER_KEY, value, value, threshold, context);
    }

    /** Signs {@code signedValue} but claims {@code claimedValue} (equal for an honest holder). */
    public static Map<String, Object> signed(byte[] issuerKey, long signedValue, long claimedValue, long threshold,
                                             BigInteger context) {
        BigInteger attribute = BigInteger.valueOf(7);
        BigInteger salt = new BigInteger("918273645546372819");
        BigInteger message = Poseidon.hash(attribute, BigInteger.valueOf(signedValue), salt);
        EddsaPoseidon.Signature sig = EddsaPoseidon.sign(issuerKey, message);
        BabyJubJub.Point pub = EddsaPoseidon.publicKey(issuerKey);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("issuerAx", pub.x());
        in.put("issuerAy", pub.y());
        in.put("threshold", BigInteger.valueOf(threshold));
        in.put("context", context);
        in.put("attribute", attribute);
        in.put("value", BigInteger.valueOf(claimedValue));
        in.put("salt", salt);
        in.put("sigR8x", sig.r8().x());
        in.put("sigR8y", sig.r8().y());
        in.put("sigS", sig.s());
        return in;
    }

    /** As snarkjs input.json. */
    public static String json(Map<String, Object> in) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
        }
        return b.append('}').toString();
    }
}
