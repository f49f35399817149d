package io.enclave.zk.groth16;

import io.enclave.zk.AttributeInputs;
import io.enclave.zk.Circuit;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.curve.Bn254;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * CPU time of each prover phase on one thread (thread CPU time, which other processes' load skews far less than the
 * wall clock): witness, quotient (its FFTs on this thread only), and each MSM with one worker. The sum is the CPU a
 * proof costs; compare builds by it on a shared machine. Test circuit {@code attribute}. Run (see docs/BENCHMARKS.md):
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/test.cp) io.enclave.zk.groth16.ProverPhaseBench [runs]
 * </pre>
 */
public final class ProverPhaseBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProverPhaseBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ZkFixtures.circuit("attribute");
        Circuit circuit = CircuitRegistry.directory(ZkFixtures.circuitsDir()).circuit("attribute");
        ProvingKey pk = circuit.provingKey();
        Map<String, Object> in = AttributeInputs.valid(42, 18, new BigInteger("5555555555555555555555"));
        String[] names = {"witness", "quotient", "MSM A", "MSM B1", "MSM C", "MSM B2 (G2)", "MSM H", "sum",
            "A with GLV", "B2 with GLV", "H without GLV"};
        double[][] ms = new double[names.length][runs];
        for (int run = -12; run < runs; run++) { // 12 warm-up rounds for the JIT
            double[] t = new double[names.length];
            long c0 = cpu();
            long[] w = circuit.witness().calculate(in);
            t[0] = since(c0);
            c0 = cpu();
            long[] h = Groth16Prover.quotientScalars(pk, w);
            t[1] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsA, 0, w, 0, pk.nVars, 1);
            t[2] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsB1, 0, w, 0, pk.nVars, 1);
            t[3] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsC, 0, w, pk.nPublic + 1, pk.nVars - pk.nPublic - 1, 1);
            t[4] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g2Ops, pk.pointsB2, 0, w, 0, pk.nVars, 1);
            t[5] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsH, 0, h, 0, pk.domainSize, 1, true); // as the prover: GLV for H
            t[6] = since(c0);
            for (int i = 0; i < 7; i++) {
                t[7] += t[i];
            }
            // the other variant of each (not part of the sum: the prover does not use it)
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsA, 0, w, 0, pk.nVars, 1, true);
            t[8] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g2Ops, pk.pointsB2, 0, w, 0, pk.nVars, 1, true);
            t[9] = since(c0);
            c0 = cpu();
            Msm.msm(Bn254::g1Ops, pk.pointsH, 0, h, 0, pk.domainSize, 1, false);
            t[10] = since(c0);
            if (run >= 0) {
                for (int i = 0; i < names.length; i++) {
                    ms[i][run] = t[i];
                }
            }
        }
        System.out.printf("java %s, load average %s, %d runs after 12 warm-up%n", System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).trim(), runs);
        System.out.println("phase          thread CPU median (min) ms  (quotient: one of its two FFT threads)");
        for (int i = 0; i < names.length; i++) {
            double[] s = ms[i].clone();
            Arrays.sort(s);
            System.out.printf("%-14s %8.1f (%6.1f)%n", names[i], s[s.length / 2], s[0]);
        }
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double since(long c0) {
        return (cpu() - c0) / 1e6;
    }
}
