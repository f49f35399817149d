package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.vault.Vault;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two wallets trade end to end on anvil and js-ipfs: publish, buy, automatic delivery, decrypt, verify. */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class MarketFlowIT {
    private static final AtomicInteger TAGS = new AtomicInteger();
    private MarketFixture fx;
    private MarketFixture.Person seller;
    private MarketFixture.Person buyer;

    @BeforeEach
    void setUp(Anvil anvil, IpfsNode ipfs, @TempDir Path dir) throws Exception {
        fx = new MarketFixture(anvil, ipfs, dir);
        seller = fx.person();
        buyer = fx.person();
    }

    @AfterEach
    void tearDown() {
        seller.close();
        buyer.close();
    }

    private Listing publish() throws Exception {
        CredentialPackage pkg = MarketFixture.credential(TAGS.incrementAndGet());
        return seller.sell().publish(pkg, new PublishRequest("Salary at least 18", "A range proof", PRICE,
                fx.suite.issuer.getAddress()), seller.progress());
    }

    /**
     * A vault holds every account's publications; a runtime acts as one account. A publication another account of the
     * same vault started is refused before anything is sealed, anchored or listed as the wrong seller, and its own
     * account resumes it.
     */
    @Test
    void aPublicationIsNeverResumedAsAnotherAccountOfTheSameVault() throws Exception {
        CredentialPackage pkg = MarketFixture.credential(TAGS.incrementAndGet());
        PublishRequest request = new PublishRequest("Salary at least 18", "A range proof", PRICE,
                fx.suite.issuer.getAddress());
        Progress closedAtAnchor = says -> {
            if (says.startsWith("Anchoring")) {
                throw new IllegalStateException("the studio was closed");
            }
        };
        assertThatThrownBy(() -> seller.sell().publish(pkg, request, closedAtAnchor))
                .isInstanceOf(MarketException.class).hasMessageContaining("Nothing is lost");
        try (MarketFixture.Person other = fx.new Person(io.enclave.chain.Actors.fresh(fx.anvil), seller.vault)) {
            assertThatThrownBy(() -> other.sell().publish(pkg, request, other.progress()))
                    .isInstanceOf(MarketException.class)
                    .hasMessageContaining("was started by account " + seller.chain.account())
                    .hasMessageContaining("not " + other.chain.account());
            assertThat(other.confirmations).isEmpty();
        }
        Listing listing = seller.sell().publish(pkg, request, seller.progress());
        assertThat(listing.seller()).isEqualTo(seller.chain.account());
        assertThat(seller.confirmations).extracting(c -> c.function()).containsExactly("anchor", "createListing");
    }

    @Test
    void sellBuyDeliverDecryptVerify() throws Exception {
        CredentialPackage pkg = MarketFixture.credential(TAGS.incrementAndGet());
        Listing listing = seller.sell().publish(pkg, new PublishRequest("Salary at least 18", "A range proof", PRICE,
                fx.suite.issuer.getAddress()), seller.progress());
        assertThat(listing.active()).isTrue();
        assertThat(listing.seller()).isEqualTo(seller.chain.account());
        assertThat(listing.metadata().title()).isEqualTo("Salary at least 18");
        assertThat(seller.progress).contains("Encrypting the credential package", "Anchoring the credential in the registry",
                "Creating the listing");
        assertThat(seller.confirmations).extracting(c -> c.function()).containsExactly("anchor", "createListing");

        Purchase bought = buyer.buy().buy(listing.id(), buyer.progress());
        assertThat(bought.state()).isEqualTo(PurchaseState.ESCROWED);
        assertThat(buyer.confirmations.get(0).function()).isEqualTo("purchase");
        long nonce = buyer.nonce();
        assertThatThrownBy(() -> buyer.restarted().buy().buy(listing.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("already bought listing " + listing.id()
                        + " as purchase #" + bought.id());
        assertThat(buyer.nonce()).isEqualTo(nonce);

        List<Delivery> deliveries = seller.deliver().scan(seller.progress());
        // with the job's note: a CI run (17:29) saw PENDING here once, and the reason was not in its log
        assertThat(deliveries).as("%s", deliveries).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.DELIVERED);

        Purchase delivered = buyer.buy().awaitKey(bought.id(), Duration.ofSeconds(10), Duration.ofMillis(100),
                buyer.progress());
        assertThat(delivered.state()).isEqualTo(PurchaseState.DELIVERED);
        OpenedCredential opened = buyer.buy().open(bought.id(), buyer.progress());
        assertThat(opened.credential()).isEqualTo(pkg);
        assertThat(opened.proofVerified()).isTrue();
        assertThat(opened.purchase().state()).isEqualTo(PurchaseState.OPENED);
        var stored = buyer.store.purchase(fx.anvil.chainId(), fx.contracts.marketplace(), bought.id()).orElseThrow();
        assertThat(stored.sealedPackage()).isNotEmpty();
        assertThat(new String(stored.sealedPackage(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("publicSignals");
    }

    @Test
    void watcherRestartedDeliversEachPurchaseExactlyOnce() throws Exception {
        Listing listing = publish();
        Purchase first = buyer.buy().buy(listing.id(), buyer.progress());
        assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::outcome)
                .containsExactly(Delivery.Outcome.DELIVERED);
        long nonce = seller.nonce();

        // restart with the same vault: the cursor is past the purchase and its job is done; nothing is sent
        MarketFixture.Person again = seller.restarted();
        assertThat(again.deliver().scan(Progress.NONE)).isEmpty();
        // the cursor lost (vault restored from an old backup): the purchase is seen again, its job exists, nothing sent
        again.store.setCursor("deliver:" + fx.anvil.chainId() + ":" + fx.contracts.marketplace() + ":"
                + seller.chain.account(), -1);
        assertThat(again.deliver().scan(Progress.NONE)).isEmpty();
        // a new purchase while the watcher was down is delivered on the next pass
        MarketFixture.Person other = fx.person();
        Purchase second = other.buy().buy(listing.id(), Progress.NONE);
        assertThat(again.deliver().scan(Progress.NONE)).extracting(Delivery::purchaseId).containsExactly(second.id());
        // an empty vault (another desktop of the same seller): the chain says delivered, nothing is sent
        MarketFixture.Person fresh = fx.new Person(seller.key, Vault.inMemory("fresh-" + UUID.randomUUID()));
        List<Delivery> replay = fresh.deliver().scan(Progress.NONE);
        assertThat(replay).extracting(Delivery::outcome).containsOnly(Delivery.Outcome.ALREADY_DELIVERED);
        assertThat(replay).hasSize(2);
        assertThat(seller.nonce()).isEqualTo(nonce + 1);
        assertThat(keyDeliveredEvents(first.id())).isEqualTo(1);
        assertThat(keyDeliveredEvents(second.id())).isEqualTo(1);
        // by hand, twice: the recorded delivery is returned, no transaction
        assertThat(seller.deliver().deliver(first.id(), Progress.NONE).outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(fresh.deliver().deliver(first.id(), Progress.NONE).outcome())
                .isEqualTo(Delivery.Outcome.ALREADY_DELIVERED);
        assertThat(seller.nonce()).isEqualTo(nonce + 1);
        other.close();
        again.close();
        fresh.close();
    }

    @Test
    void refundAfterTheDeadlineAndNoDeliveryAfterIt() throws Exception {
        Listing listing = publish();
        Purchase p = buyer.buy().buy(listing.id(), Progress.NONE);
        long nonce = buyer.nonce();
        assertThatThrownBy(() -> buyer.buy().refund(p.id(), Progress.NONE))
                .isInstanceOf(MarketException.class)
                .hasMessageContaining("DeliveryWindowOpen").hasMessageContaining("Nothing was sent");
        assertThat(buyer.nonce()).isEqualTo(nonce);
        fx.anvil.increaseTime(fx.suite.config.deliveryWindow() + 1);
        fx.anvil.mine(1);
        assertThat(buyer.buy().purchase(p.id()).refundableAt(buyer.chain.chainTime())).isTrue();
        assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::outcome)
                .containsExactly(Delivery.Outcome.TOO_LATE);
        assertThat(buyer.buy().refund(p.id(), Progress.NONE).state()).isEqualTo(PurchaseState.REFUNDED);
        assertThat(fx.suite.market(buyer.key).owed(buyer.key.getAddress()).send()).isEqualTo(PRICE);
    }

    @Test
    void buyingADelistedListingIsRefusedBeforeAnythingIsSent() throws Exception {
        Listing listing = publish();
        Listing removed = seller.sell().delist(listing.id(), Progress.NONE);
        assertThat(removed.active()).isFalse();
        long nonce = buyer.nonce();
        assertThatThrownBy(() -> buyer.buy().buy(listing.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("removed by its seller");
        assertThat(buyer.nonce()).isEqualTo(nonce);
        assertThatThrownBy(() -> seller.sell().updatePrice(listing.id(), PRICE, Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("ListingInactive");
    }

    @Test
    void priceChangesAndRepublishingResumesInsteadOfListingTwice() throws Exception {
        CredentialPackage pkg = MarketFixture.credential(TAGS.incrementAndGet());
        PublishRequest req = new PublishRequest("Salary", "", PRICE, fx.suite.issuer.getAddress());
        Listing first = seller.sell().publish(pkg, req, Progress.NONE);
        long nonce = seller.nonce();
        Listing again = seller.restarted().sell().publish(pkg, req, Progress.NONE);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(seller.nonce()).isEqualTo(nonce);
        BigInteger newPrice = PRICE.multiply(BigInteger.TWO);
        assertThat(seller.sell().updatePrice(first.id(), newPrice, Progress.NONE).price()).isEqualTo(newPrice);
        assertThatThrownBy(() -> seller.sell().updatePrice(first.id(), BigInteger.ZERO, Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("more than zero");
    }

    @Test
    void aBuyerWithoutEnoughFundsGetsAReadableErrorAndNothingIsSent() throws Exception {
        Listing listing = publish();
        fx.anvil.rpc("anvil_setBalance", buyer.key.getAddress(), "0x2386f26fc10000"); // 0.01
        assertThatThrownBy(() -> buyer.buy().buy(listing.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("Nothing was sent")
                .hasMessageContaining("funds");
        assertThat(buyer.nonce()).isZero();
    }

    private int keyDeliveredEvents(BigInteger purchaseId) {
        return seller.chain.logs(fx.contracts.marketplace(), 0, seller.chain.head(), Listings.KEY_DELIVERED,
                org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(purchaseId, 64)).size();
    }
}
