package io.enclave.vault.bench;

import io.enclave.testsupport.TempDirs;
import io.enclave.vault.Activity;
import io.enclave.vault.ActivityStore;
import io.enclave.vault.Vault;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;

/**
 * What one vault query costs (never part of {@code mvn verify}): the wallet screen's activity list ({@code recent},
 * 20 rows of {@code rows}) on an encrypted vault, (a) while the {@link Vault} is open — it keeps a connection, so the
 * database stays open — and (b) on the same data source once the vault is closed, where every query opens the encrypted
 * file again (what every query cost before the vault kept its connection). Medians of {@code n} queries after 10 warm-ups.
 * Run (class path as in docs/BENCHMARKS.md): {@code java -cp "$CP" io.enclave.vault.bench.VaultBench [rows] [n]}.
 */
public final class VaultBench {
    private static final String FROM = "0x" + "ab".repeat(20);

    private VaultBench() {
    }

    public static void main(String[] args) throws java.io.IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = TempDirs.create("enclave-vault-bench-");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Vault v = Vault.open(dir, key);
            ActivityStore store = v.activity();
            Instant now = Instant.now();
            for (int i = 0; i < rows; i++) {
                store.insert(new Activity("0x%064x".formatted(i), 31337, FROM, FROM, i, BigInteger.TEN, "0x",
                        BigInteger.valueOf(21_000), BigInteger.TEN, BigInteger.ONE, Activity.Kind.SEND,
                        Activity.Status.CONFIRMED, null, "send 10 wei", "0x", (long) i, BigInteger.valueOf(21_000), null,
                        now, now));
            }
            double held = medianMs(store, n);
            v.close();
            double reopened = medianMs(v.activity(), Math.max(10, n / 4));
            System.out.printf("activity list (20 of %d rows), median of %d: vault open %.3f ms, reopened per query %.1f ms"
                    + " (%.0fx)%n", rows, n, held, reopened, reopened / held);
        } finally {
            Arrays.fill(key, (byte) 0);
            TempDirs.deleteTree(dir);
        }
    }

    private static double medianMs(ActivityStore store, int n) {
        for (int i = 0; i < 10; i++) {
            store.recent(31337, FROM, 20);
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            if (store.recent(31337, FROM, 20).size() != 20) {
                throw new IllegalStateException("the activity list lost rows");
            }
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[n / 2] / 1e6;
    }
}
