package io.enclave.crypto.ecies;

import io.enclave.crypto.GcmProvider;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECIES over secp256k1 with HKDF-SHA256 and AES-256-GCM, byte-compatible with the npm package {@code eciesjs}
 * (0.4/0.5 defaults), so a content key wrapped here opens there and the other way round.
 *
 * <p>Payload: {@code ephemeralPublicKey (65, uncompressed) || nonce (16) || tag (16) || ciphertext}. Key:
 * {@code HKDF-SHA256(ikm = ephemeralPublicKey || sharedPoint (65, uncompressed), salt = none, info = none, 32 bytes)}.
 * Used to wrap a listing's content key to the public key a buyer registered with the marketplace.
 */
public final class Secp256k1Ecies {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final int POINT = 65;
    private static final int NONCE = 16;
    private static final int TAG = 16;
    private static final int OVERHEAD = POINT + NONCE + TAG;

    private final SecureRandom random;
    private final GcmProvider gcm;

    /** ECIES whose AES-256-GCM comes from {@code gcm} (the bytes are the same whichever provider). */
    public Secp256k1Ecies(SecureRandom random, GcmProvider gcm) {
        this.random = random;
        this.gcm = gcm;
    }

    /** ECIES with the JDK's AES-GCM: a wrapped key is 32 bytes, a native provider would only add start-up time. */
    public Secp256k1Ecies(SecureRandom random) {
        this(random, GcmProvider.jdk());
    }

    public Secp256k1Ecies() {
        this(new SecureRandom());
    }

    /**
     * Encrypts {@code plaintext} to a secp256k1 public key given as 65 bytes ({@code 04 || x || y}) or 64 bytes
     * ({@code x || y}, as the marketplace stores it).
     */
    public byte[] encrypt(byte[] recipientPublicKey, byte[] plaintext) throws EciesException {
        ECPoint recipient = decodePublicKey(recipientPublicKey);
        BigInteger ephemeral;
        do {
            ephemeral = new BigInteger(256, random);
        } while (ephemeral.signum() == 0 || ephemeral.compareTo(CURVE.getN()) >= 0);
        byte[] ephemeralPub = CURVE.getG().multiply(ephemeral).normalize().getEncoded(false);
        byte[] shared = recipient.multiply(ephemeral).normalize().getEncoded(false);
        byte[] key = deriveKey(ephemeralPub, shared);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, key, nonce, plaintext);
            byte[] out = new byte[OVERHEAD + plaintext.length];
            System.arraycopy(ephemeralPub, 0, out, 0, POINT);
            System.arraycopy(nonce, 0, out, POINT, NONCE);
            System.arraycopy(sealed, plaintext.length, out, POINT + NONCE, TAG);
            System.arraycopy(sealed, 0, out, OVERHEAD, plaintext.length);
            Arrays.fill(sealed, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new EciesException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** Opens a payload made by {@link #encrypt} (or by eciesjs) with the recipient's 32-byte private key. */
    public byte[] decrypt(byte[] recipientPrivateKey, byte[] payload) throws EciesException {
        if (payload.length < OVERHEAD) {
            throw new EciesException("The wrapped key is truncated: " + payload.length + " bytes, at least " + OVERHEAD
                    + " expected");
        }
        BigInteger d = new BigInteger(1, recipientPrivateKey);
        if (d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0) {
            throw new EciesException("Not a valid secp256k1 private key");
        }
        byte[] ephemeralPub = Arrays.copyOfRange(payload, 0, POINT);
        ECPoint ephemeral = decodePublicKey(ephemeralPub);
        byte[] shared = ephemeral.multiply(d).normalize().getEncoded(false);
        byte[] key = deriveKey(ephemeralPub, shared);
        byte[] nonce = Arrays.copyOfRange(payload, POINT, POINT + NONCE);
        int n = payload.length - OVERHEAD;
        byte[] sealed = new byte[n + TAG];
        System.arraycopy(payload, OVERHEAD, sealed, 0, n);
        System.arraycopy(payload, POINT + NONCE, sealed, n, TAG);
        try {
            return aesGcm(Cipher.DECRYPT_MODE, key, nonce, sealed);
        } catch (AEADBadTagException e) {
            throw new EciesException("The wrapped key does not open with this account's key: it was wrapped for another "
                    + "key, or it was altered on the way", e);
        } catch (GeneralSecurityException e) {
            throw new EciesException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** The 65-byte uncompressed public key of a private key. */
    public static byte[] publicKeyOf(byte[] privateKey) {
        return CURVE.getG().multiply(new BigInteger(1, privateKey)).normalize().getEncoded(false);
    }

    static ECPoint decodePublicKey(byte[] key) throws EciesException {
        byte[] encoded = key;
        if (key.length == 64) {
            encoded = new byte[65];
            encoded[0] = 0x04;
            System.arraycopy(key, 0, encoded, 1, 64);
        }
        if (encoded.length != 65 && encoded.length != 33) {
            throw new EciesException("A secp256k1 public key has 33, 64 or 65 bytes, not " + key.length);
        }
        try {
            ECPoint p = CURVE.getCurve().decodePoint(encoded);
            if (p.isInfinity() || !p.isValid()) {
                throw new EciesException("The public key is not a point on secp256k1");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new EciesException("The public key is not a point on secp256k1", e);
        }
    }

    private static byte[] deriveKey(byte[] ephemeralPub, byte[] sharedPoint) {
        byte[] ikm = new byte[ephemeralPub.length + sharedPoint.length];
        System.arraycopy(ephemeralPub, 0, ikm, 0, ephemeralPub.length);
        System.arraycopy(sharedPoint, 0, ikm, ephemeralPub.length, sharedPoint.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, null, null));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(ikm, (byte) 0);
        return key;
    }

    private byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] input) throws GeneralSecurityException {
        Cipher c = gcm.newCipher();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
        return c.doFinal(input);
    }
}
