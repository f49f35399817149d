package io.enclave.credentials.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class AttestationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-29T03:00:00Z"), ZoneOffset.UTC);
    private static final Issuer ACME = new Issuer(Issuer.Provenance.ISSUER, BigInteger.valueOf(11), BigInteger.valueOf(12));
    private static final Issuer SELF = new Issuer(Issuer.Provenance.SELF_ATTESTED, BigInteger.valueOf(21),
            BigInteger.valueOf(22));
    private static final BigInteger SUBJECT = new BigInteger("70997970C51812dc3A010C7d01b50e0d17dc79C8", 16);

    /**
     * Stands in for EdDSA-Poseidon until io.enclave.zk lands: a keyed hash of the message, so a changed message, key
     * or signature fails exactly as with the real scheme. The attestation code only sees the interfaces.
     */
    private static final class KeyedHashScheme implements AttestationSigner, AttestationSignatureVerifier {
        private final Issuer key;

        KeyedHashScheme(Issuer key) {
            this.key = key;
        }

        @Override
        public Issuer issuer() {
            return key;
        }

        @Override
        public EdDsaSignature sign(List<BigInteger> message) {
            return new EdDsaSignature(key.ax(), key.ay(), digest(key, message));
        }

        @Override
        public boolean verify(Issuer signer, List<BigInteger> message, EdDsaSignature s) {
            return s.s().equals(digest(signer, message));
        }

        private static BigInteger digest(Issuer k, List<BigInteger> message) {
            return new BigInteger(1, Hash.sha3((k.ax() + "/" + k.ay() + "/" + message).getBytes(StandardCharsets.UTF_8)))
                    .mod(EdDsaSignature.SUBGROUP_ORDER);
        }
    }

    private static final class Registry implements IssuerRegistry {
        final Set<Issuer> registered = new HashSet<>();
        final Set<String> revoked = new HashSet<>();

        @Override
        public boolean isRegistered(Issuer issuer) {
            return registered.contains(issuer);
        }

        @Override
        public boolean isRevoked(Issuer issuer, byte[] hash) {
            return revoked.contains(new BigInteger(1, hash).toString(16));
        }
    }

    private final SchemaRegistry schemas = SchemaRegistry.builtIn();
    private final Registry registry = new Registry();
    private final AttestationChecker checker = new AttestationChecker(new KeyedHashScheme(ACME), registry, NOW);

    private Attestation salary(Issuer by) throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        return new AttestationIssuer(new KeyedHashScheme(by), RANDOM, NOW).attest(employment, "annualSalary",
                N.numberNode(8250000), SUBJECT, Duration.ofDays(365));
    }

    @Test
    void issuerAttestsSubjectOpensAndChecks() throws Exception {
        registry.registered.add(ACME);
        Attestation a = salary(ACME);
        assertThat(a.encodedValue()).isEqualTo(BigInteger.valueOf(8250000));
        assertThat(a.signedMessage()).hasSize(6).element(2).isEqualTo(BigInteger.valueOf(8250000));
        assertThat(a.signedMessage().get(5)).isEqualTo(BigInteger.valueOf(a.expiresAt().getEpochSecond()));
        try (LocalEciesKeyHolder subject = new LocalEciesKeyHolder(key())) {
            AttestationFile files = new AttestationFile(new Secp256k1Ecies(RANDOM), schemas);
            byte[] file = files.seal(a, subject.publicKey());
            assertThat(new String(file, StandardCharsets.ISO_8859_1)).startsWith("ENCA").doesNotContain("8250000");
            Attestation opened = files.open(subject, file);
            assertThat(opened.canonicalBytes()).isEqualTo(a.canonicalBytes());
            CheckedAttestation checked = checker.check(opened);
            assertThat(checked.issuerVerified()).isTrue();
            assertThat(checked.selfAttested()).isFalse();
        }
    }

    @Test
    void selfAttestedDataIsNeverIssuerVerified() throws Exception {
        registry.registered.add(SELF);
        CheckedAttestation c = checker.check(salary(SELF));
        assertThat(c.issuerVerified()).isFalse();
        assertThat(c.selfAttested()).isTrue();
        Attestation unsigned = new Attestation(schemas.latest("identity").id(), "country", N.textNode("NL"),
                io.enclave.credentials.schema.FieldEncoding.encodeString("NL"), BigInteger.TWO, SUBJECT,
                NOW.instant().minusSeconds(10), NOW.instant().plusSeconds(1000), SELF, null);
        assertThat(checker.check(Attestation.parse(unsigned.canonicalBytes(), schemas)).issuerVerified()).isFalse();
        assertThatThrownBy(() -> new CheckedAttestation(unsigned, true)).hasMessageContaining("never be issuer-verified");
    }

    @Test
    void holderChecksRefuseWhatTheyShould() throws Exception {
        Attestation a = salary(ACME);
        assertThatThrownBy(() -> checker.check(a)).hasMessageContaining("not a registered issuer");
        registry.registered.add(ACME);
        registry.revoked.add(new BigInteger(1, a.hash()).toString(16));
        assertThatThrownBy(() -> checker.check(a)).hasMessageContaining("revoked");
        AttestationChecker later = new AttestationChecker(new KeyedHashScheme(ACME), registry,
                Clock.offset(NOW, Duration.ofDays(366)));
        assertThatThrownBy(() -> later.check(salary(ACME))).hasMessageContaining("expired");
        Attestation forged = new Attestation(a.schemaId(), a.attribute(), N.numberNode(9900000), BigInteger.valueOf(9900000),
                a.salt(), a.subject(), a.issuedAt(), a.expiresAt(), a.issuer(), a.signature());
        assertThatThrownBy(() -> checker.check(forged)).hasMessageContaining("signature does not verify");
    }

    @Test
    void malformedAttestationsAreNamed() throws Exception {
        Attestation a = salary(ACME);
        rejects(a, o -> o.put("encodedValue", "1"), "not the field encoding");
        rejects(a, o -> o.put("value", "lots"), "annualSalary");
        rejects(a, o -> o.put("attribute", "bonus"), "bonus");
        rejects(a, o -> o.remove("signature"), "no signature");
        rejects(a, o -> o.put("salt", "0"), "salt is zero");
        rejects(a, o -> ((ObjectNode) o.get("signature")).put("s", EdDsaSignature.SUBGROUP_ORDER.toString()), "signature.s");
        rejects(a, o -> o.put("expiresAt", o.get("issuedAt").longValue()), "not after");
        rejects(a, o -> o.put("extra", true), "unknown field");
        rejects(a, o -> o.put("version", 9), "version 1");
        rejects(a, o -> ((ObjectNode) o.get("issuer")).put("ax", "-3"), "issuer.ax");
    }

    @Test
    void attestationFilesForAnotherSubjectOrAlteredAreRefused() throws Exception {
        AttestationFile files = new AttestationFile(new Secp256k1Ecies(RANDOM), schemas);
        try (LocalEciesKeyHolder subject = new LocalEciesKeyHolder(key());
             LocalEciesKeyHolder other = new LocalEciesKeyHolder(key())) {
            byte[] file = files.seal(salary(ACME), subject.publicKey());
            assertThatThrownBy(() -> files.open(other, file)).hasMessageContaining("another subject");
            for (int i = 5; i < file.length; i += 7) {
                byte[] t = file.clone();
                t[i] ^= 1;
                assertThatThrownBy(() -> files.open(subject, t)).isInstanceOf(AttestationException.class);
            }
            byte[] magic = file.clone();
            magic[0] = 'X';
            assertThatThrownBy(() -> files.open(subject, magic)).hasMessageContaining("magic");
            byte[] version = file.clone();
            version[4] = 2;
            assertThatThrownBy(() -> files.open(subject, version)).hasMessageContaining("update Enclave");
            assertThatThrownBy(() -> files.open(subject, new byte[AttestationFile.MAX_BYTES + 1]))
                    .hasMessageContaining("at most");
        }
    }

    private void rejects(Attestation a, Consumer<ObjectNode> change, String message) {
        ObjectNode o = a.toJson();
        change.accept(o);
        assertThatThrownBy(() -> Attestation.parse(o.toString().getBytes(StandardCharsets.UTF_8), schemas)).as(message)
                .isInstanceOf(AttestationException.class).hasMessageContaining(message);
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        k[0] = 0x22;
        return k;
    }
}
