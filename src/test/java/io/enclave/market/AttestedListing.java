package io.enclave.market;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.market.sell.PublishRequest;
import io.enclave.zk.ZkProver;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A listing published with its attestation, so that its deliveries carry per-buyer proofs: the issuer key the fixture
 * registers ({@link #ISSUER_KEY}), a salary attested to the seller, "salary at least 50,000.00" proven for the
 * registry's context and published with the attestation.
 */
final class AttestedListing {
    static final byte[] ISSUER_KEY = Hash.sha3("market IT issuer".getBytes(StandardCharsets.UTF_8));

    private AttestedListing() {
    }

    static Issuer issuer() {
        try (EddsaAttestationSigner k = new EddsaAttestationSigner(ISSUER_KEY, Issuer.Provenance.ISSUER)) {
            return k.issuer();
        }
    }

    static Listing publish(MarketFixture fx, MarketFixture.Person seller, String title) throws Exception {
        SchemaRegistry schemas = SchemaRegistry.builtIn();
        CredentialSchema employment = schemas.latest("employment");
        try (EddsaAttestationSigner key = new EddsaAttestationSigner(ISSUER_KEY, Issuer.Provenance.ISSUER)) {
            Attestation a = new AttestationIssuer(key, new SecureRandom(), Clock.systemUTC()).attest(employment,
                    "annualSalary", JsonNodeFactory.instance.numberNode(8_250_000),
                    Numeric.toBigInt(seller.chain.account()), Duration.ofDays(365));
            var checked = new AttestationChecker(new EddsaAttestationVerifier(),
                    new OnChainIssuerRegistry(seller.chain.registry()), Clock.systemUTC()).check(a);
            Predicate atLeast = Predicate.create(employment, "salary-at-least",
                    List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
            CredentialPackage pkg = new CredentialProver(new ZkProver(MarketFixture.CIRCUITS), schemas).prove(checked,
                    atLeast, new RegistryContext(fx.anvil.chainId(), fx.contracts.registry(), seller.chain.account())
                            .fieldElement(), Instant.ofEpochSecond(seller.chain.chainTime()), null);
            return seller.sell().publish(pkg, a, new PublishRequest(title, "", MarketFixture.PRICE,
                    fx.suite.issuer.getAddress()), Progress.NONE);
        }
    }
}
