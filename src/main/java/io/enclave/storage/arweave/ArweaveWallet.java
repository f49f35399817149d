package io.enclave.storage.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * An Arweave wallet: an RSA key (4096-bit for real wallets) read from its JWK file. Signs with RSA-PSS, SHA-256,
 * MGF1-SHA-256, 32-byte salt. The address is {@code base64url(sha256(n))}.
 */
public final class ArweaveWallet {
    static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RSAPrivateCrtKey key;

    private ArweaveWallet(RSAPrivateCrtKey key) {
        this.key = key;
    }

    /** Reads a JWK ({@code kty: RSA} with n, e, d, p, q, dp, dq, qi). The caller wipes {@code jwk} afterwards. */
    public static ArweaveWallet fromJwk(byte[] jwk) {
        try {
            JsonNode n = JSON.readTree(jwk);
            if (n == null || !"RSA".equals(n.path("kty").asText())) {
                throw new IllegalArgumentException("not an RSA JWK (kty must be RSA)");
            }
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(big(n, "n"), big(n, "e"), big(n, "d"), big(n, "p"),
                    big(n, "q"), big(n, "dp"), big(n, "dq"), big(n, "qi"));
            return new ArweaveWallet((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The Arweave wallet file is not a usable JWK key: " + e.getMessage()
                    + ". Export the wallet again as a JSON key file.", e);
        }
    }

    /** A new wallet (the devnet and the tests; a real wallet comes from a key file). */
    public static ArweaveWallet generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            return new ArweaveWallet((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK of this wallet, to save in the encrypted vault. */
    public byte[] toJwk() {
        ObjectNode n = JSON.createObjectNode().put("kty", "RSA");
        n.put("n", b64(key.getModulus())).put("e", b64(key.getPublicExponent())).put("d", b64(key.getPrivateExponent()))
                .put("p", b64(key.getPrimeP())).put("q", b64(key.getPrimeQ())).put("dp", b64(key.getPrimeExponentP()))
                .put("dq", b64(key.getPrimeExponentQ())).put("qi", b64(key.getCrtCoefficient()));
        return n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The owner field: the modulus, unsigned big-endian. */
    public byte[] owner() {
        return unsigned(key.getModulus());
    }

    public String address() {
        return Base64Url.encode(ArweaveMerkle.sha256().digest(owner()));
    }

    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(PSS);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-PSS signing failed: " + e.getMessage(), e);
        }
    }

    /** Verifies an RSA-PSS signature by the owner (modulus) {@code owner}, exponent 65537, any salt length used by Arweave. */
    static boolean verify(byte[] owner, byte[] message, byte[] signature) {
        try {
            var pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, owner),
                    BigInteger.valueOf(65537)));
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(PSS);
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static BigInteger big(JsonNode n, String field) {
        String v = n.path(field).asText(null);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("JWK field '" + field + "' is missing");
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(v));
    }

    private static String b64(BigInteger v) {
        return Base64Url.encode(unsigned(v));
    }

    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }
}
