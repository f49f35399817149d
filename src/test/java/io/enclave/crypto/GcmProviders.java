package io.enclave.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The AES-256-GCM providers every GCM test runs against: the JDK's and, where its native library loads, Amazon Corretto
 * Crypto Provider. On Linux x86-64 (the build machines and CI) ACCP must load: {@link GcmProviderTest} fails otherwise,
 * so a parameterized test cannot silently cover the JDK alone.
 */
public final class GcmProviders {
    private GcmProviders() {
    }

    /** For {@code @MethodSource("io.enclave.crypto.GcmProviders#all")}. */
    public static List<GcmProvider> all() {
        List<GcmProvider> all = new ArrayList<>();
        all.add(GcmProvider.jdk());
        GcmProvider.corretto().ifPresent(all::add);
        return all;
    }

    /** True where the ACCP jar on the class path carries a native library for this machine. */
    public static boolean correttoExpectedHere() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
