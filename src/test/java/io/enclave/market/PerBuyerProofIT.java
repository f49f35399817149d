package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.ContentKey;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.KeyDelivery;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.pkg.VerifiableCredentialExport;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.credentials.zk.ProofException;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The per-buyer proof against a real chain and IPFS: the seller proves the listed statement again for each buyer at
 * delivery, and a buyer's open accepts only a proof bound to its own address, this listing, marketplace and chain, dated
 * between its purchase and the delivery. The adversarial cases are a dishonest seller sending deliverKey by hand.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class PerBuyerProofIT {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialSchema employment;
    private EddsaAttestationSigner issuerKey;
    private MarketFixture fx;
    private MarketFixture.Person seller;
    private MarketFixture.Person alice;
    private MarketFixture.Person bob;
    private CheckedAttestation attestation;
    private Predicate atLeast;
    private Listing listing;

    @BeforeEach
    void setUp(Anvil anvil, IpfsNode ipfs, @TempDir Path dir) throws Exception {
        employment = SCHEMAS.latest("employment");
        issuerKey = new EddsaAttestationSigner(Hash.sha3("per-buyer IT issuer".getBytes(StandardCharsets.UTF_8)),
                Issuer.Provenance.ISSUER);
        fx = new MarketFixture(anvil, ipfs, dir, issuerKey.issuer());
        seller = fx.person();
        alice = fx.person();
        bob = fx.person();
        Attestation a = new AttestationIssuer(issuerKey, RANDOM, Clock.systemUTC()).attest(employment, "annualSalary",
                JsonNodeFactory.instance.numberNode(8_250_000), Numeric.toBigInt(seller.chain.account()),
                Duration.ofDays(365));
        attestation = new AttestationChecker(new EddsaAttestationVerifier(),
                new OnChainIssuerRegistry(seller.chain.registry()), Clock.systemUTC()).check(a);
        atLeast = Predicate.create(employment, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
        // the sealed package's own proof is bound to the registry's context, as the studio makes it
        CredentialPackage pkg = prove(new RegistryContext(anvil.chainId(), fx.contracts.registry(),
                seller.chain.account()).fieldElement(), Instant.ofEpochSecond(seller.chain.chainTime()));
        listing = seller.sell().publish(pkg, a, new PublishRequest("Salary at least 50,000 EUR", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE);
    }

    @AfterEach
    void tearDown() {
        issuerKey.close();
        seller.close();
        alice.close();
        bob.close();
    }

    @Test
    void eachBuyerReceivesAProofBoundToItselfThatAnotherBuyerCannotShow() throws Exception {
        Purchase pa = alice.buy().buy(listing.id(), Progress.NONE);
        Purchase pb = bob.buy().buy(listing.id(), Progress.NONE);
        List<Delivery> done = seller.deliver().scan(seller.progress());
        assertThat(done).extracting(Delivery::outcome).containsOnly(Delivery.Outcome.DELIVERED).hasSize(2);
        assertThat(seller.progress).filteredOn(m -> m.startsWith("Proving the credential for")).hasSize(2);

        OpenedCredential a = alice.buy().open(pa.id(), true, Progress.NONE);
        OpenedCredential b = bob.buy().open(pb.id(), Progress.NONE);
        assertThat(a.perBuyer()).isTrue();
        assertThat(a.proofVerified()).isTrue();
        assertThat(a.purchase().state()).isEqualTo(PurchaseState.OPENED);
        assertThat(a.purchase().note()).contains("proof made for you verified");
        BigInteger aliceContext = context(pa.listingId(), alice);
        BigInteger bobContext = context(pb.listingId(), bob);
        assertThat(a.credential().context()).isEqualTo(aliceContext);
        assertThat(a.credential().publicSignals().get(CredentialCircuit.CONTEXT)).isEqualTo(aliceContext);
        assertThat(b.credential().context()).isEqualTo(bobContext);
        assertThat(a.credential().proof()).isNotEqualTo(b.credential().proof());
        // the chain's verifier accepts the per-buyer proof too
        assertThat(a.onChain().outcome()).isEqualTo(OnChainVerdict.Outcome.ACCEPTED);

        // what Alice holds verifies for Alice and for nobody else
        PackageVerifier verifier = new PackageVerifier(MarketFixture.CIRCUITS);
        assertThat(verifier.verify(a.credential(), aliceContext).subjectAddress()).isEqualToIgnoringCase(
                seller.chain.account());
        assertThatThrownBy(() -> verifier.verify(a.credential(), bobContext)).isInstanceOf(ProofException.class)
                .hasMessageContaining("not made for you");
        // relabelled as Bob's, the proof fails the pairing
        List<BigInteger> relabelled = new java.util.ArrayList<>(a.credential().publicSignals());
        relabelled.set(CredentialCircuit.CONTEXT, bobContext);
        CredentialPackage forged = withSignals(a.credential(), relabelled, bobContext);
        assertThatThrownBy(() -> verifier.verify(forged, bobContext)).isInstanceOf(ProofException.class)
                .hasMessageContaining("does not verify");

        // the export carries the per-buyer proof
        ObjectNode vc = VerifiableCredentialExport.toVerifiableCredential(a.credential());
        assertThat(vc.path("proof").path("publicSignals").get(CredentialCircuit.CONTEXT).asText())
                .isEqualTo(aliceContext.toString());
        assertThat(vc.path("proof").path("groth16")).isEqualTo(a.credential().proof().toJson());
    }

    @Test
    void aProofMadeForAliceAndDeliveredToBobIsRejectedByBobsOpen() throws Exception {
        Purchase pa = alice.buy().buy(listing.id(), Progress.NONE);
        Purchase pb = bob.buy().buy(listing.id(), Progress.NONE);
        assertThat(seller.deliver().deliver(pa.id(), Progress.NONE).outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        OpenedCredential a = alice.buy().open(pa.id(), Progress.NONE);
        PerBuyerProof alices = new PerBuyerProof(a.credential().context(), a.credential().validFrom(),
                a.credential().proof());

        deliverByHand(pb, alices, bob);
        assertThatThrownBy(() -> bob.buy().open(pb.id(), Progress.NONE)).isInstanceOf(MarketException.class)
                .hasMessageContaining("made for another purchase").hasMessageContaining("open a dispute");
        Purchase rejected = bob.buy().purchase(pb.id());
        assertThat(rejected.state()).isEqualTo(PurchaseState.REJECTED);
        assertThat(rejected.note()).contains("not bound to you");
    }

    @Test
    void proofsForAnotherListingChainOrMarketplaceOrWithAnAlteredContextAreRejected() throws Exception {
        Purchase pa = alice.buy().buy(listing.id(), Progress.NONE);
        Purchase pb = bob.buy().buy(listing.id(), Progress.NONE);
        MarketFixture.Person carol = fx.person();
        Purchase pc = carol.buy().buy(listing.id(), Progress.NONE);
        Instant now = Instant.ofEpochSecond(seller.chain.chainTime());
        long chain = fx.anvil.chainId();

        // another listing, the claim honest: refused before any pairing
        ContextBinding otherListing = new ContextBinding(chain, fx.contracts.marketplace(), listing.id().add(BigInteger.ONE),
                alice.chain.account());
        deliverByHand(pa, new PerBuyerProof(otherListing.fieldElement(), now, prove(otherListing.fieldElement(), now)
                .proof()), alice);
        assertThatThrownBy(() -> alice.buy().open(pa.id(), Progress.NONE)).hasMessageContaining("made for another purchase");

        // another chain, the context claimed as Bob's own: the pairing refuses it
        BigInteger otherChain = new ContextBinding(chain + 1, fx.contracts.marketplace(), listing.id(),
                bob.chain.account()).fieldElement();
        deliverByHand(pb, new PerBuyerProof(context(listing.id(), bob), now, prove(otherChain, now).proof()), bob);
        assertThatThrownBy(() -> bob.buy().open(pb.id(), Progress.NONE)).hasMessageContaining("does not verify");

        // another marketplace deployment
        BigInteger otherMarket = new ContextBinding(chain, "0x" + "42".repeat(20), listing.id(), carol.chain.account())
                .fieldElement();
        deliverByHand(pc, new PerBuyerProof(otherMarket, now, prove(otherMarket, now).proof()), carol);
        assertThatThrownBy(() -> carol.buy().open(pc.id(), Progress.NONE)).hasMessageContaining("made for another purchase");
        for (var p : List.of(alice.buy().purchase(pa.id()), bob.buy().purchase(pb.id()), carol.buy().purchase(pc.id()))) {
            assertThat(p.state()).isEqualTo(PurchaseState.REJECTED);
        }
        carol.close();
    }

    @Test
    void aProofMadeBeforeThePurchaseOrDatedAfterTheDeliveryIsRejected() throws Exception {
        // made in advance for Alice (or kept from an earlier sale to her), then replayed for her new purchase
        Instant early = Instant.ofEpochSecond(seller.chain.chainTime());
        BigInteger aliceContext = context(listing.id(), alice);
        PerBuyerProof old = new PerBuyerProof(aliceContext, early, prove(aliceContext, early).proof());
        fx.anvil.rpc("evm_increaseTime", 3600);
        Purchase pa = alice.buy().buy(listing.id(), Progress.NONE);
        deliverByHand(pa, old, alice);
        assertThatThrownBy(() -> alice.buy().open(pa.id(), Progress.NONE)).isInstanceOf(MarketException.class)
                .hasMessageContaining("before your purchase").hasMessageContaining("replayed");

        // dated a day ahead: a time bound that is not when the proof was made
        Purchase pb = bob.buy().buy(listing.id(), Progress.NONE);
        Instant ahead = Instant.ofEpochSecond(seller.chain.chainTime() + 86_400);
        BigInteger bobContext = context(listing.id(), bob);
        deliverByHand(pb, new PerBuyerProof(bobContext, ahead, prove(bobContext, ahead).proof()), bob);
        assertThatThrownBy(() -> bob.buy().open(pb.id(), Progress.NONE)).hasMessageContaining("after it was delivered");
    }

    @Test
    void aWholeDeliveryReplayedForALaterPurchaseIsRejected() throws Exception {
        Purchase first = alice.buy().buy(listing.id(), Progress.NONE);
        seller.deliver().deliver(first.id(), Progress.NONE);
        assertThat(alice.buy().open(first.id(), Progress.NONE).perBuyer()).isTrue();
        byte[] firstDelivery = deliveredBytes(first.id());

        // Alice buys the listing again (straight on the contract: the app itself refuses a second purchase)
        fx.anvil.rpc("evm_increaseTime", 600);
        TransactionReceipt r = alice.chain.send("Buy again", fx.contracts.marketplace(), PRICE, alice.chain.market()
                .purchase(listing.id(), io.enclave.chain.Actors.publicKey(alice.key), PRICE).encodeFunctionCall(),
                Progress.NONE);
        BigInteger second = io.enclave.chain.contracts.Marketplace.getCredentialPurchasedEvents(r).get(0).purchaseId;
        seller.chain.send("Replay the first delivery", fx.contracts.marketplace(), BigInteger.ZERO,
                seller.chain.market().deliverKey(second, firstDelivery).encodeFunctionCall(), Progress.NONE);
        assertThatThrownBy(() -> alice.buy().open(second, Progress.NONE)).hasMessageContaining("old proof replayed");
    }

    @Test
    void aKeyOnlyDeliveryStillOpensAndSaysItHasNoPerBuyerProof() throws Exception {
        Listing legacy = seller.sell().publish(MarketFixture.credential(9101), new PublishRequest("Legacy", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE);
        Purchase p = alice.buy().buy(legacy.id(), Progress.NONE);
        seller.deliver().deliver(p.id(), seller.progress());
        assertThat(seller.progress).noneMatch(m -> m.startsWith("Proving"));
        assertThat(deliveredBytes(p.id())).hasSize(32 + 97);
        OpenedCredential o = alice.buy().open(p.id(), Progress.NONE);
        assertThat(o.perBuyer()).isFalse();
        assertThat(o.proofVerified()).isTrue();
        assertThat(o.purchase().state()).isEqualTo(PurchaseState.OPENED);
        assertThat(o.purchase().note()).contains("this delivery has no per-buyer proof");
    }

    @Test
    void publishingWithAnAttestationThatCannotProveThePackageIsRefusedBeforeAnythingIsSent() throws Exception {
        // issued to Alice, not to the seller: the seller's key cannot even open it
        Attestation hers = new AttestationIssuer(issuerKey, RANDOM, Clock.systemUTC()).attest(employment, "annualSalary",
                JsonNodeFactory.instance.numberNode(9_000_000), Numeric.toBigInt(alice.chain.account()), Duration.ofDays(30));
        CredentialPackage pkg = prove(BigInteger.TEN, Instant.ofEpochSecond(seller.chain.chainTime()));
        long nonce = seller.nonce();
        assertThatThrownBy(() -> seller.sell().publish(pkg, hers, new PublishRequest("x", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE)).isInstanceOf(MarketException.class)
                .hasMessageContaining("issued to").hasMessageContaining("Nothing was published");
        assertThat(seller.nonce()).isEqualTo(nonce);
    }

    /** Measures what the per-buyer proof adds to deliverKey, for docs/BENCHMARKS.md. */
    @Test
    void deliveryGasWithAndWithoutThePerBuyerProof() throws Exception {
        Listing legacy = seller.sell().publish(MarketFixture.credential(9102), new PublishRequest("Legacy", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE);
        // a first delivery pays for the seller's, issuer's and platform's balances going from zero: not compared
        Purchase first = bob.buy().buy(legacy.id(), Progress.NONE);
        seller.deliver().deliver(first.id(), Progress.NONE);
        Purchase keyOnly = alice.buy().buy(legacy.id(), Progress.NONE);
        Purchase withProof = alice.buy().buy(listing.id(), Progress.NONE);
        long gasKeyOnly = gas(seller.deliver().deliver(keyOnly.id(), Progress.NONE).note());
        long gasProof = gas(seller.deliver().deliver(withProof.id(), Progress.NONE).note());
        System.out.printf("[bench] deliverKey gas: key only %d (%d bytes), with per-buyer proof %d (%d bytes)%n",
                gasKeyOnly, deliveredBytes(keyOnly.id()).length, gasProof, deliveredBytes(withProof.id()).length);
        assertThat(deliveredBytes(withProof.id())).hasSize(KeyDelivery.V1_WIRE_BYTES);
        assertThat(gasProof).isGreaterThan(gasKeyOnly).isLessThan(gasKeyOnly + 20_000);
    }

    private long gas(String txHash) throws Exception {
        return fx.anvil.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt().orElseThrow()
                .getGasUsed().longValueExact();
    }

    private CredentialPackage prove(BigInteger context, Instant timeBound) throws Exception {
        return new CredentialProver(new ZkProver(MarketFixture.CIRCUITS), SCHEMAS).prove(attestation, atLeast, context,
                timeBound, null);
    }

    private BigInteger context(BigInteger listingId, MarketFixture.Person buyer) {
        return new ContextBinding(fx.anvil.chainId(), fx.contracts.marketplace(), listingId, buyer.chain.account())
                .fieldElement();
    }

    /** What a dishonest seller can do: wrap the real content key with any proof to the buyer and send it. */
    private void deliverByHand(Purchase p, PerBuyerProof proof, MarketFixture.Person buyer) throws Exception {
        MarketStore.OwnListing own = seller.store.listingByCredential(fx.anvil.chainId(), listing.credentialHash())
                .orElseThrow();
        byte[] bytes;
        try (ContentKey key = ContentKey.unwrap(seller.ecies, own.sellerWrappedKey(),
                Numeric.hexStringToByteArray(own.keyCommitment()))) {
            bytes = KeyDelivery.wrap(key, proof, io.enclave.chain.Actors.publicKey(buyer.key));
        }
        seller.chain.send("Deliver by hand", fx.contracts.marketplace(), BigInteger.ZERO,
                seller.chain.market().deliverKey(p.id(), bytes).encodeFunctionCall(), Progress.NONE);
    }

    private byte[] deliveredBytes(BigInteger purchaseId) {
        var log = seller.chain.newestLog(fx.contracts.marketplace(), Listings.KEY_DELIVERED,
                Numeric.toHexStringWithPrefixZeroPadded(purchaseId, 64)).orElseThrow();
        return io.enclave.chain.contracts.Marketplace.getKeyDeliveredEventFromLog(log).wrappedKey;
    }

    private static CredentialPackage withSignals(CredentialPackage p, List<BigInteger> signals, BigInteger context) {
        return new CredentialPackage(p.schemaId(), p.predicate(), p.circuitId(), p.verificationKeyHash(), p.proof(),
                signals, p.issuer(), context, p.validFrom(), p.validUntil());
    }
}
