package io.enclave.zk.bench;

import io.enclave.testsupport.Snarkjs;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import io.enclave.zk.witness.BuildTimeWitness;
import io.enclave.zk.witness.WitnessCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loading the shipped circuits' witness programs the two ways: {@code build-time} (the classes chicory-compiler-maven-plugin
 * generated, {@link BuildTimeWitness}) or {@code load-time} (the wasm parsed and compiled in this JVM,
 * {@link WitnessCalculator#load}, as before session 7). One fresh JVM per run, so each load is a cold one:
 * <ul>
 *   <li>{@code load}: each circuit's witness calculator in turn (wasm read included), its time and the heap it keeps
 *       (used heap after a full GC, before and after);</li>
 *   <li>{@code proof}: the range circuit through a registry (the class path, or a directory copy under another id that
 *       has no build-time class) and one proof, the time to the proof, then VmHWM and VmRSS from /proc/self/status.</li>
 * </ul>
 * Not a test; run by hand from the project folder after {@code mvn -o -q test-compile}, with the launcher's options:
 * <pre>
 *   java $(grep -v prism packaging/jvm.args | grep -v ExplicitGC) -cp target/classes:target/test-classes:$(cat target/test.cp) \
 *       io.enclave.zk.bench.WitnessLoadBench &lt;build-time|load-time&gt; &lt;load|proof&gt;
 * </pre>
 */
public final class WitnessLoadBench {
    private static final List<String> CIRCUITS = List.of("range", "equality", "membership");

    private WitnessLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("build-time", "load-time").contains(args[0])
                || !List.of("load", "proof").contains(args[1])) {
            System.err.println("usage: WitnessLoadBench <build-time|load-time> <load|proof>");
            System.exit(2);
        }
        boolean buildTime = "build-time".equals(args[0]);
        if ("load".equals(args[1])) {
            load(buildTime);
        } else {
            proof(buildTime);
        }
    }

    private static void load(boolean buildTime) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<WitnessCalculator> held = new ArrayList<>();
        System.out.println("| circuit | way | load | heap kept |");
        for (String id : CIRCUITS) {
            long before = usedAfterGc(memory);
            long t = System.nanoTime();
            byte[] wasm = shipped(id);
            WitnessCalculator w = buildTime ? BuildTimeWitness.load(id, wasm, true) : WitnessCalculator.load(wasm);
            double ms = (System.nanoTime() - t) / 1e6;
            held.add(w);
            long kept = usedAfterGc(memory) - before;
            System.out.printf("| %s | %s | %.0f ms | %.1f MB |%n", id, w.compiledAtBuildTime() ? "build-time" : "load-time", ms,
                    kept / 1048576.0);
        }
        System.out.println(held.size() + " calculators held; " + status());
    }

    private static void proof(boolean buildTime) throws IOException {
        // the input comes from a Node.js process (its memory is not this JVM's)
        Map<String, Object> in = Snarkjs.json().convertValue(Snarkjs.attest("input", CircuitBench.request("range")).get("input"),
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
        CircuitRegistry registry;
        String id;
        Path dir = null;
        if (buildTime) {
            registry = CircuitRegistry.classPath();
            id = "range";
        } else {
            dir = Files.createTempDirectory("witness-load-bench");
            id = "range-load-time";
            Path c = Files.createDirectories(dir.resolve(id));
            for (String file : List.of("circuit.wasm", "circuit.zkey", "verification_key.json")) {
                try (InputStream s = resource("range", file)) {
                    Files.copy(s, c.resolve(file));
                }
            }
            registry = CircuitRegistry.directory(dir);
        }
        try {
            long t = System.nanoTime();
            var r = new ZkProver(registry).prove(id, in, null);
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf("range, witness %s: load + first proof %.0f ms (%d public signals); %s%n",
                    registry.circuit(id).witness().compiledAtBuildTime() ? "compiled at build time" : "compiled at load", ms,
                    r.publicSignals().values().size(), status());
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String status() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                b.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return b.toString().trim();
    }

    private static byte[] shipped(String id) throws IOException {
        try (InputStream in = resource(id, "circuit.wasm")) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String id, String file) {
        String name = "io/enclave/zk/circuits/" + id + "/" + file;
        InputStream in = WitnessLoadBench.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path: run mvn -o -q test-compile first");
        }
        return in;
    }
}
