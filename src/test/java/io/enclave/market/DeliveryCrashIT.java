package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.market.deliver.Delivery;
import io.enclave.market.sell.PublishRequest;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * The watcher stops mid-delivery: its transaction is in the mempool, not mined, and the job's result is not recorded.
 * The restarted watcher must neither send a second delivery nor lose the first: it follows the pending one.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class DeliveryCrashIT {
    private MarketFixture fx;
    private MarketFixture.Person seller;
    private MarketFixture.Person buyer;

    @BeforeEach
    void setUp(Anvil anvil, IpfsNode ipfs, @TempDir Path dir) throws Exception {
        fx = new MarketFixture(anvil, ipfs, dir, AttestedListing.issuer());
        seller = fx.person();
        buyer = fx.person();
    }

    @AfterEach
    void tearDown() {
        fx.anvil.rpc("evm_setIntervalMining", 0);
        fx.anvil.rpc("evm_setAutomine", true);
        seller.close();
        buyer.close();
    }

    @Test
    void aWatcherRestartedMidDeliveryFollowsThePendingDeliveryInsteadOfSendingAnother() throws Exception {
        Listing listing = seller.sell().publish(MarketFixture.credential(7001), new PublishRequest("Salary", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE);
        Purchase p = buyer.buy().buy(listing.id(), Progress.NONE);
        long nonce = seller.nonce();

        fx.anvil.rpc("evm_setAutomine", false);
        MarketFixture.Person impatient = fx.new Person(seller.key, seller.vault, Duration.ofSeconds(2));
        List<Delivery> first = impatient.deliver().scan(Progress.NONE);
        assertThat(first).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.PENDING);
        assertThat(first.get(0).note()).contains("not mined");
        impatient.close();

        // restart; blocks are mined again, once a second, while the new watcher runs
        fx.anvil.rpc("evm_setIntervalMining", 1);
        MarketFixture.Person restarted = seller.restarted();
        List<Delivery> second = restarted.deliver().scan(restarted.progress());
        assertThat(second).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.DELIVERED);
        assertThat(restarted.progress).anyMatch(m -> m.contains("following") && m.contains("sent earlier"));
        assertThat(restarted.confirmations).isEmpty();
        assertThat(seller.nonce()).isEqualTo(nonce + 1);
        assertThat(restarted.chain.logs(fx.contracts.marketplace(), 0, restarted.chain.head(), Listings.KEY_DELIVERED,
                Numeric.toHexStringWithPrefixZeroPadded(p.id(), 64))).hasSize(1);
        fx.anvil.rpc("evm_setIntervalMining", 0);
        fx.anvil.rpc("evm_setAutomine", true);
        assertThat(buyer.buy().open(p.id(), Progress.NONE).proofVerified()).isTrue();
        restarted.close();
    }

    @Test
    void aCrashBetweenProvingAndDeliverKeySendsOneDeliveryWithTheProofMadeBeforeTheCrash() throws Exception {
        Listing listing = AttestedListing.publish(fx, seller, "Salary, proven per buyer");
        Purchase p = buyer.buy().buy(listing.id(), Progress.NONE);
        long nonce = seller.nonce();

        // the process dies after the per-buyer proof is made and checkpointed, before deliverKey is sent
        MarketFixture.Person doomed = fx.new Person(seller.key, seller.vault);
        List<String> seen = new ArrayList<>();
        Progress killed = m -> {
            seen.add(m);
            if (m.startsWith("Delivering the key")) {
                throw new IllegalStateException("killed between proving and deliverKey");
            }
        };
        List<Delivery> first = doomed.deliver().scan(killed);
        assertThat(first).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.PENDING);
        assertThat(seen).filteredOn(m -> m.startsWith("Proving the credential for")).hasSize(1);
        assertThat(seller.nonce()).as("nothing was sent before the crash").isEqualTo(nonce);
        doomed.close();

        MarketFixture.Person restarted = seller.restarted();
        List<Delivery> second = restarted.deliver().scan(restarted.progress());
        assertThat(second).extracting(Delivery::outcome).containsExactly(Delivery.Outcome.DELIVERED);
        assertThat(restarted.progress).as("the checkpointed proof is sent; no second proof is made")
                .noneMatch(m -> m.startsWith("Proving"));
        assertThat(seller.nonce()).isEqualTo(nonce + 1);
        assertThat(restarted.chain.logs(fx.contracts.marketplace(), 0, restarted.chain.head(), Listings.KEY_DELIVERED,
                Numeric.toHexStringWithPrefixZeroPadded(p.id(), 64))).hasSize(1);
        assertThat(restarted.deliver().deliver(p.id(), Progress.NONE).outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(seller.nonce()).as("delivering again by hand sends nothing").isEqualTo(nonce + 1);
        var opened = buyer.buy().open(p.id(), Progress.NONE);
        assertThat(opened.perBuyer()).isTrue();
        assertThat(opened.proofVerified()).isTrue();
        restarted.close();
    }
}
