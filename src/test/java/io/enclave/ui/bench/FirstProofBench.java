package io.enclave.ui.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.ui.app.ProverWarmup;
import io.enclave.ui.studio.StudioService;
import io.enclave.zk.CircuitRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The studio's first proof of a session, with and without the {@link ProverWarmup} that runs after unlock. Each sample
 * is a fresh JVM (the cost is a fresh process's): "cold" proves at once through {@link StudioService#prove}; "warmed"
 * runs the warm-up first (as the app does after unlock, while the person reaches the proof step), then proves. The
 * warmed child also runs a 16 ms ticker at normal priority during the warm-up and reports its worst lateness, a stand-in
 * for the FX thread's frames; "warmed, left" is a warm-up whose circuit was released (the person left the studio while
 * it ran) before the studio's first proof, which loads it again; with {@code -Dbench.allcores=true} also "warmed on all
 * cores" (the app's warm-up proves on its own thread only), to compare the ticker's lateness. The children run with the
 * launcher's options ({@code packaging/jvm.args}) and print VmRSS after the proof and after its circuit is released. Not
 * a test;
 * run by hand from the project folder:
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/classes:target/test-classes:$(cat target/test.cp) io.enclave.ui.bench.FirstProofBench [samples, 3]
 * </pre>
 */
