package io.enclave.credentials.pkg;

import io.enclave.credentials.schema.FieldEncoding;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof a seller makes at delivery time for one buyer: the package's statement proven again with the sale's
 * {@link ContextBinding} and a fresh time bound. Only what differs from the package travels: the context the seller
 * says it proved for, the time bound, and the proof (affine points, {@value #PROOF_BYTES} bytes). The buyer rebuilds
 * every other public signal from the package it decrypted, and the context from its own purchase, so a delivery cannot
 * carry signals that disagree with the package.
 *
 * @param context   the field element the proof is bound to (the seller's claim; the buyer compares it with its own)
 * @param timeBound the public time bound (whole seconds): the attestation was unexpired then
 */
public record PerBuyerProof(BigInteger context, Instant timeBound, Groth16Proof proof) {
    /** pi_a (x, y), pi_b (x0, x1, y0, y1), pi_c (x, y): eight 32-byte big-endian base-field elements. */
    public static final int PROOF_BYTES = 8 * 32;
    /** context (32) + time bound (8, unsigned big-endian seconds) + proof. */
    public static final int BYTES = 32 + 8 + PROOF_BYTES;

    public PerBuyerProof {
        if (context.signum() < 0 || context.compareTo(FieldEncoding.R) >= 0) {
            throw new IllegalArgumentException("context must be a field element");
        }
        if (timeBound.getNano() != 0 || timeBound.getEpochSecond() < 0) {
            throw new IllegalArgumentException("time bound: whole seconds after 1970");
        }
        if (!proof.a().get(2).equals(BigInteger.ONE) || !proof.c().get(2).equals(BigInteger.ONE)
                || !proof.b().get(2).equals(List.of(BigInteger.ONE, BigInteger.ZERO))) {
            throw new IllegalArgumentException("the proof's points must be affine (z = 1), as snarkjs writes them");
        }
    }

    /** The compact form: context, time bound, proof ({@value #BYTES} bytes). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.put(word(context));
        b.putLong(timeBound.getEpochSecond());
        for (BigInteger x : coordinates(proof)) {
            b.put(word(x));
        }
        return b.array();
    }

    /** Reads {@link #toBytes()}; anything malformed (length, a coordinate ≥ q, a context ≥ r) is refused. */
    public static PerBuyerProof fromBytes(byte[] bytes) throws PackageException {
        if (bytes.length != BYTES) {
            throw new PackageException("The delivered proof has " + bytes.length + " bytes, not " + BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        BigInteger context = next(b);
        long seconds = b.getLong();
        List<BigInteger> xs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            BigInteger x = next(b);
            if (x.compareTo(Groth16Proof.Q) >= 0) {
                throw new PackageException("The delivered proof has a coordinate outside the base field");
            }
            xs.add(x);
        }
        if (context.compareTo(FieldEncoding.R) >= 0 || seconds < 0) {
            throw new PackageException("The delivered proof's context or time bound is out of range");
        }
        Groth16Proof proof = new Groth16Proof(List.of(xs.get(0), xs.get(1), BigInteger.ONE),
                List.of(List.of(xs.get(2), xs.get(3)), List.of(xs.get(4), xs.get(5)), List.of(BigInteger.ONE, BigInteger.ZERO)),
                List.of(xs.get(6), xs.get(7), BigInteger.ONE));
        return new PerBuyerProof(context, Instant.ofEpochSecond(seconds), proof);
    }

    private static List<BigInteger> coordinates(Groth16Proof p) {
        return List.of(p.a().get(0), p.a().get(1), p.b().get(0).get(0), p.b().get(0).get(1), p.b().get(1).get(0),
                p.b().get(1).get(1), p.c().get(0), p.c().get(1));
    }

    private static BigInteger next(ByteBuffer b) {
        byte[] w = new byte[32];
        b.get(w);
        return new BigInteger(1, w);
    }

    private static byte[] word(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
