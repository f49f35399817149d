package io.enclave.crypto.bench;

import io.enclave.crypto.GcmProvider;
import io.enclave.crypto.envelope.Envelope;
import io.enclave.crypto.envelope.EnvelopeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AES-256-GCM throughput of {@link Envelope} on 1 MiB blocks (one segment each), encrypt and decrypt, with each GCM
 * provider, each phase followed at once by {@code openssl speed -evp aes-256-gcm -bytes 1048576} in the same direction
 * so that the ratio compares the two under the same load. {@code openssl speed} divides by its CPU user time unless
 * given {@code -elapsed}; the bench reports both pairs: Java per thread CPU time against openssl's default, and Java
 * wall time against {@code openssl speed -elapsed}. On a machine shared with other builds only the CPU pair is
 * meaningful. Not a test; run by hand:
 * <pre>
 *   mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 *   java -cp target/classes:target/test-classes:$(cat target/test.cp) io.enclave.crypto.bench.EnvelopeBench [seconds]
 * </pre>
 */
public final class EnvelopeBench {
    private static final int BLOCK = 1 << 20;
    private static final Pattern OPENSSL_ROW = Pattern.compile("(?m)^AES-256-GCM\\s+([0-9.]+)k\\s*$");

    private EnvelopeBench() {
    }

    public static void main(String[] args) throws IOException, EnvelopeException, InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<GcmProvider> providers = new ArrayList<>();
        providers.add(GcmProvider.jdk());
        GcmProvider.corretto().ifPresent(providers::add);
        System.out.printf("java %s, %d cores, selected provider: %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), GcmProvider.selected());
        GcmProvider.correttoUnavailableReason().ifPresent(r -> System.out.println("ACCP not available: " + r));
        for (GcmProvider gcm : providers) {
            run(gcm, seconds);
        }
    }

    private static void run(GcmProvider gcm, int seconds) throws IOException, EnvelopeException, InterruptedException {
        SecureRandom random = new SecureRandom();
        Envelope envelope = new Envelope(random, BLOCK, gcm);
        byte[] key = envelope.newContentKey();
        byte[] hash = new byte[32];
        byte[] plain = new byte[BLOCK];
        random.nextBytes(plain);
        ByteArrayOutputStream sealedOut = new ByteArrayOutputStream(BLOCK + 128);
        envelope.encrypt(new ByteArrayInputStream(plain), sealedOut, key, hash);
        byte[] sealed = sealedOut.toByteArray();
        OutputStream sink = OutputStream.nullOutputStream();

        for (int warm = 0; warm < 300; warm++) {
            envelope.encrypt(new ByteArrayInputStream(plain), sink, key, hash);
            envelope.decrypt(new ByteArrayInputStream(sealed), sink, key, hash);
        }
        String loadBefore = load();
        double[] enc = measure(seconds, () -> envelope.encrypt(new ByteArrayInputStream(plain), sink, key, hash));
        double sslEnc = openssl(false, false, seconds);
        double sslEncWall = openssl(false, true, seconds);
        double[] dec = measure(seconds, () -> envelope.decrypt(new ByteArrayInputStream(sealed), sink, key, hash));
        double sslDec = openssl(true, false, seconds);
        double sslDecWall = openssl(true, true, seconds);
        System.out.printf("%s%n  load average %s -> %s%n", gcm, loadBefore, load());
        System.out.printf("  Envelope 1 MiB blocks, per CPU second: encrypt %.0f MB/s, decrypt %.0f MB/s (MB = 10^6 bytes)%n",
                enc[1], dec[1]);
        System.out.printf("  Envelope 1 MiB blocks, per wall second: encrypt %.0f MB/s, decrypt %.0f MB/s%n", enc[0], dec[0]);
        if (sslEnc > 0) {
            System.out.printf("  openssl speed (CPU user time): encrypt %.0f MB/s, decrypt %.0f MB/s%n", sslEnc, sslDec);
            System.out.printf("  openssl speed -elapsed (wall): encrypt %.0f MB/s, decrypt %.0f MB/s%n", sslEncWall,
                    sslDecWall);
            System.out.printf("  ratio Envelope / OpenSSL, CPU: encrypt %.0f %%, decrypt %.0f %%%n", 100 * enc[1] / sslEnc,
                    100 * dec[1] / sslDec);
            System.out.printf("  ratio Envelope / OpenSSL, wall: encrypt %.0f %%, decrypt %.0f %%%n",
                    100 * enc[0] / sslEncWall, 100 * dec[0] / sslDecWall);
        }
        Arrays.fill(key, (byte) 0);
    }

    /** {@code openssl speed} on 1 MiB blocks in MB/s, or -1 when no openssl is on the PATH. */
    private static double openssl(boolean decrypt, boolean elapsed, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "speed", "-seconds", Integer.toString(seconds), "-bytes",
                Integer.toString(BLOCK)));
        if (decrypt) {
            cmd.add("-decrypt");
        }
        if (elapsed) {
            cmd.add("-elapsed");
        }
        cmd.addAll(List.of("-evp", "aes-256-gcm"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = OPENSSL_ROW.matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) / 1000 : -1; // openssl prints 1000s of bytes per second
    }

    private static String load() throws IOException {
        return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")), StandardCharsets.UTF_8)
                .trim();
    }

    private interface Block {
        void run() throws IOException, EnvelopeException;
    }

    /** MB/s per wall second and per CPU second of this thread. */
    private static double[] measure(int seconds, Block block) throws IOException, EnvelopeException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long blocks = 0;
        while (System.nanoTime() < deadline) {
            block.run();
            blocks++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new double[] {blocks * (double) BLOCK / elapsed / 1e6, blocks * (double) BLOCK / cpu / 1e6};
    }
}
