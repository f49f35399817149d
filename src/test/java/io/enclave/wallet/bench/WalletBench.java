package io.enclave.wallet.bench;

import io.enclave.crypto.Argon2id;
import io.enclave.wallet.HdKeys;
import io.enclave.wallet.LocalSigner;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.RawTransaction;

/**
 * Wallet benchmarks for docs/BENCHMARKS.md ("Wallet"): unlock with the shipped Argon2id parameters, EIP-1559
 * signing, and derivation of 100 HD accounts. Reports wall and CPU time (the build machine is shared).
 * Run: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.enclave.wallet.bench.WalletBench}
 */
public final class WalletBench {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final String MNEMONIC = "test test test test test test test test test test test junk";

    private WalletBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("machine: %d cores, load average %.1f, java %s%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("wallet-bench");
        Path file = dir.resolve("wallet.json");
        char[] pw = "benchmark password".toCharArray();
        Argon2id.Params p = Argon2id.Params.WALLET;
        try (Mnemonic m = Mnemonic.parse(MNEMONIC.toCharArray())) {
            Wallets.create(file, pw, m, null, p).close();
        }
        int runs = 5;
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        Wallets.unlock(file, pw).close();
        for (int i = 0; i < runs; i++) {
            long c = MX.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            Wallets.unlock(file, pw).close();
            wall[i] = System.nanoTime() - t;
            cpu[i] = MX.getCurrentThreadCpuTime() - c;
        }
        System.out.printf("unlock (Argon2id m=%d KiB, t=%d, p=%d): median wall %.0f ms, median CPU %.0f ms (%d runs)%n",
                p.memoryKiB(), p.iterations(), p.parallelism(), median(wall) / 1e6, median(cpu) / 1e6, runs);

        try (UnlockedWallet w = Wallets.unlock(file, pw)) {
            LocalSigner signer = w.signer(w.accounts().get(0).address());
            int n = 2000;
            for (int i = 0; i < n; i++) {
                signer.sign(tx(i), 31337);
            }
            long c = MX.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                signer.sign(tx(i), 31337);
            }
            System.out.printf("sign EIP-1559 transaction: %.3f ms wall, %.3f ms CPU per transaction (%d after %d warm-up)%n",
                    (System.nanoTime() - t) / 1e6 / n, (MX.getCurrentThreadCpuTime() - c) / 1e6 / n, n, n);
        }

        try (Mnemonic m = Mnemonic.parse(MNEMONIC.toCharArray())) {
            byte[] seed = m.toSeed(null);
            for (int warm = 0; warm < 3; warm++) {
                derive(seed);
            }
            long c = MX.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            derive(seed);
            System.out.printf("derive 100 accounts (m/44'/60'/0'/0/0..99 with addresses): %.0f ms wall, %.0f ms CPU%n",
                    (System.nanoTime() - t) / 1e6, (MX.getCurrentThreadCpuTime() - c) / 1e6);
        }
        try (var paths = Files.walk(dir)) { // wallet.json, its .bak and .lock
            for (Path f : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    private static void derive(byte[] seed) {
        Bip32ECKeyPair branch = HdKeys.branch(seed);
        for (int i = 0; i < 100; i++) {
            HdKeys.address(HdKeys.child(branch, i));
        }
    }

    private static RawTransaction tx(int nonce) {
        return RawTransaction.createTransaction(31337, BigInteger.valueOf(nonce), BigInteger.valueOf(21000),
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", BigInteger.TEN.pow(18), "0x", BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(3_000_000_000L));
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
