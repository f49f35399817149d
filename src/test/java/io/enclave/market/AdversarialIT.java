package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.sell.PublishRequest;
import io.enclave.storage.ipfs.Cid;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.zk.CircuitRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/** A dishonest counterpart or a broken setup: every case is a readable error, and nothing is paid for nothing. */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class AdversarialIT {
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

    private Listing publish(int tag) throws Exception {
        return seller.sell().publish(MarketFixture.credential(tag), new PublishRequest("Salary", "", PRICE,
                fx.suite.issuer.getAddress()), Progress.NONE);
    }

    @Test
    void aBuyerKeyThatIsNotTheSendersIsRefusedAndNothingIsSent() throws Exception {
        Listing listing = publish(5001);
        MarketFixture.Person other = fx.person();
        BuyService wrongKey = new BuyService(buyer.chain, buyer.store, buyer.listings, fx.reader, fx.kubo, other.ecies,
                new ProofCheck(CircuitRegistry.classPath()));
        assertThatThrownBy(() -> wrongKey.buy(listing.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("PublicKeyNotSender")
                .hasMessageContaining("Nothing was sent");
        assertThat(buyer.nonce()).isZero();
        other.close();
    }

    @Test
    void aListingWhosePackageIsNotTheAnchoredOneIsRejectedAndCanBeDisputed() throws Exception {
        Listing honest = publish(5002);
        byte[] sealed = fx.reader.read(Cid.parse(honest.metadata().packageCid()));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        Cid tamperedCid = fx.kubo.put(tampered);
        ListingMetadata m = honest.metadata();
        ListingMetadata lying = new ListingMetadata(m.title(), m.description(), m.schemaId(), m.predicate(), m.circuitId(),
                m.issuer(), m.credentialHash(), tamperedCid.toString(), m.seller());
        Cid metaCid = fx.kubo.put(lying.canonicalBytes());
        var r = seller.chain.send("List with a swapped package", fx.contracts.marketplace(), BigInteger.ZERO,
                seller.chain.market().createListing(Numeric.hexStringToByteArray(honest.credentialHash()), PRICE,
                        metaCid.multihash().digest(), Numeric.hexStringToByteArray(honest.keyCommitment()))
                        .encodeFunctionCall(), Progress.NONE);
        BigInteger dishonest = io.enclave.chain.contracts.Marketplace.getListingCreatedEvents(r).get(0).listingId;

        Purchase p = buyer.buy().buy(dishonest, Progress.NONE);
        assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::outcome)
                .containsExactly(Delivery.Outcome.DELIVERED);
        assertThatThrownBy(() -> buyer.buy().open(p.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("not the package the registry anchored");
        Purchase rejected = buyer.buy().purchase(p.id());
        assertThat(rejected.state()).isEqualTo(PurchaseState.REJECTED);
        assertThat(rejected.note()).contains("swapped");
        assertThat(buyer.buy().dispute(p.id(), "The package is not the anchored one.", Progress.NONE).state())
                .isEqualTo(PurchaseState.DISPUTED);
    }

    @Test
    void openingBeforeDeliveryOrSomeoneElsesPurchaseIsRefused() throws Exception {
        Listing listing = publish(5003);
        Purchase p = buyer.buy().buy(listing.id(), Progress.NONE);
        assertThatThrownBy(() -> buyer.buy().open(p.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("no key was delivered");
        assertThatThrownBy(() -> buyer.buy().dispute(p.id(), "nothing arrived", Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("take a refund after");
        MarketFixture.Person other = fx.person();
        assertThatThrownBy(() -> other.buy().open(p.id(), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("not by this account");
        Delivery notTheSeller = other.deliver().deliver(p.id(), Progress.NONE);
        assertThat(notTheSeller.outcome()).isEqualTo(Delivery.Outcome.PENDING);
        assertThat(notTheSeller.note()).contains("only its seller can deliver it");
        assertThat(other.nonce()).isZero();
        assertThatThrownBy(() -> buyer.buy().open(BigInteger.valueOf(999), Progress.NONE))
                .isInstanceOf(MarketException.class).hasMessageContaining("There is no purchase 999");
        other.close();
    }
}
