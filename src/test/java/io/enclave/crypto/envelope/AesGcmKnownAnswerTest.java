package io.enclave.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.crypto.GcmProvider;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AES-256-GCM known answers from "The Galois/Counter Mode of Operation (GCM)", McGrew and Viega, test cases 13-16
 * (the AES-256 cases, also in NIST's GCM validation material): the primitive under every envelope and wrapped key,
 * from every provider the app may select.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.enclave.crypto.GcmProviders#all")
class AesGcmKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private final GcmProvider gcm;

    AesGcmKnownAnswerTest(GcmProvider gcm) {
        this.gcm = gcm;
    }

    @ParameterizedTest(name = "test case {0}")
    @CsvSource({
        "13, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000, , , , "
            + "530f8afbc74536b9a963b4f1c4cb738b",
        "14, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000, "
            + "00000000000000000000000000000000, , cea7403d4d606b6e074ec5d3baf39d18, d0d1c8a799996bf0265b98b5d48ab919",
        "15, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, "
            + "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255, , "
            + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad, "
            + "b094dac5d93471bdec1a502270e3cc6c",
        "16, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, "
            + "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39, "
            + "feedfacedeadbeeffeedfacedeadbeefabaddad2, "
            + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662, "
            + "76fc6ece0f4e1768cddf8853bb2d551b",
    })
    void matchesThePublishedVectors(int testCase, String key, String iv, String plaintext, String aad, String ciphertext,
            String tag) throws Exception {
        byte[] p = plaintext == null ? new byte[0] : HEX.parseHex(plaintext);
        Cipher c = gcm.newCipher();
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HEX.parseHex(key), "AES"), new GCMParameterSpec(128, HEX.parseHex(iv)));
        if (aad != null) {
            c.updateAAD(HEX.parseHex(aad));
        }
        byte[] out = c.doFinal(p);
        String expected = (ciphertext == null ? "" : ciphertext) + tag;
        assertThat(HEX.formatHex(out)).isEqualTo(expected);
        Cipher d = gcm.newCipher();
        d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HEX.parseHex(key), "AES"), new GCMParameterSpec(128, HEX.parseHex(iv)));
        if (aad != null) {
            d.updateAAD(HEX.parseHex(aad));
        }
        assertThat(d.doFinal(out)).isEqualTo(p);
    }
}
