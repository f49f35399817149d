package io.enclave.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where AES-256-GCM comes from: Amazon Corretto Crypto Provider (ACCP, native AWS-LC with AES-NI/VAES and CLMUL) when
 * its native library loads on this machine, else the JDK's own provider. The choice is made once per process
 * ({@link #selected()}), logged at debug, and shown by {@code enclave --version}. Both produce the same bytes (GCM is
 * deterministic), so the choice never changes a file format; the tests run every GCM user against both.
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

    /** The provider every envelope, wrapped key and sealed file of this process uses; chosen on first call. */
    public static GcmProvider selected() {
        return Selected.INSTANCE;
    }

    /** The JDK's provider of AES/GCM/NoPadding (SunJCE on OpenJDK), always available. */
    public static GcmProvider jdk() {
        try {
            Provider p = Cipher.getInstance(TRANSFORMATION).getProvider();
            return new GcmProvider(p, "JDK " + p.getName() + " " + System.getProperty("java.version"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        }
    }

    /**
     * Amazon Corretto Crypto Provider, if its class is on the class path and its native library loaded and passed its
     * self-tests on this machine; empty otherwise (another OS or CPU, a missing jar, a failed load).
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
                // Runs ACCP's self-tests; throws if any failed.
                type.getMethod("assertHealthy").invoke(p);
                Cipher probe = Cipher.getInstance(TRANSFORMATION, p);
                String version = (String) type.getMethod("getVersionStr").invoke(p);
                if (probe.getProvider() != p) {
                    reason = "it does not provide " + TRANSFORMATION;
                    return Optional.empty();
                }
                return Optional.of(new GcmProvider(p, "Amazon Corretto Crypto Provider " + version + " (native, "
                        + platform() + ")"));
            } catch (ClassNotFoundException | LinkageError e) {
                reason = "not on the class path or not loadable on " + platform() + " (" + e + ")";
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                reason = "failed its self-test on " + platform() + " (" + cause + ")";
            } catch (GeneralSecurityException | RuntimeException e) {
                reason = "unusable on " + platform() + " (" + e + ")";
            }
            return Optional.empty();
        }

        private static String platform() {
            return System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
    }
}
