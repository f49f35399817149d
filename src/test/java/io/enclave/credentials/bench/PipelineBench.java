package io.enclave.credentials.bench;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.attest.IssuerRegistry;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.CredentialSealer;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The whole holder pipeline, end to end, in one JVM: import a CSV (schema validation) → self-attest the salary with the
 * holder's own BabyJubJub key → holder check (real EdDSA-Poseidon verification; the on-chain registry read is left out:
 * it is one eth_call) → prove "salary ≥ 50,000.00" (range circuit, Chicory witness + Java Groth16) → canonical package
 * → AES-256-GCM envelope with the key wrapped (ECIES) to the seller. Target ≤ 3 s on 2 cores. Not a test; run by hand:
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) io.enclave.credentials.bench.PipelineBench [runs, default 10]
 * </pre>
 * (cp.txt from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt}). The first run includes loading
 * and compiling the circuit (cold start); the median of the following runs is the warm figure.
 */
public final class PipelineBench {
    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        CredentialSchema employment = schemas.latest("employment");
        Path csv = Files.createTempFile(Path.of("target"), "pipeline-bench", ".csv");
        Files.writeString(csv, "Company,Role,Start,Salary\nAcme GmbH,Engineer,2021-03-01,\"82,500.00\"\n");
        SecureRandom random = new SecureRandom();
        byte[] holderKey = new byte[32];
        random.nextBytes(holderKey);
        byte[] sellerKey = new byte[32];
        random.nextBytes(sellerKey);
        sellerKey[0] = 0x11;
        ZkProver zk = new ZkProver(CircuitRegistry.classPath());
        List<long[]> phases = new ArrayList<>();
        try (EddsaAttestationSigner own = new EddsaAttestationSigner(holderKey, Issuer.Provenance.SELF_ATTESTED);
             LocalEciesKeyHolder seller = new LocalEciesKeyHolder(sellerKey)) {
            IssuerRegistry none = new IssuerRegistry() {
                @Override
                public boolean isRegistered(Issuer issuer) {
                    return false;
                }

                @Override
                public boolean isRevoked(Issuer issuer, byte[] attestationHash) {
                    return false;
                }
            };
            AttestationChecker checker = new AttestationChecker(new EddsaAttestationVerifier(), none, Clock.systemUTC());
            CredentialProver prover = new CredentialProver(zk, schemas);
            Predicate atLeast = Predicate.create(employment, "salary-at-least",
                    List.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(5_000_000)));
            BigInteger context = new ContextBinding(31337, "0x" + "11".repeat(20), BigInteger.ONE, "0x" + "22".repeat(20))
                    .fieldElement();
            BigInteger subject = new BigInteger("70997970C51812dc3A010C7d01b50e0d17dc79C8", 16);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int run = 0; run <= runs; run++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                ImportResult imported = new CsvImporter(employment, Map.of("employer", "Company", "title", "Role",
                        "startDate", "Start", "annualSalary", "Salary"), "yyyy-MM-dd", ImportLimits.DEFAULT).importFile(csv);
                long t1 = System.nanoTime();
                Attestation a = new AttestationIssuer(own, random, Clock.systemUTC()).attest(employment, "annualSalary",
                        imported.records().get(0).values().get("annualSalary"), subject, Duration.ofDays(30));
                CheckedAttestation checked = checker.check(a);
                long t2 = System.nanoTime();
                CredentialPackage pkg = prover.prove(checked, atLeast, context, Instant.now(), null);
                long t3 = System.nanoTime();
                new CredentialSealer(random).seal(pkg, OutputStream.nullOutputStream(), seller.publicKey());
                long t4 = System.nanoTime();
                long cpu = os.getProcessCpuTime() - cpu0;
                phases.add(new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, cpu});
            }
        } finally {
            Files.deleteIfExists(csv);
            java.util.Arrays.fill(holderKey, (byte) 0);
            java.util.Arrays.fill(sellerKey, (byte) 0);
        }
        System.out.printf("java %s, %d cores, %d warm runs, load average now %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), runs,
                Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        // process CPU (all threads, JIT and GC included): on an idle 2-core machine the wall time lies between CPU / 2
        // and CPU, so it says more than the wall time on a machine that other builds load
        String[] names = {"import", "attest+check", "prove", "package+encrypt", "total", "process CPU"};
        System.out.printf("cold (first run): %s%n", line(names, phases.get(0)));
        long[] median = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            List<Long> xs = new ArrayList<>();
            for (long[] p : phases.subList(1, phases.size())) {
                xs.add(p[i]);
            }
            Collections.sort(xs);
            median[i] = xs.get(xs.size() / 2);
        }
        System.out.printf("warm median:      %s%n", line(names, median));
    }

    private static String line(String[] names, long[] ns) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            b.append(String.format("%s %.0f ms  ", names[i], ns[i] / 1e6));
        }
        return b.toString().trim();
    }
}
