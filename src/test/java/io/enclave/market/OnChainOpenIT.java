package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.RpcProxy;
import io.enclave.vault.Vault;
import io.enclave.zk.CircuitRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buyer's on-chain proof check: the verifier the CredentialRegistry registered for the package's circuit is asked
 * in a view call. A good proof is accepted, a proof with a tampered public signal is refused by the chain's verifier
 * (REJECTED, with the reason recorded), and an RPC that goes away during the check loses nothing.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class OnChainOpenIT {
    private static final int UPPER = 8; // the range circuit's upper bound signal

    @TempDir
    Path dir;
    private MarketFixture fx;
    private MarketFixture.Person seller;
    private MarketFixture.Person buyer;

    @BeforeEach
    void setUp(Anvil anvil, IpfsNode ipfs) throws Exception {
        fx = new MarketFixture(anvil, ipfs, dir);
        seller = fx.person();
        buyer = fx.person();
    }

    @AfterEach
    void tearDown() {
        seller.close();
        buyer.close();
    }

    /** Publishes, buys and delivers; returns the purchase, ready to open. */
    private Purchase delivered(int tag, int tampered, MarketFixture.Person by) throws Exception {
        Listing l = seller.sell().publish(MarketFixture.credential(tag, tampered), new PublishRequest("Salary", "",
                PRICE, fx.suite.issuer.getAddress()), Progress.NONE);
        Purchase p = by.buy().buy(l.id(), Progress.NONE);
        assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::outcome)
                .containsExactly(Delivery.Outcome.DELIVERED);
        return p;
    }

    @Test
    void aGoodProofIsAcceptedByTheChainsVerifierWithoutATransaction() throws Exception {
        Purchase p = delivered(7001, -1, buyer);
        long nonce = buyer.nonce();
        OpenedCredential opened = buyer.buy().open(p.id(), true, buyer.progress());

        assertThat(opened.proofVerified()).isTrue();
        assertThat(opened.onChain().outcome()).isEqualTo(OnChainVerdict.Outcome.ACCEPTED);
        assertThat(opened.onChain().circuitId()).isEqualTo(1);
        assertThat(opened.onChain().verifier()).isEqualTo(fx.suite.deployment.verifiers().get("RangeVerifier")
                .toLowerCase(java.util.Locale.ROOT));
        assertThat(opened.onChain().reason()).contains("accepts the proof");
        assertThat(opened.onChain().registryRecord()).contains("not verified on chain");
        assertThat(opened.purchase().state()).isEqualTo(PurchaseState.OPENED);
        assertThat(buyer.nonce()).as("a view call, no transaction").isEqualTo(nonce);
        // recorded with the purchase in the vault, read back by a restarted app
        assertThat(buyer.restarted().buy().onChainVerdict(p.id())).contains(opened.onChain());
        // without --on-chain nothing is asked, and an earlier verdict stays recorded
        assertThat(buyer.buy().open(p.id(), Progress.NONE).onChain()).isNull();
        assertThat(buyer.buy().onChainVerdict(p.id())).isPresent();
    }

    @Test
    void aTamperedSignalIsRefusedByTheChainsVerifierAndThePurchaseRejected(@TempDir Path noKeys) throws Exception {
        Purchase p = delivered(7002, UPPER, buyer);
        // an app without the circuit's verifying key: the chain alone decides
        BuyService chainOnly = new BuyService(buyer.chain, buyer.store, buyer.listings, fx.reader, fx.kubo, buyer.ecies,
                new ProofCheck(CircuitRegistry.directory(noKeys)));
        assertThatThrownBy(() -> chainOnly.open(p.id(), true, Progress.NONE))
                .isInstanceOf(MarketException.class)
                .hasMessageContaining("refused on chain")
                .hasMessageContaining("verifier for circuit 1")
                .hasMessageContaining("refuses the proof")
                .hasMessageContaining("open a dispute");
        Purchase rejected = buyer.buy().purchase(p.id());
        assertThat(rejected.state()).isEqualTo(PurchaseState.REJECTED);
        assertThat(rejected.note()).contains("refuses the proof");
        assertThat(buyer.buy().onChainVerdict(p.id())).hasValueSatisfying(v ->
                assertThat(v.outcome()).isEqualTo(OnChainVerdict.Outcome.REJECTED));

        // with the verifying key too: both refuse, and the reason says so
        assertThatThrownBy(() -> buyer.buy().open(p.id(), true, Progress.NONE))
                .isInstanceOf(MarketException.class)
                .hasMessageContaining("does not verify in Java, and the chain's verifier");
        // the rejection is the evidence of a dispute
        assertThat(buyer.buy().dispute(p.id(), "The proof does not verify.", Progress.NONE).state())
                .isEqualTo(PurchaseState.DISPUTED);
    }

    @Test
    void anRpcThatGoesAwayDuringTheCheckLosesNothing() throws Exception {
        try (RpcProxy proxy = new RpcProxy(fx.anvil.rpcUrl())) {
            MarketFixture.Person viaProxy = fx.new Person(buyer.key, Vault.inMemory("proxied-" + UUID.randomUUID()),
                    Duration.ofSeconds(30), proxy.url());
            Purchase p = delivered(7003, -1, viaProxy);
            String registry = fx.contracts.registry();
            proxy.goDownAt(r -> "eth_call".equals(r.path("method").asText())
                    && registry.equalsIgnoreCase(r.path("params").path(0).path("to").asText()));

            assertThatThrownBy(() -> viaProxy.buy().open(p.id(), true, Progress.NONE))
                    .isInstanceOf(MarketException.class)
                    .hasMessageContaining("was not opened: the on-chain check could not be made")
                    .hasMessageContaining("Nothing was recorded");
            assertThat(viaProxy.store.purchase(fx.anvil.chainId(), fx.contracts.marketplace(), p.id()).orElseThrow()
                    .state()).isEqualTo(PurchaseState.ESCROWED); // as bought: not opened, not rejected
            assertThat(viaProxy.buy().onChainVerdict(p.id())).isEmpty();

            proxy.up();
            OpenedCredential opened = viaProxy.buy().open(p.id(), true, Progress.NONE);
            assertThat(opened.onChain().accepted()).isTrue();
            assertThat(opened.purchase().state()).isEqualTo(PurchaseState.OPENED);
            viaProxy.close();
        }
    }
}
