package io.enclave.credentials.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.Actors;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Holder mode and on-chain verification against a real anvil with the suite deployed by the Java deployer: the real
 * EdDSA-Poseidon verifier, the on-chain issuer registry, issuer revocation of attestations, and a proof from the Java
 * prover accepted by CredentialRegistry.markVerified only for the registry's context.
 */
@ExtendWith(AnvilExtension.class)
class CredentialChainIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();
    private static final CircuitRegistry CIRCUITS = CircuitRegistry.classPath();

    /** A suite with one registered issuer whose BabyJubJub key is {@code signer}'s. */
    private static final class Suite {
        final Anvil anvil;
        final Deployment d;
        final Credentials issuerAccount;
        final Credentials holder;
        final EddsaAttestationSigner signer;

        Suite(Anvil anvil, Path dir) throws Exception {
            this.anvil = anvil;
            byte[] bjj = new byte[32];
            RANDOM.nextBytes(bjj);
            signer = new EddsaAttestationSigner(bjj, Issuer.Provenance.ISSUER);
            Arrays.fill(bjj, (byte) 0);
            issuerAccount = Actors.fresh(anvil);
            holder = Actors.fresh(anvil);
            DeployConfig config = DeployConfig.devnet(anvil.account(1).getAddress()).withIssuers(List.of(
                    new DeployConfig.Issuer(issuerAccount.getAddress(), signer.issuer().ax(), signer.issuer().ay(), 500)));
            d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)), DeploymentFile.open(dir.resolve("d.json")),
                    m -> { }).deploy(config);
        }

        CredentialRegistry registry(Credentials who) throws Exception {
            return CredentialRegistry.load(d.registry(), anvil.web3j(), Actors.manager(anvil, who),
                    new EstimatedGas(anvil.chainId()));
        }

        BigInteger subject() {
            return Numeric.toBigInt(holder.getAddress());
        }

        Attestation attest(String attribute, JsonNode value, Duration validFor) throws Exception {
            return new AttestationIssuer(signer, RANDOM, Clock.systemUTC()).attest(SCHEMAS.latest("employment"), attribute,
                    value, subject(), validFor);
        }

        AttestationChecker checker(Clock clock) throws Exception {
            return new AttestationChecker(new EddsaAttestationVerifier(), new OnChainIssuerRegistry(registry(holder)), clock);
        }

        Instant chainTime() throws Exception {
            return Instant.ofEpochSecond(anvil.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp().longValueExact());
        }
    }

    @Test
    void holderModeChecksSignatureRegistrationExpiryAndRevocation(Anvil anvil, @TempDir Path dir) throws Exception {
        Suite s = new Suite(anvil, dir);
        Attestation a = s.attest("annualSalary", N.numberNode(8_250_000), Duration.ofDays(30));
        AttestationFile files = new AttestationFile(new Secp256k1Ecies(RANDOM), SCHEMAS);
        Attestation opened;
        try (LocalEciesKeyHolder holderKey = new LocalEciesKeyHolder(
                Numeric.toBytesPadded(s.holder.getEcKeyPair().getPrivateKey(), 32))) {
            opened = files.open(holderKey, files.seal(a, holderKey.publicKey()));
        }
        AttestationChecker checker = s.checker(Clock.systemUTC());
        CheckedAttestation checked = checker.check(opened);
        assertThat(checked.issuerVerified()).isTrue();

        // a valid signature by a key nobody registered
        try (EddsaAttestationSigner stranger = new EddsaAttestationSigner(new byte[32], Issuer.Provenance.ISSUER)) {
            Attestation unregistered = new AttestationIssuer(stranger, RANDOM, Clock.systemUTC()).attest(
                    SCHEMAS.latest("employment"), "annualSalary", N.numberNode(8_250_000), s.subject(), Duration.ofDays(1));
            assertThatThrownBy(() -> checker.check(unregistered)).hasMessageContaining("not a registered issuer");
        }
        // the holder's own key: kept, but only as self-attested, even if that key were somebody's issuer key
        try (EddsaAttestationSigner own = new EddsaAttestationSigner(new byte[32], Issuer.Provenance.SELF_ATTESTED)) {
            Attestation self = new AttestationIssuer(own, RANDOM, Clock.systemUTC()).attest(SCHEMAS.latest("employment"),
                    "annualSalary", N.numberNode(99_000_000), s.subject(), Duration.ofDays(1));
            assertThat(checker.check(self).issuerVerified()).isFalse();
            assertThat(new OnChainIssuerRegistry(s.registry(s.holder)).isRegistered(self.issuer())).isFalse();
        }
        // a registered issuer's signature over another value
        Attestation forged = new Attestation(a.schemaId(), a.attribute(), N.numberNode(9_900_000),
                BigInteger.valueOf(9_900_000), a.salt(), a.subject(), a.issuedAt(), a.expiresAt(), a.issuer(), a.signature());
        assertThatThrownBy(() -> checker.check(forged)).hasMessageContaining("signature does not verify");
        assertThatThrownBy(() -> s.checker(Clock.offset(Clock.systemUTC(), Duration.ofDays(31))).check(a))
                .hasMessageContaining("expired");

        // only the issuer's own account may revoke its attestations
        CredentialAnchors asHolder = new CredentialAnchors(s.registry(s.holder), anvil.chainId());
        assertThatThrownBy(() -> asHolder.revokeAttestation(a.hash()))
                .hasMessageContaining("NotActiveIssuer");
        Attestation other = s.attest("title", N.textNode("Engineer"), Duration.ofDays(30));
        new CredentialAnchors(s.registry(s.issuerAccount), anvil.chainId()).revokeAttestation(a.hash());
        assertThatThrownBy(() -> checker.check(opened)).hasMessageContaining("revoked");
        assertThat(checker.check(other).issuerVerified()).as("other attestations stay valid").isTrue();
    }

    @Test
    void aJavaProofMarksTheAnchoredCredentialVerifiedOnlyInTheRegistryContext(Anvil anvil, @TempDir Path dir)
            throws Exception {
        Suite s = new Suite(anvil, dir);
        CredentialRegistry asHolder = s.registry(s.holder);
        CredentialAnchors anchors = new CredentialAnchors(asHolder, anvil.chainId());
        BigInteger context = anchors.verificationContext(s.holder.getAddress());
        assertThat(context).as("Java and Solidity agree on the registry context")
                .isEqualTo(asHolder.verificationContext(s.holder.getAddress()).send())
                .isEqualTo(new RegistryContext(anvil.chainId(), s.d.registry(), s.holder.getAddress()).fieldElement());

        CheckedAttestation checked = s.checker(Clock.systemUTC()).check(
                s.attest("annualSalary", N.numberNode(8_250_000), Duration.ofDays(30)));
        CredentialSchema employment = SCHEMAS.latest("employment");
        Predicate atLeast = Predicate.create(employment, "salary-at-least", List.of(N.numberNode(5_000_000)));
        CredentialProver prover = new CredentialProver(new ZkProver(CIRCUITS), SCHEMAS);
        CredentialPackage forRegistry = prover.prove(checked, atLeast, context, s.chainTime(), null);
        PackageVerifier verifier = new PackageVerifier(CIRCUITS);
        assertThat(verifier.verify(forRegistry, context).subjectAddress()).isEqualToIgnoringCase(s.holder.getAddress());

        byte[] credentialHash = forRegistry.credentialHash();
        asHolder.anchor(credentialHash, s.issuerAccount.getAddress(), Hash.sha3("employment-1".getBytes()),
                Hash.sha3("ciphertext".getBytes()), new byte[32]).send();
        anchors.markVerified(credentialHash, forRegistry);
        assertThat(asHolder.credential(credentialHash).send().verifiedBy).isEqualTo(BigInteger.ONE);
        ByteBuffer packed = ByteBuffer.allocate(32 * (8 + forRegistry.publicSignals().size()));
        OnChainProof.words(forRegistry.proof()).forEach(w -> packed.put(Numeric.toBytesPadded(w, 32)));
        forRegistry.publicSignals().forEach(w -> packed.put(Numeric.toBytesPadded(w, 32)));
        assertThat(asHolder.verifiedProof(credentialHash).send()).isEqualTo(Hash.sha3(packed.array()));

        // the same statement proven for a sale (buyer context) verifies for that buyer, but not on the registry
        ContextBinding sale = new ContextBinding(anvil.chainId(), s.d.marketplace(), BigInteger.ONE,
                anvil.account(2).getAddress());
        CredentialPackage forBuyer = prover.prove(checked, atLeast, sale.fieldElement(), s.chainTime(), null);
        assertThat(verifier.verify(forBuyer, sale.fieldElement()).circuit().registryId()).isEqualTo(1);
        assertThatThrownBy(() -> verifier.verify(forBuyer, context)).isInstanceOf(ProofException.class)
                .hasMessageContaining("not made for you");
        assertThatThrownBy(() -> anchors.markVerified(credentialHash, forBuyer))
                .hasMessageContaining("ProofNotBoundToHolder");

        // a valid proof relabelled: another lower bound in the signals, or another verification-key hash
        java.util.List<BigInteger> relabelled = new java.util.ArrayList<>(forBuyer.publicSignals());
        relabelled.set(7, BigInteger.valueOf(9_000_000));
        CredentialPackage claimsMore = new CredentialPackage(forBuyer.schemaId(), forBuyer.predicate(), forBuyer.circuitId(),
                forBuyer.verificationKeyHash(), forBuyer.proof(), relabelled, forBuyer.issuer(), forBuyer.context(),
                forBuyer.validFrom(), forBuyer.validUntil());
        assertThatThrownBy(() -> verifier.verify(claimsMore, sale.fieldElement())).isInstanceOf(ProofException.class)
                .hasMessageContaining("Public signal 7");
        CredentialPackage otherKey = new CredentialPackage(forBuyer.schemaId(), forBuyer.predicate(), forBuyer.circuitId(),
                "0x" + "ab".repeat(32), forBuyer.proof(), forBuyer.publicSignals(), forBuyer.issuer(), forBuyer.context(),
                forBuyer.validFrom(), forBuyer.validUntil());
        assertThatThrownBy(() -> verifier.verify(otherKey, sale.fieldElement())).hasMessageContaining("verification-key");
        CredentialPackage otherTime = new CredentialPackage(forBuyer.schemaId(), forBuyer.predicate(), forBuyer.circuitId(),
                forBuyer.verificationKeyHash(), forBuyer.proof(), forBuyer.publicSignals(), forBuyer.issuer(),
                forBuyer.context(), forBuyer.validFrom().minusSeconds(86_400), forBuyer.validUntil());
        assertThatThrownBy(() -> verifier.verify(otherTime, sale.fieldElement())).hasMessageContaining("time bound");

        // a false statement cannot be proven at all
        Predicate tooHigh = Predicate.create(employment, "salary-at-least", List.of(N.numberNode(9_000_000)));
        assertThatThrownBy(() -> prover.prove(checked, tooHigh, context, s.chainTime(), null))
                .isInstanceOf(ProofException.class).hasMessageContaining("does not satisfy");

        // membership: employer in a published set, checked in Java (the Merkle root is recomputed from the set)
        CheckedAttestation employer = s.checker(Clock.systemUTC()).check(
                s.attest("employer", N.textNode("Acme GmbH"), Duration.ofDays(30)));
        Predicate in = Predicate.create(employment, "employer-in", List.of(N.textNode("Initech"), N.textNode("Acme GmbH"),
                N.textNode("Globex")));
        CredentialPackage member = prover.prove(employer, in, sale.fieldElement(), s.chainTime(), null);
        assertThat(verifier.verify(member, sale.fieldElement()).circuit().packageId()).isEqualTo("enclave.membership.v1");
    }
}
