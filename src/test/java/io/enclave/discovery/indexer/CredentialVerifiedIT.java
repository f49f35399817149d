package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.Actors;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.CredentialAnchors;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * CredentialVerified end to end: a Java proof accepted by the real CredentialRegistry.markVerified (suite deployed by
 * the Java deployer, a registered EdDSA-Poseidon issuer) is indexed into credential_verifications beside the anchored
 * credential, survives a second pass of the indexer unchanged, and leaves with a reindex from before it and comes back.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class CredentialVerifiedIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();

    @Test
    void aMarkVerifiedOnChainIsIndexedWithItsCredential(Anvil anvil, Postgres.Schema schema, @TempDir Path dir)
            throws Exception {
        long start = anvil.blockNumber().longValueExact() + 1;
        byte[] bjj = new byte[32];
        RANDOM.nextBytes(bjj);
        EddsaAttestationSigner signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
        Arrays.fill(bjj, (byte) 0);
        Credentials issuerAccount = Actors.fresh(anvil);
        Credentials holder = Actors.fresh(anvil);
        DeployConfig config = DeployConfig.devnet(anvil.account(1).getAddress()).withIssuers(List.of(
                new DeployConfig.Issuer(issuerAccount.getAddress(), signer.issuer().ax(), signer.issuer().ay(), 500)));
        Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)), DeploymentFile.open(dir.resolve("d.json")),
                m -> { }).deploy(config);
        CredentialRegistry asHolder = CredentialRegistry.load(d.registry(), anvil.web3j(), Actors.manager(anvil, holder),
                new EstimatedGas(anvil.chainId()));
        CredentialAnchors anchors = new CredentialAnchors(asHolder, anvil.chainId());

        CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(),
                new OnChainIssuerRegistry(asHolder), Clock.systemUTC()).check(new AttestationIssuer(signer, RANDOM,
                Clock.systemUTC()).attest(SCHEMAS.latest("employment"), "annualSalary",
                JsonNodeFactory.instance.numberNode(8_250_000), Numeric.toBigInt(holder.getAddress()), Duration.ofDays(30)));
        Predicate atLeast = Predicate.create(SCHEMAS.latest("employment"), "salary-at-least",
                List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
        Instant chainTime = Instant.ofEpochSecond(anvil.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send().getBlock().getTimestamp().longValueExact());
        CredentialPackage proven = new CredentialProver(new ZkProver(CircuitRegistry.classPath()), SCHEMAS).prove(checked,
                atLeast, anchors.verificationContext(holder.getAddress()), chainTime, null);
        byte[] credentialHash = proven.credentialHash();
        asHolder.anchor(credentialHash, issuerAccount.getAddress(), Hash.sha3("employment-1".getBytes()),
                Hash.sha3("ciphertext".getBytes()), new byte[32]).send();
        long beforeVerification = anvil.blockNumber().longValueExact();
        anchors.markVerified(credentialHash, proven);
        BigInteger circuit = asHolder.credential(credentialHash).send().verifiedBy;
        assertThat(circuit).as("the registry recorded the verifying circuit").isPositive();

        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put(EventMappings.MARKETPLACE, d.marketplace());
        contracts.put(EventMappings.REGISTRY, d.registry());
        contracts.put(EventMappings.STAKING, d.staking());
        contracts.put(EventMappings.GOVERNOR, d.governor());
        IndexerConfig cfg = new IndexerConfig(contracts, start, 0, 7, 100_000, 5_000, Duration.ofMillis(10));
        String hash = Numeric.toHexString(credentialHash).toLowerCase(Locale.ROOT);
        String holderAddress = holder.getAddress().toLowerCase(Locale.ROOT);
        String expected = hash + ":" + circuit + ":" + holderAddress;
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), cfg, new SimpleMeterRegistry());
            ix.catchUp();
            String verifications = "SELECT credential_hash || ':' || circuit_id || ':' || prover FROM credential_verifications";
            assertThat(DbFixture.column(db, verifications)).containsExactly(expected);
            assertThat(DbFixture.one(db, "SELECT holder || ':' || issuer || ':' || status FROM credentials"
                    + " WHERE credential_hash = '" + hash + "'")).isEqualTo(holderAddress + ":"
                    + issuerAccount.getAddress().toLowerCase(Locale.ROOT) + ":valid");
            assertThat(DbFixture.column(db, "SELECT event_name FROM chain_events WHERE event_name LIKE"
                    + " 'CredentialRegistry.Credential%' ORDER BY block_number, log_index"))
                    .containsExactly("CredentialRegistry.CredentialAnchored", "CredentialRegistry.CredentialVerified");

            ix.catchUp();
            assertThat(DbFixture.column(db, verifications)).as("indexing again adds nothing").containsExactly(expected);

            // Forget the verification's block and index it again: the row goes with its block and comes back.
            ix.reindexFrom(beforeVerification + 1);
            assertThat(DbFixture.count(db, "SELECT count(*) FROM credential_verifications")).isZero();
            ix.catchUp();
            assertThat(DbFixture.column(db, verifications)).containsExactly(expected);
        }
    }
}
