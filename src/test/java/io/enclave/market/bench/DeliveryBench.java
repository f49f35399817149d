package io.enclave.market.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.attest.IssuerRegistry;
import io.enclave.credentials.pkg.ContentKey;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.KeyDelivery;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a delivery with a per-buyer proof costs the seller's process, beside the chain calls (purchase and listing
 * reads, {@code deliverKey}, unchanged): open the kept attestation file (ECIES), check it (EdDSA-Poseidon; the registry
 * read, one eth_call, is left out), prove the listed statement for the buyer's context, verify the proof, wrap key +
 * proof to the buyer. Run by hand:
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) io.enclave.market.bench.DeliveryBench [warm runs, default 8]
 * </pre>
 * Prints: loading the range circuit (what {@code DeliveryService.warmUp()} does before the watcher's first pass), the
 * first delivery after that, a first delivery without warm-up (a second, fresh circuit registry and prover: the zkey is
 * read again, the JIT is already warm), and the warm median.
 */
public final class DeliveryBench {
    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        CredentialSchema employment = schemas.latest("employment");
        SecureRandom random = new SecureRandom();
        byte[] sellerKey = new byte[32];
        random.nextBytes(sellerKey);
        sellerKey[0] = 0x11;
        byte[] buyerKey = new byte[32];
        random.nextBytes(buyerKey);
        buyerKey[0] = 0x12;
        byte[] issuerKey = new byte[32];
        random.nextBytes(issuerKey);
        try (EddsaAttestationSigner issuer = new EddsaAttestationSigner(issuerKey, Issuer.Provenance.ISSUER);
             LocalEciesKeyHolder seller = new LocalEciesKeyHolder(sellerKey);
             LocalEciesKeyHolder buyer = new LocalEciesKeyHolder(buyerKey);
             ContentKey content = ContentKey.generate(random)) {
            String sellerAddress = "0x" + org.web3j.crypto.Keys.getAddress(
                    org.web3j.utils.Numeric.toHexStringNoPrefix(new BigInteger(1, java.util.Arrays.copyOfRange(
                            seller.publicKey(), 1, 65))));
            IssuerRegistry registered = new IssuerRegistry() {
                @Override
                public boolean isRegistered(Issuer i) {
                    return true;
                }

                @Override
                public boolean isRevoked(Issuer i, byte[] attestationHash) {
                    return false;
                }
            };
            Attestation a = new AttestationIssuer(issuer, random, Clock.systemUTC()).attest(employment, "annualSalary",
                    JsonNodeFactory.instance.numberNode(8_250_000), org.web3j.utils.Numeric.toBigInt(sellerAddress),
                    Duration.ofDays(365));
            AttestationFile files = new AttestationFile(new Secp256k1Ecies(random), schemas);
            byte[] kept = files.seal(a, seller.publicKey());
            AttestationChecker checker = new AttestationChecker(new EddsaAttestationVerifier(), registered,
                    Clock.systemUTC());
            Predicate atLeast = Predicate.create(employment, "salary-at-least",
                    List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
            byte[] buyerPublic = java.util.Arrays.copyOfRange(buyer.publicKey(), 1, 65);

            CircuitRegistry circuits = CircuitRegistry.classPath();
            long t0 = System.nanoTime();
            circuits.circuit(CredentialCircuit.RANGE.buildId());
            long load = System.nanoTime() - t0;
            CredentialProver prover = new CredentialProver(new ZkProver(circuits), schemas);
            CredentialPackage listed = prover.prove(checker.check(a), atLeast, BigInteger.ONE,
                    Instant.now().minusSeconds(60), null);
            System.out.printf("load range circuit (warm-up): %d ms%n", load / 1_000_000);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                long ms = deliver(files, seller, kept, checker, prover, circuits, listed, atLeast, content, buyerPublic, i);
                if (i == 0) {
                    System.out.printf("first delivery after warm-up: %d ms%n", ms);
                } else {
                    warm.add(ms);
                }
            }
            CircuitRegistry fresh = CircuitRegistry.classPath();
            long cold = deliver(files, seller, kept, checker, new CredentialProver(new ZkProver(fresh), schemas), fresh,
                    listed, atLeast, content, buyerPublic, runs + 1);
            System.out.printf("delivery with a fresh circuit registry (zkey read in the delivery): %d ms%n", cold);
            Collections.sort(warm);
            System.out.printf("warm delivery median of %d: %d ms (min %d, max %d)%n", runs, warm.get(runs / 2),
                    warm.get(0), warm.get(runs - 1));
        }
    }

    private static long deliver(AttestationFile files, LocalEciesKeyHolder seller, byte[] kept, AttestationChecker checker,
                                CredentialProver prover, CircuitRegistry circuits, CredentialPackage listed,
                                Predicate atLeast, ContentKey content, byte[] buyerPublic, int i) throws Exception {
        long t0 = System.nanoTime();
        CheckedAttestation checked = checker.check(files.open(seller, kept));
        BigInteger context = new ContextBinding(31337, "0x" + "11".repeat(20), BigInteger.valueOf(i), "0x" + "22".repeat(20))
                .fieldElement();
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        CredentialPackage mine = prover.prove(checked, atLeast, context, now, null);
        PerBuyerProof proof = new PerBuyerProof(context, now, mine.proof());
        new PackageVerifier(circuits).verifyDelivered(listed, proof, context);
        byte[] wire = KeyDelivery.wrap(content, proof, buyerPublic);
        if (wire.length != KeyDelivery.V1_WIRE_BYTES) {
            throw new IllegalStateException("unexpected delivery size " + wire.length);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
