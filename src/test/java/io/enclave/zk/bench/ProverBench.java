package io.enclave.zk.bench;

import com.sun.management.OperatingSystemMXBean;
import io.enclave.zk.AttributeInputs;
import io.enclave.zk.Circuit;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.groth16.Groth16Prover;
import io.enclave.zk.groth16.Groth16Verifier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Java prover (witness included) vs snarkjs fullProve, both warm, on the test circuit with circomlib's Poseidon,
 * EdDSAPoseidonVerifier and comparators; Java verification time; peak heap while proving. Run (see docs/BENCHMARKS.md):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/test.cp) io.enclave.zk.bench.ProverBench [runs]
 * </pre>
 */
public final class ProverBench {
    private ProverBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = ZkFixtures.circuit("attribute");
        Circuit circuit = CircuitRegistry.directory(ZkFixtures.circuitsDir()).circuit("attribute");
        Map<String, Object> in = AttributeInputs.valid(42, 18, new BigInteger("5555555555555555555555"));
        System.out.printf("circuit: attribute, %d wires, domain 2^%d, %d cores, max heap %d MB%n",
                circuit.provingKey().nVars(), Integer.numberOfTrailingZeros(circuit.provingKey().domainSize()),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        // the JIT needs about ten proofs to settle (Chicory's generated classes, the MSM loops); snarkjs's wasm is
        // compiled ahead and gets one warm-up run in zk-oracle.js
        for (int i = 0; i < Math.max(12, runs); i++) {
            prove(circuit, in);
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] java = new double[runs];
        Groth16Prover.Result last = null;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("load average before the Java runs: %.1f%n", os.getSystemLoadAverage());
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = prove(circuit, in);
            java[i] = (System.nanoTime() - t) / 1e6;
        }
        double javaCpu = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        double[] verify = new double[Math.max(50, runs)];
        for (int i = 0; i < 20; i++) {
            Groth16Verifier.verify(circuit.verifyingKey(), last.proof(), last.publicSignals());
        }
        for (int i = 0; i < verify.length; i++) {
            long t = System.nanoTime();
            if (!Groth16Verifier.verify(circuit.verifyingKey(), last.proof(), last.publicSignals())) {
                throw new IllegalStateException("the Java proof did not verify");
            }
            verify[i] = (System.nanoTime() - t) / 1e6;
        }

        Path input = Files.createTempFile("bench-input", ".json");
        Files.writeString(input, AttributeInputs.json(in));
        System.out.printf("load average before the snarkjs runs: %.1f%n", os.getSystemLoadAverage());
        String out = ZkFixtures.node("bench", dir.resolve("circuit.wasm").toString(), dir.resolve("circuit.zkey").toString(),
                input.toString(), String.valueOf(runs));
        Files.delete(input);
        String[] lines = out.trim().split("\\R");
        double[] snarkjs = Arrays.stream(lines[0].replaceAll("[\\[\\]]", "").split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        double snarkjsCpu = Double.parseDouble(lines[lines.length - 1].replace("cpu ", ""));
        System.out.printf("load average after the snarkjs runs: %.1f%n", os.getSystemLoadAverage());

        double j = median(java);
        double s = median(snarkjs);
        System.out.printf("java prove (witness + proof), median of %d warm runs: %.0f ms (min %.0f)%n", runs, j,
                Arrays.stream(java).min().orElse(0));
        System.out.printf("snarkjs fullProve, median of %d warm runs: %.0f ms (min %.0f)%n", snarkjs.length, s,
                Arrays.stream(snarkjs).min().orElse(0));
        System.out.printf("ratio snarkjs / java: %.2fx%n", s / j);
        System.out.printf("CPU time per proof (all threads): java %.0f ms, snarkjs %.0f ms, ratio %.2fx%n", javaCpu,
                snarkjsCpu, snarkjsCpu / javaCpu);
        System.out.printf("java verify, median of %d: %.1f ms (min %.1f)%n", verify.length, median(verify),
                Arrays.stream(verify).min().orElse(0));
        System.out.printf("peak heap while proving (sum of heap pool peaks): %d MB%n", peakHeap >> 20);
    }

    private static Groth16Prover.Result prove(Circuit circuit, Map<String, Object> in) {
        long[] w = circuit.witness().calculate(in);
        return Groth16Prover.prove(circuit.provingKey(), w, null);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
