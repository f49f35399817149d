package io.enclave.zk.babyjub;

import io.enclave.zk.babyjub.BabyJubJub.Point;
import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * EdDSA over BabyJubJub with Poseidon as in circomlibjs ({@code eddsa.signPoseidon / verifyPoseidon / prv2pub}) and
 * circomlib's {@code EdDSAPoseidonVerifier}: a 32-byte private key k; BLAKE-512(k) = h; s = prune(h[0..32]) read
 * little-endian; public key A = (s ≫ 3)·B8; nonce r = LE(BLAKE-512(h[32..64] ‖ LE32(msg))) mod l; R8 = r·B8;
 * S = (r + Poseidon(R8, A, msg)·s) mod l. Private keys and derived secrets are wiped after use.
 */
public final class EddsaPoseidon {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EddsaPoseidon() {
    }

    /** A signature (R8, S). */
    public record Signature(Point r8, BigInteger s) {
    }

    /** A fresh random 32-byte private key (the caller wipes it when done). */
    public static byte[] generatePrivateKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    public static Point publicKey(byte[] privateKey) {
        byte[] h = Blake512.digest(checkKey(privateKey));
        try {
            return BabyJubJub.mulConstantTime(BabyJubJub.BASE8, scalar(h).shiftRight(3));
        } finally {
            Arrays.fill(h, (byte) 0);
        }
    }

    /** Signs a field element (e.g. a Poseidon commitment to an attribute). */
    public static Signature sign(byte[] privateKey, BigInteger message) {
        if (message.signum() < 0 || message.compareTo(BabyJubJub.P) >= 0) {
            throw new IllegalArgumentException("the message must be a field element (0 <= m < p)");
        }
        byte[] h = Blake512.digest(checkKey(privateKey));
        byte[] nonceInput = new byte[64];
        byte[] rh = null;
        try {
            BigInteger s = scalar(h);
            Point a = BabyJubJub.mulConstantTime(BabyJubJub.BASE8, s.shiftRight(3));
            System.arraycopy(h, 32, nonceInput, 0, 32);
            byte[] m = toLittleEndian32(message);
            System.arraycopy(m, 0, nonceInput, 32, 32);
            rh = Blake512.digest(nonceInput);
            BigInteger r = littleEndian(rh, 0, 64).mod(BabyJubJub.SUBORDER);
            Point r8 = BabyJubJub.mulConstantTime(BabyJubJub.BASE8, r);
            BigInteger hm = Poseidon.hash(r8.x(), r8.y(), a.x(), a.y(), message);
            BigInteger sig = r.add(hm.multiply(s)).mod(BabyJubJub.SUBORDER);
            return new Signature(r8, sig);
        } finally {
            Arrays.fill(h, (byte) 0);
            Arrays.fill(nonceInput, (byte) 0);
            if (rh != null) {
                Arrays.fill(rh, (byte) 0);
            }
        }
    }

    /**
     * circomlibjs's verifyPoseidon: R8 and A on the curve, S &lt; l, and S·B8 = R8 + 8·Poseidon(R8, A, m)·A.
     * Returns false (never throws) for a wrong or malformed signature.
     */
    public static boolean verify(Point publicKey, BigInteger message, Signature sig) {
        if (sig == null || publicKey == null || message == null || sig.r8() == null || sig.s() == null) {
            return false;
        }
        if (!BabyJubJub.isOnCurve(sig.r8()) || !BabyJubJub.isOnCurve(publicKey)) {
            return false;
        }
        if (sig.s().signum() < 0 || sig.s().compareTo(BabyJubJub.SUBORDER) >= 0) {
            return false;
        }
        if (message.signum() < 0 || message.compareTo(BabyJubJub.P) >= 0) {
            return false;
        }
        BigInteger hm = Poseidon.hash(sig.r8().x(), sig.r8().y(), publicKey.x(), publicKey.y(), message);
        Point left = BabyJubJub.mul(BabyJubJub.BASE8, sig.s());
        Point right = BabyJubJub.add(sig.r8(), BabyJubJub.mul(publicKey, hm.shiftLeft(3)));
        return left.equals(right);
    }

    private static byte[] checkKey(byte[] k) {
        if (k == null || k.length != 32) {
            throw new IllegalArgumentException("a BabyJubJub EdDSA private key is 32 bytes");
        }
        return k;
    }

    /** prune(h[0..32]) as a little-endian integer. */
    private static BigInteger scalar(byte[] h) {
        byte[] s = Arrays.copyOf(h, 32);
        s[0] &= (byte) 0xF8;
        s[31] &= 0x7F;
        s[31] |= 0x40;
        try {
            return littleEndian(s, 0, 32);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    private static BigInteger littleEndian(byte[] b, int off, int len) {
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) {
            be[len - i] = b[off + i];
        }
        try {
            return new BigInteger(be);
        } finally {
            Arrays.fill(be, (byte) 0);
        }
    }

    private static byte[] toLittleEndian32(BigInteger v) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = v.shiftRight(8 * i).byteValue();
        }
        return out;
    }
}
