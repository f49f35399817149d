package io.enclave.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bulk AES-256-GCM (the credential envelope) comes from: Amazon Corretto Crypto Provider (ACCP, native AWS-LC)
 * when its native library loads on this machine, else the JDK's own provider. The choice is made once per process
 * ({@link #selected()}), logged at debug, and shown by {@code enclave --version}. Both produce the same bytes (GCM is
 * deterministic), so the choice never changes a file format; the tests run every GCM user against both. Small
 * one-shot seals (wallet and key files, wrapped keys: {@link AesGcm}, ECIES) default to {@link #jdk()}: ACCP would
 * not make them faster and loading it (unpacking a 9.6 MB library, a known-answer check) costs start-up time.
 *
 * <p>ACCP is used only through {@code Cipher.getInstance(..., provider)}: it is never installed as a JCA provider, so
 * nothing else in the process (TLS, web3j, H2) changes provider. {@code -Denclave.crypto.gcm=jdk} forces the JDK
 * provider (to compare, or to rule ACCP out when diagnosing).
 */
public final class GcmProvider {
    /** The system property that forces a provider: {@code jdk} or {@code accp}. */
    public static final String PROPERTY = "enclave.crypto.gcm";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Logger LOG = LoggerFactory.getLogger(GcmProvider.class);

    private final Provider provider;
    private final String description;

    private GcmProvider(Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The provider every credential envelope of this process uses: ACCP where it loads, else the JDK; chosen once. */
    public static GcmProvider selected() {
        return Selected.INSTANCE;
    }

    /** The JDK's provider of AES/GCM/NoPadding (SunJCE on OpenJDK), always available. */
    public static GcmProvider jdk() {
        return Jdk.INSTANCE;
    }

    private static final class Jdk {
        static final GcmProvider INSTANCE = load();

        private static GcmProvider load() {
            try {
                Provider p = Cipher.getInstance(TRANSFORMATION).getProvider();
                return new GcmProvider(p, "JDK " + p.getName() + " " + System.getProperty("java.version"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
            }
        }
    }

    /**
     * Amazon Corretto Crypto Provider, if its class is on the class path, its native library loaded on this machine and
     * its AES-256-GCM gives a known answer; empty otherwise (another OS or CPU, a missing jar, a failed load).
     */
    public static Optional<GcmProvider> corretto() {
        return Corretto.INSTANCE;
    }

    /** Why ACCP is not used, or empty when it is available. Names the cause without any secret. */
    public static Optional<String> correttoUnavailableReason() {
        return Optional.ofNullable(Corretto.reason);
    }

    /** A fresh, uninitialized {@code AES/GCM/NoPadding} cipher from this provider. */
    public Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available from " + description, e);
        }
    }

    /** True for the native Corretto provider. */
    public boolean isNative() {
        return provider.getClass().getName().equals(ACCP_CLASS);
    }

    /** Human-readable name and version, e.g. "Amazon Corretto Crypto Provider 2.5.0 (native)". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class Selected {
        static final GcmProvider INSTANCE = choose();

        private static GcmProvider choose() {
            String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
            GcmProvider chosen;
            if (forced.equals("jdk")) {
                chosen = jdk();
                LOG.debug("AES-256-GCM provider: {} (forced by -D{}=jdk)", chosen, PROPERTY);
                return chosen;
            }
            Optional<GcmProvider> accp = corretto();
            if (accp.isPresent()) {
                chosen = accp.get();
                LOG.debug("AES-256-GCM provider: {}", chosen);
            } else {
                if (forced.equals("accp")) {
                    throw new IllegalStateException("-D" + PROPERTY + "=accp was given, but Amazon Corretto Crypto "
                            + "Provider is not available: " + Corretto.reason);
                }
                chosen = jdk();
                LOG.debug("AES-256-GCM provider: {} (Amazon Corretto Crypto Provider not available: {})", chosen,
                        Corretto.reason);
            }
            return chosen;
        }
    }

    private static final class Corretto {
        static String reason;
        static final Optional<GcmProvider> INSTANCE = load();

        private static Optional<GcmProvider> load() {
            try {
                Class<?> type = Class.forName(ACCP_CLASS, true, GcmProvider.class.getClassLoader());
                Provider p = (Provider) type.getField("INSTANCE").get(null);
                Throwable error = (Throwable) type.getMethod("getLoadingError").invoke(p);
                if (error != null) {
                    reason = "its native library did not load on " + platform() + " (" + error + ")";
                    return Optional.empty();
                }
                // One known answer through the very cipher the envelope will use, instead of ACCP's whole self-test
                // suite (assertHealthy: 0.6-1 s of start-up on a loaded 2-core machine).
                if (!knownAnswerHolds(p)) {
                    reason = "its AES-256-GCM gave a wrong known answer on " + platform();
                    return Optional.empty();
                }
                String version = (String) type.getMethod("getVersionStr").invoke(p);
                return Optional.of(new GcmProvider(p, "Amazon Corretto Crypto Provider " + version + " (native, "
                        + platform() + ")"));
            } catch (ClassNotFoundException | LinkageError e) {
                reason = "not on the class path or not loadable on " + platform() + " (" + e + ")";
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                reason = "not usable on " + platform() + " (" + cause + ")";
            } catch (GeneralSecurityException | RuntimeException e) {
                reason = "unusable on " + platform() + " (" + e + ")";
            }
            return Optional.empty();
        }

        /** GCM spec test case 16 (AES-256, 60-byte plaintext, 20-byte AAD), sealed and opened. */
        private static boolean knownAnswerHolds(Provider p) throws GeneralSecurityException {
            java.util.HexFormat hex = java.util.HexFormat.of();
            javax.crypto.spec.SecretKeySpec key = new javax.crypto.spec.SecretKeySpec(
                    hex.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES");
            javax.crypto.spec.GCMParameterSpec iv = new javax.crypto.spec.GCMParameterSpec(128,
                    hex.parseHex("cafebabefacedbaddecaf888"));
            byte[] aad = hex.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
            byte[] plain = hex.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
                    + "49a6b525b16aedf5aa0de657ba637b39");
            String expected = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
                    + "c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b";
            Cipher c = Cipher.getInstance(TRANSFORMATION, p);
            if (c.getProvider() != p) {
                return false;
            }
            c.init(Cipher.ENCRYPT_MODE, key, iv);
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plain);
            c.init(Cipher.DECRYPT_MODE, key, iv);
            c.updateAAD(aad);
            return hex.formatHex(sealed).equals(expected) && java.util.Arrays.equals(c.doFinal(sealed), plain);
        }

        private static String platform() {
            return System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
    }
}
