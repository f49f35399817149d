package io.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("io.enclave.crypto.GcmProviders#all")
class AesGcmTest {
    private static final HexFormat HEX = HexFormat.of();
    private final GcmProvider gcm;

    AesGcmTest(GcmProvider gcm) {
        this.gcm = gcm;
    }

    /** NIST GCM spec (McGrew & Viega), test cases 14 and 16: AES-256. */
    @Test
    void matchesTheNistGcmVectors() {
        byte[] tc14 = AesGcm.encrypt(gcm, new byte[32], new byte[12], new byte[16], null);
        assertThat(HEX.formatHex(tc14)).isEqualTo("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");

        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] plain = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
                + "49a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] ct = AesGcm.encrypt(gcm, key, nonce, plain, aad);
        assertThat(HEX.formatHex(ct)).isEqualTo("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");
        assertThat(AesGcm.decrypt(gcm, key, nonce, ct, aad)).isEqualTo(plain);
    }

    @Test
    void anyChangeToCiphertextNonceOrAadFailsAuthentication() {
        byte[] key = Secrets.randomBytes(32);
        byte[] aad = "header".getBytes();
        byte[] nonce0 = Secrets.randomBytes(12);
        AesGcm.Sealed s = new AesGcm.Sealed(nonce0, AesGcm.encrypt(gcm, key, nonce0, "secret".getBytes(), aad));
        for (int i = 0; i < s.ciphertext().length; i++) {
            byte[] bad = s.ciphertext().clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> AesGcm.decrypt(gcm, key, s.nonce(), bad, aad))
                    .isInstanceOf(AesGcm.AuthenticationException.class);
        }
        byte[] nonce = s.nonce().clone();
        nonce[0] ^= 1;
        assertThatThrownBy(() -> AesGcm.decrypt(gcm, key, nonce, s.ciphertext(), aad))
                .isInstanceOf(AesGcm.AuthenticationException.class);
        assertThatThrownBy(() -> AesGcm.decrypt(gcm, key, s.nonce(), s.ciphertext(), "Header".getBytes()))
                .isInstanceOf(AesGcm.AuthenticationException.class);
        assertThatThrownBy(() -> AesGcm.decrypt(gcm, key, s.nonce(), java.util.Arrays.copyOf(s.ciphertext(), 10), aad))
                .isInstanceOf(AesGcm.AuthenticationException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> AesGcm.decrypt(gcm, Secrets.randomBytes(32), s.nonce(), s.ciphertext(), aad))
                .isInstanceOf(AesGcm.AuthenticationException.class);
        assertThat(AesGcm.decrypt(gcm, key, s.nonce(), s.ciphertext(), aad)).isEqualTo("secret".getBytes());
    }

    @Test
    void freshNoncesDiffer() {
        byte[] key = Secrets.randomBytes(32);
        assertThat(AesGcm.encrypt(key, new byte[1], null).nonce()).isNotEqualTo(AesGcm.encrypt(key, new byte[1], null).nonce());
    }

    @Test
    void rejectsWrongKeyAndNonceSizes() {
        assertThatThrownBy(() -> AesGcm.encrypt(new byte[16], new byte[12], new byte[1], null))
                .hasMessageContaining("32-byte key");
        assertThatThrownBy(() -> AesGcm.encrypt(new byte[32], new byte[8], new byte[1], null))
                .hasMessageContaining("12 bytes");
    }
}
