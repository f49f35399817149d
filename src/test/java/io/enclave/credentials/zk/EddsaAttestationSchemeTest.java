package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.EdDsaSignature;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real EdDSA-Poseidon attestation scheme: round trip, and every altered input or malformed signature fails. */
class EddsaAttestationSchemeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger SUBJECT = new BigInteger("70997970C51812dc3A010C7d01b50e0d17dc79C8", 16);
    private final EddsaAttestationVerifier verifier = new EddsaAttestationVerifier();

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    private Attestation attest(EddsaAttestationSigner signer) throws Exception {
        return new AttestationIssuer(signer, RANDOM, Clock.systemUTC()).attest(
                SchemaRegistry.builtIn().latest("employment"), "annualSalary", JsonNodeFactory.instance.numberNode(8250000),
                SUBJECT, Duration.ofDays(30));
    }

    @Test
    void signsAndVerifiesAndRefusesEveryAlteredMessageElement() throws Exception {
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key(0x11), Issuer.Provenance.ISSUER)) {
            Attestation a = attest(signer);
            assertThat(verifier.verify(a.issuer(), a.signedMessage(), a.signature())).isTrue();
            for (int i = 0; i < a.signedMessage().size(); i++) {
                List<BigInteger> m = new ArrayList<>(a.signedMessage());
                m.set(i, m.get(i).add(BigInteger.ONE));
                assertThat(verifier.verify(a.issuer(), m, a.signature())).as("message element %d altered", i).isFalse();
            }
            assertThat(verifier.verify(a.issuer(), a.signedMessage().subList(0, 5), a.signature())).as("shorter").isFalse();
        }
    }

    @Test
    void anotherKeyOrAMalformedSignatureFailsWithoutThrowing() throws Exception {
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key(0x11), Issuer.Provenance.ISSUER);
             EddsaAttestationSigner other = new EddsaAttestationSigner(key(0x22), Issuer.Provenance.ISSUER)) {
            Attestation a = attest(signer);
            EdDsaSignature s = a.signature();
            List<BigInteger> m = a.signedMessage();
            assertThat(verifier.verify(other.issuer(), m, s)).as("other key").isFalse();
            // S + l is the same scalar modulo l: malleability must be refused (circomlib checks S < l too)
            assertThat(verifier.verify(a.issuer(), m, new EdDsaSignature(s.r8x(), s.r8y(),
                    s.s().add(EdDsaSignature.SUBGROUP_ORDER)))).as("S + l").isFalse();
            assertThat(verifier.verify(a.issuer(), m, new EdDsaSignature(s.r8x(), s.r8y().add(BigInteger.ONE), s.s())))
                    .as("R8 off the curve").isFalse();
            assertThat(verifier.verify(a.issuer(), m, new EdDsaSignature(s.r8x(), s.r8y(), s.s().add(BigInteger.ONE))))
                    .as("S + 1").isFalse();
            assertThat(verifier.verify(new Issuer(Issuer.Provenance.ISSUER, BigInteger.ONE, BigInteger.TWO), m, s))
                    .as("key off the curve").isFalse();
            assertThat(verifier.verify(a.issuer(), m, new EdDsaSignature(Poseidon.hashModulus(), s.r8y(), s.s())))
                    .as("coordinate out of the field").isFalse();
            assertThat(verifier.verify(a.issuer(), List.of(), s)).isFalse();
            assertThat(verifier.verify(a.issuer(), m, null)).isFalse();
        }
    }

    @Test
    void aClosedSignerRefusesToSign() {
        EddsaAttestationSigner signer = new EddsaAttestationSigner(key(0x33), Issuer.Provenance.SELF_ATTESTED);
        assertThat(signer.issuer().selfAttested()).isTrue();
        signer.close();
        assertThatThrownBy(() -> signer.sign(List.of(BigInteger.ONE))).hasMessageContaining("closed");
        assertThatThrownBy(() -> new EddsaAttestationSigner(new byte[31], Issuer.Provenance.ISSUER))
                .hasMessageContaining("32 bytes");
    }
}
