package io.enclave.crypto.bench;

import io.enclave.crypto.envelope.Envelope;
import io.enclave.crypto.envelope.EnvelopeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM throughput of {@link Envelope} on 1 MiB blocks (one segment each), encrypt and decrypt, to compare with
 * {@code openssl speed -evp aes-256-gcm} (its 16384-byte column). Not a test; run by hand:
 * <pre>
 *   mvn -B -q test-compile
 *   java -cp target/classes:target/test-classes io.enclave.crypto.bench.EnvelopeBench [seconds per phase, default 10]
 * </pre>
 */
public final class EnvelopeBench {
    private static final int BLOCK = 1 << 20;

    private EnvelopeBench() {
    }

    public static void main(String[] args) throws IOException, EnvelopeException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        SecureRandom random = new SecureRandom();
        Envelope envelope = new Envelope(random, BLOCK);
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
        double enc = measure(seconds, () -> envelope.encrypt(new ByteArrayInputStream(plain), sink, key, hash));
        double dec = measure(seconds, () -> envelope.decrypt(new ByteArrayInputStream(sealed), sink, key, hash));
        System.out.printf("java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("Envelope AES-256-GCM 1 MiB blocks: encrypt %.1f MB/s, decrypt %.1f MB/s (MB = 10^6 bytes)%n",
                enc, dec);
        Arrays.fill(key, (byte) 0);
    }

    private interface Block {
        void run() throws IOException, EnvelopeException;
    }

    private static double measure(int seconds, Block block) throws IOException, EnvelopeException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long blocks = 0;
        while (System.nanoTime() < deadline) {
            block.run();
            blocks++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return blocks * (double) BLOCK / elapsed / 1e6;
    }
}
