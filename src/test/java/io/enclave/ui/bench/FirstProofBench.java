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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The studio's first proof of a session, with and without the {@link ProverWarmup} that runs after unlock. Each sample
 * is a fresh JVM (the cost is a fresh process's): "cold" proves at once through {@link StudioService#prove}; "warmed"
 * runs the warm-up first (as the app does after unlock, while the person reaches the proof step), then proves. The
 * warmed child also runs a 16 ms ticker at normal priority during the warm-up and reports its worst lateness, a stand-in
 * for the FX thread's frames. Not a test; run by hand:
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
            child("warmed".equals(args[1]));
            return;
        }
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> cold = new ArrayList<>();
        List<Long> warmed = new ArrayList<>();
        List<Long> warmups = new ArrayList<>();
        List<Long> lateness = new ArrayList<>();
        List<Long> idleLateness = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long[] c = fork("cold");
            cold.add(c[0]);
            long[] w = fork("warmed");
            warmed.add(w[0]);
            warmups.add(w[1]);
            lateness.add(w[2]);
            idleLateness.add(w[3]);
            System.out.printf("sample %d: cold first proof %d ms; warmed first proof %d ms (warm-up %d ms, ticker worst "
                    + "lateness %d ms during it, %d ms idle)%n", i + 1, c[0], w[0], w[1], w[2], w[3]);
        }
        System.out.printf("median: cold first proof %d ms, warmed first proof %d ms, warm-up %d ms, ticker worst lateness "
                + "%d ms during warm-up vs %d ms idle (%d cores, load %.1f)%n", median(cold), median(warmed),
                median(warmups), median(lateness), median(idleLateness), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long[] fork(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                FirstProofBench.class.getName(), "--child", mode).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
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

    private static void child(boolean warm) throws Exception {
        CircuitRegistry circuits = CircuitRegistry.classPath();
        long warmup = 0;
        long late = 0;
        long idle = 0;
        if (warm) {
            idle = ticking(Duration.ofSeconds(2), null);
            ProverWarmup w = new ProverWarmup(circuits);
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

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
