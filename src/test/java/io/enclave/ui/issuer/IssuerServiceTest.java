package io.enclave.ui.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.ui.UiTestSupport;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** The issuer service's input handling: values as people write them, subject keys, expiry, and the key file rules. */
class IssuerServiceTest {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();

    @Test
    void parsesValuesPerEncoding() throws Exception {
        CredentialSchema employment = SCHEMAS.latest("employment");
        assertThat(IssuerService.parseValue(employment.attribute("annualSalary"), " 82,500.5 ").bigIntegerValue())
                .isEqualTo(BigInteger.valueOf(8_250_050));
        assertThat(IssuerService.parseValue(employment.attribute("startDate"), "2024-02-29").textValue())
                .isEqualTo("2024-02-29");
        assertThat(IssuerService.parseValue(employment.attribute("employer"), " Acme Ltd ").textValue())
                .isEqualTo("Acme Ltd");
        assertThatThrownBy(() -> IssuerService.parseValue(employment.attribute("annualSalary"), "1.005"))
                .hasMessageContaining("at most 2 decimal places");
        assertThatThrownBy(() -> IssuerService.parseValue(employment.attribute("annualSalary"), "1e400"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IssuerService.parseValue(employment.attribute("startDate"), "2023-02-29"))
                .hasMessageContaining("is not a date");
        assertThatThrownBy(() -> IssuerService.parseValue(employment.attribute("employer"), "   "))
                .hasMessageContaining("Enter the value");
    }

    @Test
    void subjectKeysMustBePublicKeysNotAddresses() throws Exception {
        Credentials c = Credentials.create(Keys.createEcKeyPair());
        byte[] pub = Numeric.toBytesPadded(c.getEcKeyPair().getPublicKey(), 64);
        assertThat(IssuerService.subjectAddress(Numeric.toHexString(pub))).isEqualToIgnoringCase(c.getAddress());
        assertThat(IssuerService.subjectAddress("0x04" + Numeric.toHexStringNoPrefix(pub)))
                .isEqualToIgnoringCase(c.getAddress());
        assertThatThrownBy(() -> IssuerService.subjectAddress(c.getAddress())).hasMessageContaining("must be 64 bytes");
        assertThatThrownBy(() -> IssuerService.subjectAddress("0x05" + Numeric.toHexStringNoPrefix(pub)))
                .hasMessageContaining("must be 64 bytes");
        assertThatThrownBy(() -> IssuerService.subjectAddress("0xzz")).hasMessageContaining("must be hex");
    }

    @Test
    void refusesPastExpiryWeakPasswordsAndOverwrites(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        IssuerService s = new IssuerService(dir, UiTestSupport.TEST_KDF, SCHEMAS, Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> s.create(s.defaultKeyFile(), "short".toCharArray()))
                .hasMessageContaining("at least 10 characters");
        assertThat(s.defaultKeyFile()).doesNotExist();
        Issuer pub = s.create(s.defaultKeyFile(), "long enough password".toCharArray());
        assertThatThrownBy(() -> s.create(s.defaultKeyFile(), "another long password".toCharArray()))
                .hasMessageContaining("already holds a key");
        try (EddsaAttestationSigner signer = s.open(s.defaultKeyFile(), "long enough password".toCharArray())) {
            assertThat(signer.issuer()).isEqualTo(pub);
            String key = Numeric.toHexString(Numeric.toBytesPadded(Keys.createEcKeyPair().getPublicKey(), 64));
            assertThatThrownBy(() -> s.issue(signer, SCHEMAS.latest("employment"), "employer", "Acme", key,
                    LocalDate.of(2026, 11, 28))).hasMessageContaining("in the past");
            assertThat(s.issuedFolder()).doesNotExist();
            // Valid through the chosen day: the expiry is the next midnight UTC.
            IssuedAttestation a = s.issue(signer, SCHEMAS.latest("employment"), "employer", "Acme", key,
                    LocalDate.of(2026, 11, 29));
            assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(new String(Files.readAllBytes(a.file()), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("Acme");
        }
        assertThatThrownBy(() -> s.open(dir.resolve("missing.json"), "x".toCharArray()))
                .hasMessageContaining("No issuer key at");
    }
}
