package io.enclave.crypto.ecies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.crypto.GcmProvider;
import io.enclave.testsupport.NodeScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** ECIES round trips, interoperability with eciesjs in both directions, and tampering — with every GCM provider. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.enclave.crypto.GcmProviders#all")
class Secp256k1EciesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Path ORACLE = NodeScript.resource(Secp256k1EciesTest.class, "eciesjs-oracle.js");
    private final SecureRandom random = new SecureRandom();
    private final Secp256k1Ecies ecies;

    Secp256k1EciesTest(GcmProvider gcm) {
        this.ecies = new Secp256k1Ecies(random, gcm);
    }

    private byte[] newKey() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        k[0] &= 0x7f;
        k[31] |= 1;
        return k;
    }

    @Test
    void roundTripWith64And65BytePublicKeys() throws Exception {
        byte[] sk = newKey();
        byte[] pub = Secp256k1Ecies.publicKeyOf(sk);
        byte[] contentKey = newKey();
        assertThat(ecies.decrypt(sk, ecies.encrypt(pub, contentKey))).isEqualTo(contentKey);
        byte[] raw64 = java.util.Arrays.copyOfRange(pub, 1, 65);
        assertThat(ecies.decrypt(sk, ecies.encrypt(raw64, contentKey))).isEqualTo(contentKey);
        assertThat(ecies.encrypt(pub, contentKey)).hasSize(65 + 16 + 16 + 32);
    }

    @Test
    void eciesjsOpensWhatJavaWraps() throws Exception {
        byte[] sk = newKey();
        byte[] plaintext = "a content key for listing 7".getBytes(StandardCharsets.UTF_8);
        byte[] payload = ecies.encrypt(Secp256k1Ecies.publicKeyOf(sk), plaintext);
        JsonNode r = NodeScript.call(ORACLE, Map.of("op", "decrypt", "privateKey", HEX.formatHex(sk),
                "payload", HEX.formatHex(payload)));
        assertThat(r.has("error")).as(r.toString()).isFalse();
        assertThat(HEX.parseHex(r.get("plaintext").asText())).isEqualTo(plaintext);
    }

    @Test
    void javaOpensWhatEciesjsWraps() throws Exception {
        byte[] sk = newKey();
        byte[] plaintext = newKey();
        JsonNode r = NodeScript.call(ORACLE, Map.of("op", "encrypt", "publicKey",
                HEX.formatHex(Secp256k1Ecies.publicKeyOf(sk)), "plaintext", HEX.formatHex(plaintext)));
        byte[] payload = HEX.parseHex(r.get("payload").asText());
        assertThat(ecies.decrypt(sk, payload)).isEqualTo(plaintext);
    }

    @Test
    void everyAlteredByteIsRejected() throws Exception {
        byte[] sk = newKey();
        byte[] payload = ecies.encrypt(Secp256k1Ecies.publicKeyOf(sk), newKey());
        for (int i = 0; i < payload.length; i++) {
            byte[] bad = payload.clone();
            bad[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> ecies.decrypt(sk, bad)).as("byte %d", at).isInstanceOf(EciesException.class);
        }
    }

    @Test
    void anotherKeyCannotOpenItAndTruncationIsNamed() throws Exception {
        byte[] payload = ecies.encrypt(Secp256k1Ecies.publicKeyOf(newKey()), newKey());
        assertThatThrownBy(() -> ecies.decrypt(newKey(), payload)).isInstanceOf(EciesException.class)
                .hasMessageContaining("wrapped for another key");
        assertThatThrownBy(() -> ecies.decrypt(newKey(), java.util.Arrays.copyOf(payload, 90)))
                .hasMessageContaining("truncated");
    }

    @Test
    void pointsOffTheCurveAreRefused() {
        byte[] notOnCurve = new byte[65];
        notOnCurve[0] = 4;
        notOnCurve[64] = 7;
        assertThatThrownBy(() -> ecies.encrypt(notOnCurve, new byte[32])).isInstanceOf(EciesException.class)
                .hasMessageContaining("not a point on secp256k1");
        assertThatThrownBy(() -> ecies.encrypt(new byte[20], new byte[32])).hasMessageContaining("33, 64 or 65 bytes");
    }
}
