package io.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Which provider is selected, and that both providers are interchangeable byte for byte. */
class GcmProviderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void correttoLoadsWhereItsNativeLibraryShipsAndIsSelected() {
        if (GcmProviders.correttoExpectedHere() && !"jdk".equals(System.getProperty(GcmProvider.PROPERTY))) {
            assertThat(GcmProvider.correttoUnavailableReason()).isEmpty();
            assertThat(GcmProvider.corretto()).isPresent();
            assertThat(GcmProvider.selected().isNative()).isTrue();
            assertThat(GcmProvider.selected().description()).startsWith("Amazon Corretto Crypto Provider 2.");
            assertThat(GcmProviders.all()).hasSize(2);
        } else {
            assertThat(GcmProvider.selected().isNative()).isFalse();
        }
        assertThat(GcmProvider.jdk().isNative()).isFalse();
        assertThat(GcmProvider.jdk().description()).startsWith("JDK ");
    }

    /** ACCP unpacks its native library into java.io.tmpdir; where it cannot, the process falls back to the JDK. */
    @Test
    void aFailedNativeLoadFallsBackToTheJdkAndSaysWhy() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=/proc", "-cp", classPath, "io.enclave.Launcher", "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("AES-256-GCM JDK ");
        if (GcmProviders.correttoExpectedHere()) {
            assertThat(out).contains("Amazon Corretto Crypto Provider not used: its native library did not load");
        }
    }

    @Test
    void correttoIsNeverInstalledAsAProcessWideProvider() {
        GcmProvider.selected();
        assertThat(java.security.Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(new SecureRandom().getProvider().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
    }

    /** Random keys, nonces of 12 and 16 bytes (ECIES uses 16), AAD and lengths: every provider gives the same bytes. */
    @Property(tries = 200)
    void providersAgreeOnEveryInput(@ForAll @Size(32) byte[] key, @ForAll boolean longNonce, @ForAll @Size(16) byte[] iv,
            @ForAll @Size(max = 300) byte[] aad, @ForAll @Size(max = 5000) byte[] plain) throws Exception {
        byte[] nonce = longNonce ? iv : java.util.Arrays.copyOf(iv, 12);
        String reference = null;
        for (GcmProvider p : GcmProviders.all()) {
            Cipher c = p.newCipher();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plain);
            if (reference == null) {
                reference = HEX.formatHex(sealed);
            } else {
                assertThat(HEX.formatHex(sealed)).as(p.description()).isEqualTo(reference);
            }
            for (GcmProvider q : GcmProviders.all()) {
                Cipher d = q.newCipher();
                d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                d.updateAAD(aad);
                assertThat(d.doFinal(sealed)).isEqualTo(plain);
            }
        }
    }
}