public final class FirstProofBench {
    private FirstProofBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && "--child".equals(args[0])) {
            child(args[1]);
            return;
        }
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean allCores = Boolean.getBoolean("bench.allcores");
        List<Long> cold = new ArrayList<>();
        List<Long> warmed = new ArrayList<>();
        List<Long> left = new ArrayList<>();
        List<Long> warmups = new ArrayList<>();
        List<Long> lateness = new ArrayList<>();
        List<Long> idleLateness = new ArrayList<>();
        System.out.printf("children's JVM options: %s; load %.1f%n", launcherOptions(), load());
        for (int i = 0; i < samples; i++) {
            long[] c = fork("cold");
            cold.add(c[0]);
            long[] w = fork("warmed");
            warmed.add(w[0]);
            warmups.add(w[1]);
            lateness.add(w[2]);
            idleLateness.add(w[3]);
            long[] l = fork("warmed-left");
            left.add(l[0]);
            System.out.printf("sample %d: cold first proof %d ms; warmed first proof %d ms (warm-up on one thread %d ms, "
                    + "ticker worst lateness %d ms during it, %d ms idle); warmed, studio left and its circuit released, "
                    + "first proof %d ms; load %.1f%n", i + 1, c[0], w[0], w[1], w[2], w[3], l[0], load());
            if (allCores) {
                long[] a = fork("warmed-all");
                System.out.printf("  warm-up on all cores %d ms, ticker worst lateness %d ms (%d ms idle)%n", a[1], a[2],
                        a[3]);
            }
        }
        System.out.printf("median: cold first proof %d ms, warmed first proof %d ms, warmed-then-released first proof "
                + "%d ms, warm-up %d ms, ticker worst lateness %d ms during warm-up vs %d ms idle (%d cores, load %.1f)%n",
                median(cold), median(warmed), median(left), median(warmups), median(lateness), median(idleLateness),
                Runtime.getRuntime().availableProcessors(), load());
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The installed app's JVM options ({@code packaging/jvm.args}). */
    private static List<String> launcherOptions() throws java.io.IOException {
        Path args = Path.of(System.getProperty("enclave.project.dir", ".")).resolve("packaging/jvm.args");
        return Arrays.stream(Files.readString(args).split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }

    private static long[] fork(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(launcherOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstProofBench.class.getName(), "--child", mode));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else if (line.startsWith("MEMORY ")) {
                    System.out.println("  " + mode + ": " + line.substring(7));
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the " + mode + " child failed (exit " + p.exitValue() + ")");
        }
        String[] parts = result.split(" ");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }

    /**
     * One fresh JVM. "cold": proves at once. "warmed": the studio holds the circuits (as while its wizard is open) during
     * the warm-up and the proof. "warmed-left": the warm-up runs with no hold (the person left the studio meanwhile, so
     * it releases its circuit at its end), then the studio holds again and proves: the circuit is loaded again, the
     * JIT is warm. "warmed-all": as "warmed" with the warm-up's prover on every core. After the proof the hold closes, as
     * in the studio once its proof is made: the circuit is released at once and the heap handed back as the app does.
     */
    private static void child(String mode) throws Exception {
        CircuitRegistry circuits = CircuitRegistry.classPath();
        circuits.onRelease(io.enclave.ui.app.HeapReturn::afterRelease);
        boolean warm = !"cold".equals(mode);
        CircuitRegistry.Hold hold = "warmed-left".equals(mode) ? null : circuits.hold();
        long warmup = 0;
        long late = 0;
        long idle = 0;
        if (warm) {
            idle = ticking(Duration.ofSeconds(2), null);
            ProverWarmup w = new ProverWarmup(circuits, "warmed-all".equals(mode)
                    ? Runtime.getRuntime().availableProcessors() : 1);
            long[] took = new long[1];
            late = ticking(null, () -> {
                long t0 = System.nanoTime();
                w.run();
                took[0] = (System.nanoTime() - t0) / 1_000_000;
            });
            if (w.state() != ProverWarmup.State.DONE) {
                throw new IllegalStateException("warm-up ended " + w.state());
            }
            warmup = took[0];
            memory("after the warm-up, circuits loaded " + circuits.loaded());
        }
        if (hold == null) {
            hold = circuits.hold(); // back in the studio
        }
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        StudioService studio = new StudioService(schemas, circuits, Clock.systemUTC());
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        CredentialSchema schema = schemas.latest("employment");
        CheckedAttestation checked;
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key, Issuer.Provenance.SELF_ATTESTED)) {
            var a = new AttestationIssuer(signer, random, Clock.systemUTC()).attest(schema, "annualSalary",
                    JsonNodeFactory.instance.numberNode(8_250_000), new BigInteger("14dC79964da2C08b23698B3D3cc7Ca32193d9955",
                            16), Duration.ofDays(30));
            checked = new AttestationChecker(new EddsaAttestationVerifier(), null, Clock.systemUTC()).check(a);
        }
        Predicate p = Predicate.create(schema, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
        RegistryContext context = new RegistryContext(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "0x14dc79964da2c08b23698b3d3cc7ca32193d9955");
        long t0 = System.nanoTime();
        studio.prove(checked, p, context, f -> { }, () -> false);
        long first = (System.nanoTime() - t0) / 1_000_000;
        memory("after the first proof, circuit held");
        hold.close(); // the proof is made: the studio lets go, the circuit is released at once
        Thread.sleep(3_000);
        memory("3 s after the release (circuits loaded " + circuits.loaded() + ")");
        Thread.sleep(22_000); // idle: the launcher's periodic GC and native-heap trim run meanwhile
        memory("25 s after the release");
        System.out.println("RESULT " + first + " " + warmup + " " + late + " " + idle);
    }

    /**
     * Runs a 16 ms ticker beside {@code work} (or for {@code duration} when work is null) and returns its worst
     * lateness in ms.
     */
    private static long ticking(Duration duration, Runnable work) throws Exception {
        AtomicLong worst = new AtomicLong();
        Thread ticker = new Thread(() -> {
            long next = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                next += 16_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                long lateNs = System.nanoTime() - next;
                worst.accumulateAndGet(lateNs / 1_000_000, Math::max);
                if (lateNs > 16_000_000L) {
                    next = System.nanoTime();
                }
            }
        }, "ticker");
        ticker.start();
        if (work == null) {
            Thread.sleep(duration.toMillis());
        } else {
            work.run();
        }
        ticker.interrupt();
        ticker.join();
        return worst.get();
    }

    private static void memory(String when) throws Exception {
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("?");
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("MEMORY %s: VmRSS %s, heap %d MB used of %d MB committed%n", when, rss, heap.getUsed() >> 20,
                heap.getCommitted() >> 20);
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
