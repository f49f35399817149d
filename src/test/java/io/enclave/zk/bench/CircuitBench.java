package io.enclave.zk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.enclave.testsupport.Snarkjs;
import io.enclave.zk.Circuit;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkFixtures;
import io.enclave.zk.groth16.Groth16Prover;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Java prover (witness included) against snarkjs fullProve on the committed circuits (range, equality,
 * membership with a 256-member set), back to back per circuit: wall time (median of warm runs) and CPU time per proof
 * of each process. Run after {@code mvn verify} staged the circuits (see docs/BENCHMARKS.md):
 * <pre>
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/test.cp) io.enclave.zk.bench.CircuitBench [runs]
 * </pre>
 */
public final class CircuitBench {
    private CircuitBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CircuitRegistry registry = CircuitRegistry.classPath();
        System.out.printf("%d cores, max heap %d MB, %d warm runs each%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, runs);
        System.out.println("| circuit | load avg | Java median (min) | snarkjs median (min) | wall ratio | CPU/proof Java"
                + " | CPU/proof snarkjs | CPU ratio |");
        for (String id : List.of("range", "equality", "membership")) {
            JsonNode input = Snarkjs.attest("input", request(id)).get("input");
            @SuppressWarnings("unchecked")
            Map<String, Object> in = Snarkjs.json().convertValue(input, Map.class);
            Circuit circuit = registry.circuit(id);
            for (int i = 0; i < Math.max(12, runs); i++) {
                prove(circuit, in);
            }
            double load = os.getSystemLoadAverage();
            double[] java = new double[runs];
            long cpu0 = os.getProcessCpuTime();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                prove(circuit, in);
                java[i] = (System.nanoTime() - t) / 1e6;
            }
            double javaCpu = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;

            Path dir = Snarkjs.circuitDir(id);
            Path file = Files.createTempFile("bench-input", ".json");
            try {
                Files.writeString(file, input.toString()); // test issuer key and made-up attributes only
                String[] lines = ZkFixtures.node("bench", dir.resolve("circuit.wasm").toString(),
                        dir.resolve("circuit.zkey").toString(), file.toString(), String.valueOf(runs)).trim().split("\\R");
                double[] snarkjs = Arrays.stream(lines[0].replaceAll("[\\[\\]]", "").split(","))
                        .mapToDouble(Double::parseDouble).toArray();
                double snarkjsCpu = Double.parseDouble(lines[lines.length - 1].replace("cpu ", ""));
                double j = median(java);
                double s = median(snarkjs);
                System.out.printf("| %s | %.1f–%.1f | %.0f ms (%.0f) | %.0f ms (%.0f) | %.2f× | %.0f ms | %.0f ms | %.2f× |%n",
                        id, load, os.getSystemLoadAverage(), j, min(java), s, min(snarkjs), s / j, javaCpu, snarkjsCpu,
                        snarkjsCpu / javaCpu);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    static ObjectNode request(String circuit) {
        ObjectNode r = Snarkjs.json().createObjectNode();
        r.put("circuit", circuit);
        r.put("issuerKey", "0x" + "11".repeat(32));
        r.put("schema", "1001");
        r.put("attribute", "3");
        r.put("salt", "271828182845904523536028747135266249775724709369995");
        r.put("subject", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        r.put("expiry", "1900000000");
        r.put("timeBound", "1800000000");
        r.put("buyer", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        r.put("listingId", "7");
        r.put("chainId", "31337");
        switch (circuit) {
            case "range":
                r.put("value", "42").put("lower", "18").put("upper", "65");
                break;
            case "equality":
                r.put("value", "840").put("expected", "840");
                break;
            default:
                r.put("value", "1100");
                ArrayNode set = r.putArray("set");
                for (int i = 0; i < 256; i++) {
                    set.add(Integer.toString(1000 + i));
                }
        }
        return r;
    }

    private static Groth16Prover.Result prove(Circuit circuit, Map<String, Object> in) {
        return Groth16Prover.prove(circuit.provingKey(), circuit.witness().calculate(in), null);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(0);
    }
}
