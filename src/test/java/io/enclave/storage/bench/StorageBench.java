package io.enclave.storage.bench;

import io.enclave.storage.Http;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.UnixFsImporter;
import io.enclave.testsupport.IpfsNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Storage benchmarks (never part of {@code mvn verify}):
 * <ol>
 *   <li>CID computation (file read + UnixFS/CIDv1) against {@code sha256sum} on the same file, medians of 7 runs;</li>
 *   <li>median time to add (and pin) 1 MiB on the local js-ipfs daemon, 15 uploads after 3 warm-ups.</li>
 * </ol>
 * Run: {@code mvn -B -q test-compile} then
 * {@code java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" io.enclave.storage.bench.StorageBench [MiB]}
 * (see docs/BENCHMARKS.md for the class path command).
 */
public final class StorageBench {
    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Path file = Files.createTempFile("enclave-bench-", ".bin");
        try {
            byte[] data = new byte[mib << 20];
            new Random(42).nextBytes(data);
            Files.write(file, data);
            data = null;
            List<Double> java = new ArrayList<>();
            List<Double> shell = new ArrayList<>();
            Cid cid = null;
            for (int i = 0; i < 8; i++) {
                long t0 = System.nanoTime();
                byte[] read = Files.readAllBytes(file);
                cid = UnixFsImporter.cidOf(read);
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
                long t2 = System.nanoTime();
                if (i > 0) {
                    java.add(mib / ((t1 - t0) / 1e9));
                    shell.add(mib / ((t2 - t1) / 1e9));
                }
            }
            double j = median(java);
            double s = median(shell);
            System.out.printf("CID of %d MiB: %s%n", mib, cid);
            System.out.printf("CID computation  median %.0f MiB/s%nsha256sum        median %.0f MiB/s%nratio %.2f%n", j, s,
                    j / s);
        } finally {
            Files.deleteIfExists(file);
        }

        try (IpfsNode node = IpfsNode.start()) {
            KuboStore kubo = new KuboStore(URI.create(node.apiUrl()), new Http(), Duration.ofSeconds(60));
            List<Double> ms = new ArrayList<>();
            Random r = new Random(7);
            for (int i = 0; i < 18; i++) {
                byte[] pkg = new byte[1 << 20];
                r.nextBytes(pkg);
                long t0 = System.nanoTime();
                kubo.put(pkg);
                long t1 = System.nanoTime();
                if (i >= 3) {
                    ms.add((t1 - t0) / 1e6);
                }
            }
            Collections.sort(ms);
            System.out.printf("upload 1 MiB (add + pin + CID check): median %.0f ms, min %.0f ms, max %.0f ms (n=%d)%n",
                    median(ms), ms.get(0), ms.get(ms.size() - 1), ms.size());
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
