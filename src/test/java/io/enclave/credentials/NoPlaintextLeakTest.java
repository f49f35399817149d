package io.enclave.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialOpener;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.CredentialSealer;
import io.enclave.credentials.pkg.Groth16Proof;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.SealedCredential;
import io.enclave.credentials.preview.CredentialPreview;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full import → preview → package → seal → open run with attribute values no other file can contain (random), then a
 * scan of every file written meanwhile — the test's folder and the system temp folder — for any of those values in
 * any common spelling. Only the input file (the person's own export) may hold them.
 */
class NoPlaintextLeakTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    @TempDir
    Path work;

    @Test
    void noAttributeValueReachesAnyFileOutsideTheInput() throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        String tag = HexFormat.of().formatHex(RANDOM.generateSeed(6));
        String employer = "Quillfeather " + tag + " BV";
        String title = "Cartographer " + tag;
        // 12 digits: an 8-digit value (one in 10^8 at each place of a run of digits) can turn up by chance in what other
        // processes write to the shared temp folder meanwhile
        long cents = RANDOM.nextLong(100_000_000_000L, 1_000_000_000_000L);
        String amount = new java.math.BigDecimal(BigInteger.valueOf(cents), 2).toPlainString();
        String startDate = "20" + (10 + RANDOM.nextInt(10)) + "-0" + (1 + RANDOM.nextInt(9)) + "-1" + RANDOM.nextInt(9);
        List<String> secrets = List.of(employer, title, tag, Long.toString(cents), amount, startDate,
                startDate.replace("-", ""));

        Path input = work.resolve("input");
        Files.createDirectories(input);
        Path csv = Files.writeString(input.resolve("employment.csv"), "Employer,Title,Start,Salary,Currency\n"
                + employer + "," + title + "," + startDate + "," + amount + ",EUR\n");
        Path out = work.resolve("out");
        Files.createDirectories(out);
        Path sealedFile = out.resolve("credential.enclave");

        CredentialSchema schema = SchemaRegistry.builtIn().latest("employment");
        ImportResult imported = new CsvImporter(schema, Map.of("employer", "Employer", "title", "Title", "startDate", "Start",
                "annualSalary", "Salary", "currency", "Currency"), "yyyy-MM-dd", ImportLimits.DEFAULT).importFile(csv);
        ImportedRecord record = imported.records().get(0);
        assertThat(record.values().get("annualSalary").longValue()).isEqualTo(cents);

        Predicate predicate = Predicate.create(schema, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5000000)));
        Issuer issuer = new Issuer(Issuer.Provenance.ISSUER, BigInteger.valueOf(5), BigInteger.valueOf(6));
        ContextBinding context = new ContextBinding(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.ONE,
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        CredentialPreview preview = CredentialPreview.of(schema, record, predicate, issuer, context,
                Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(preview.predicateHolds()).isTrue();
        for (String s : secrets) {
            assertThat(preview.revealed().toString()).doesNotContain(s);
        }

        CredentialPackage pkg = new CredentialPackage(schema.id(), predicate, "enclave.range-gte.v1", "0x" + "cd".repeat(32),
                new Groth16Proof(List.of(BigInteger.TWO, BigInteger.TEN, BigInteger.ONE),
                        List.of(List.of(BigInteger.ONE, BigInteger.TWO), List.of(BigInteger.TEN, BigInteger.ONE),
                                List.of(BigInteger.ONE, BigInteger.ZERO)),
                        List.of(BigInteger.ONE, BigInteger.TEN, BigInteger.ONE)),
                List.of(BigInteger.ONE, context.fieldElement()), issuer, context.fieldElement(),
                Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));
        byte[] sellerKey = new byte[32];
        RANDOM.nextBytes(sellerKey);
        sellerKey[0] = 0x33;
        try (LocalEciesKeyHolder seller = new LocalEciesKeyHolder(sellerKey)) {
            SealedCredential sealed;
            try (OutputStream o = Files.newOutputStream(sealedFile)) {
                sealed = new CredentialSealer().seal(pkg, o, seller.publicKey());
            }
            try (InputStream in = Files.newInputStream(sealedFile)) {
                assertThat(new CredentialOpener(SchemaRegistry.builtIn()).open(in, sealed.sellerWrappedKey(), seller,
                        sealed.keyCommitment(), pkg.credentialHash())).isEqualTo(pkg);
            }
        } finally {
            java.util.Arrays.fill(sellerKey, (byte) 0);
        }

        List<Path> scanned = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        scan(work, start, csv, secrets, scanned, leaks);
        scan(Path.of(System.getProperty("java.io.tmpdir")), start, csv, secrets, scanned, leaks);
        assertThat(scanned).contains(sealedFile);
        assertThat(leaks).isEmpty();
        // the scan does find values: the input holds the five spellings written in it (not cents or yyyymmdd)
        List<String> control = new ArrayList<>();
        check(csv, secrets, control);
        assertThat(control).hasSize(5);
    }

    static void scan(Path root, Instant since, Path allowed, List<String> secrets, List<Path> scanned,
                             List<String> leaks) throws IOException {
        try (Stream<Path> files = Files.find(root, 4,
                (p, a) -> a.isRegularFile() && recent(a, since) && a.size() < (32 << 20))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.equals(allowed) || !Files.isReadable(p)) {
                    continue;
                }
                scanned.add(p);
                check(p, secrets, leaks);
            }
        } catch (java.io.UncheckedIOException e) {
            // another process removed a file while we walked the shared temp folder: the files we reached were checked
        }
    }

    static void check(Path p, List<String> secrets, List<String> leaks) {
        String text;
        try {
            text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return;
        }
        for (String s : secrets) {
            String utf8AsLatin1 = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            String utf16 = new String(s.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
            if (text.contains(utf8AsLatin1) || text.contains(utf16)) {
                leaks.add(p + " contains " + s);
            }
        }
    }

    private static boolean recent(BasicFileAttributes a, Instant since) {
        return a.lastModifiedTime().toInstant().isAfter(since);
    }
}
