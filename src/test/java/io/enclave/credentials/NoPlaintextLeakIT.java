package io.enclave.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.attest.IssuerRegistry;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.CredentialSealer;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.SealedCredential;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.store.LocalCredentialStore;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.crypto.ecies.Secp256k1Ecies;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real create-credential run — import, attestation (kept encrypted in the local store), holder check, a JVM proof,
 * the package, the sealed envelope — then every file written meanwhile (the data folder and the system temp folder) is
 * scanned for the salary in any spelling; then delete-my-data's local erasure removes the stored files.
 */
class NoPlaintextLeakIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    @TempDir
    Path work;

    @Test
    void aRealProofRunWritesNoValueAndErasureRemovesTheLocalCopies() throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        // 12 decimal digits (10 in hex): a shorter value (8 digits, 6-7 hex) turns up by chance in the many digits and
        // hashes of the files other processes write to the shared temp folder meanwhile (one hex spelling in 16^6)
        long cents = RANDOM.nextLong(100_000_000_000L, 1_000_000_000_000L);
        String amount = new java.math.BigDecimal(BigInteger.valueOf(cents), 2).toPlainString();
        List<String> secrets = List.of(Long.toString(cents), amount, BigInteger.valueOf(cents).toString(16));
        Path csv = Files.writeString(work.resolve("salary.csv"), "Employer,Title,Start,Salary\nAcme,Engineer,2020-01-01,"
                + amount + "\n");
        Path home = work.resolve("home");
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        CredentialSchema employment = schemas.latest("employment");
        ImportedRecord record = new CsvImporter(employment, Map.of("employer", "Employer", "title", "Title", "startDate",
                "Start", "annualSalary", "Salary"), "yyyy-MM-dd", ImportLimits.DEFAULT).importFile(csv).records().get(0);

        byte[] bjj = new byte[32];
        byte[] holderKey = new byte[32];
        RANDOM.nextBytes(bjj);
        RANDOM.nextBytes(holderKey);
        holderKey[0] = 0x21;
        LocalCredentialStore store = new LocalCredentialStore(home);
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
             LocalEciesKeyHolder holder = new LocalEciesKeyHolder(holderKey)) {
            BigInteger subject = new BigInteger("70997970C51812dc3A010C7d01b50e0d17dc79C8", 16);
            Attestation a = new AttestationIssuer(signer, RANDOM, Clock.systemUTC()).attest(employment, "annualSalary",
                    record.values().get("annualSalary"), subject, Duration.ofDays(30));
            AttestationFile files = new AttestationFile(new Secp256k1Ecies(RANDOM), schemas);
            Path kept = store.keepAttestation(a.hash(), files.seal(a, holder.publicKey()));
            IssuerRegistry trustsSigner = new IssuerRegistry() {
                @Override
                public boolean isRegistered(Issuer issuer) {
                    return issuer.equals(signer.issuer());
                }

                @Override
                public boolean isRevoked(Issuer issuer, byte[] attestationHash) {
                    return false;
                }
            };
            CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(), trustsSigner,
                    Clock.systemUTC()).check(files.open(holder, Files.readAllBytes(kept)));
            BigInteger context = new ContextBinding(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.ONE,
                    "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC").fieldElement();
            CredentialPackage pkg = new CredentialProver(new ZkProver(CircuitRegistry.classPath()), schemas).prove(checked,
                    Predicate.create(employment, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000))),
                    context, Instant.now(), null);
            assertThat(new PackageVerifier(CircuitRegistry.classPath()).verify(pkg, context).subject()).isEqualTo(subject);
            byte[] hash = pkg.credentialHash();
            store.keepPackageFile(hash, "package.json", pkg.canonicalBytes());
            Path sealedFile = store.packageDir(hash).resolve("sealed.bin");
            SealedCredential sealed;
            try (OutputStream o = Files.newOutputStream(sealedFile)) {
                sealed = new CredentialSealer(RANDOM).seal(pkg, o, holder.publicKey());
            }
            store.keepPackageFile(hash, "seller-key.bin", sealed.sellerWrappedKey());

            List<Path> scanned = new ArrayList<>();
            List<String> leaks = new ArrayList<>();
            NoPlaintextLeakTest.scan(work, start, csv, secrets, scanned, leaks);
            NoPlaintextLeakTest.scan(home, start, csv, secrets, scanned, leaks); // the package files are 5 levels down
            NoPlaintextLeakTest.scan(Path.of(System.getProperty("java.io.tmpdir")), start, csv, secrets, scanned, leaks);
            assertThat(scanned).contains(kept, sealedFile, store.packageDir(hash).resolve("package.json"));
            assertThat(leaks).isEmpty();
            List<String> control = new ArrayList<>();
            NoPlaintextLeakTest.check(csv, secrets, control);
            assertThat(control).as("the scan finds the amount in the input").isNotEmpty();

            LocalCredentialStore.Erasure erased = store.erase(a.hash(), hash);
            assertThat(erased.deleted()).hasSize(4);
            assertThat(kept).doesNotExist();
            assertThat(store.packageDir(hash)).doesNotExist();
        } finally {
            java.util.Arrays.fill(bjj, (byte) 0);
            java.util.Arrays.fill(holderKey, (byte) 0);
        }
    }
}
