package io.enclave.credentials.zk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.zk.Circuit;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped range circuit as the studio holds it (its witness compiled at build time, the wasm kept without the
 * compiled bodies): an honest proof verifies as a buyer checks it, and again after the circuit was released and loaded
 * anew through its build-time class.
 */
class LeanCircuitProofTest {
    @Test
    void proofsFromALeanCircuitVerifyBeforeAndAfterAReload() throws Exception {
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        CircuitRegistry circuits = CircuitRegistry.classPath();
        CheckedAttestation checked = signedSalary(schemas, 8_250_000);
        CredentialSchema schema = schemas.latest("employment");
        Predicate p = Predicate.create(schema, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
        CredentialProver prover = new CredentialProver(new ZkProver(circuits), schemas);
        BigInteger context = BigInteger.valueOf(777);

        CircuitRegistry.Hold studio = circuits.hold();
        CredentialPackage first = prover.prove(checked, p, context, Instant.now(), null);
        Circuit loaded = circuits.circuit("range");
        assertThat(loaded.witness().compiledAtBuildTime()).isTrue();
        studio.close();
        assertThat(circuits.loaded()).isEmpty();

        CredentialPackage again = prover.prove(checked, p, context, Instant.now(), null);
        assertThat(circuits.circuit("range")).isNotSameAs(loaded);
        assertThat(circuits.circuit("range").witness().compiledAtBuildTime()).isTrue();
        PackageVerifier verifier = new PackageVerifier(circuits);
        assertThat(verifier.verify(first, context).pkg()).isEqualTo(first);
        assertThat(verifier.verify(again, context).pkg()).isEqualTo(again);
    }

    private static CheckedAttestation signedSalary(SchemaRegistry schemas, long cents) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key, Issuer.Provenance.SELF_ATTESTED)) {
            var a = new AttestationIssuer(signer, random, Clock.systemUTC()).attest(schemas.latest("employment"),
                    "annualSalary", JsonNodeFactory.instance.numberNode(cents), BigInteger.ONE, Duration.ofDays(1));
            return new AttestationChecker(new EddsaAttestationVerifier(), null, Clock.systemUTC()).check(a);
        }
    }
}
