package io.enclave.chain;

import static io.enclave.chain.Actors.ETHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The purchase, refund, dispute, slash and governance flows end to end: real anvil, the deployer, the wrappers. */
@ExtendWith(AnvilExtension.class)
class SuiteFlowsIT {
    private static final BigInteger PRICE = ETHER;
    private static final byte[] WRAPPED_KEY = Numeric.hexStringToByteArray("0x04" + "ab".repeat(144));

    private Actors suite;
    private Credentials seller;
    private Credentials buyer;

    @BeforeEach
    void deploy(Anvil anvil, @TempDir Path dir) throws Exception {
        suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
        seller = Actors.fresh(anvil);
        buyer = Actors.fresh(anvil);
    }

    @Test
    void purchaseDeliverAndWithdraw() throws Exception {
        BigInteger listingId = anchorAndList(bytes32("cv-1"));
        BigInteger purchaseId = purchase(listingId);
        Marketplace.Purchase p = suite.market(buyer).purchaseOf(purchaseId).send();
        assertThat(p.buyer).isEqualToIgnoringCase(buyer.getAddress());
        assertThat(p.status).isEqualTo(BigInteger.ONE);

        TransactionReceipt delivered = suite.market(seller).deliverKey(purchaseId, WRAPPED_KEY).send();
        assertThat(suite.market(seller).getKeyDeliveredEvents(delivered).get(0).wrappedKey).isEqualTo(WRAPPED_KEY);
        BigInteger fee = PRICE.multiply(BigInteger.valueOf(250)).divide(BigInteger.valueOf(10_000));
        BigInteger royalty = PRICE.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
        BigInteger sellerShare = PRICE.subtract(fee).subtract(royalty);
        assertThat(suite.market(seller).owed(seller.getAddress()).send()).isEqualTo(sellerShare);
        assertThat(suite.market(seller).owed(suite.issuer.getAddress()).send()).isEqualTo(royalty);
        assertThat(suite.market(seller).owed(suite.deployment.timelock()).send()).isEqualTo(fee);

        BigInteger before = suite.balance(seller.getAddress());
        TransactionReceipt w = suite.market(seller).withdrawPayments().send();
        BigInteger cost = w.getGasUsed().multiply(Numeric.decodeQuantity(w.getEffectiveGasPrice()));
        assertThat(suite.balance(seller.getAddress())).isEqualTo(before.add(sellerShare).subtract(cost));
    }

    @Test
    void revertsAreDecodedAndNothingIsMined() throws Exception {
        BigInteger listingId = anchorAndList(bytes32("cv-2"));
        BigInteger nonce = nonce(buyer);
        assertThatThrownBy(() -> suite.market(buyer).purchase(listingId, Actors.publicKey(buyer), PRICE.subtract(BigInteger.ONE))
                .send())
                .isInstanceOfSatisfying(ChainRevertException.class, e -> {
                    assertThat(e.errorName()).isEqualTo("WrongPayment");
                    assertThat(e.arguments()).containsExactly(PRICE, PRICE.subtract(BigInteger.ONE));
                });
        assertThatThrownBy(() -> suite.market(buyer).purchase(listingId, Actors.publicKey(seller), PRICE).send())
                .isInstanceOfSatisfying(ChainRevertException.class,
                        e -> assertThat(e.errorName()).isEqualTo("PublicKeyNotSender"));
        assertThat(nonce(buyer)).isEqualTo(nonce);

        suite.registry(seller).revoke(bytes32("cv-2")).send();
        assertThatThrownBy(() -> purchase(listingId))
                .isInstanceOfSatisfying(ChainRevertException.class,
                        e -> assertThat(e.errorName()).isEqualTo("CredentialNotValid"));
    }

    @Test
    void refundAfterTheDeliveryWindow() throws Exception {
        BigInteger purchaseId = purchase(anchorAndList(bytes32("cv-3")));
        assertThatThrownBy(() -> suite.market(buyer).refund(purchaseId).send())
                .isInstanceOfSatisfying(ChainRevertException.class,
                        e -> assertThat(e.errorName()).isEqualTo("DeliveryWindowOpen"));
        suite.anvil.increaseTime(suite.config.deliveryWindow() + 1);
        suite.market(buyer).refund(purchaseId).send();
        assertThat(suite.market(buyer).owed(buyer.getAddress()).send()).isEqualTo(PRICE);
        assertThatThrownBy(() -> suite.market(seller).deliverKey(purchaseId, WRAPPED_KEY).send())
                .isInstanceOfSatisfying(ChainRevertException.class, e -> assertThat(e.errorName()).isEqualTo("WrongStatus"));
        suite.market(buyer).withdrawPayments().send();
        assertThat(suite.market(buyer).owed(buyer.getAddress()).send()).isZero();
        assertThat(suite.balance(suite.deployment.marketplace())).isZero();
    }

    @Test
    void disputeResolvedByGovernanceSlashesVouchersAndCompensatesBuyer() throws Exception {
        Credentials voucher = Actors.fresh(suite.anvil);
        suite.staking(voucher).vouch(seller.getAddress(), ETHER.multiply(BigInteger.TEN)).send();
        suite.anvil.mine(1);

        BigInteger purchaseId = purchase(anchorAndList(bytes32("cv-4")));
        suite.market(seller).deliverKey(purchaseId, WRAPPED_KEY).send();
        suite.market(buyer).openDispute(purchaseId, bytes32("evidence")).send();
        BigInteger sellerOwed = suite.market(seller).owed(seller.getAddress()).send();

        Marketplace market = suite.market(voucher);
        TrustStaking staking = suite.staking(voucher);
        List<String> targets = List.of(suite.deployment.marketplace(), suite.deployment.staking(), suite.deployment.staking());
        List<byte[]> calls = List.of(
                encoded(market.resolveDispute(purchaseId, true, PRICE).encodeFunctionCall()),
                encoded(staking.slash(seller.getAddress(), BigInteger.valueOf(2000), buyer.getAddress(), ETHER)
                        .encodeFunctionCall()),
                encoded(staking.sync(voucher.getAddress(), seller.getAddress()).encodeFunctionCall()));
        passProposal(voucher, targets, calls, "Dispute #" + purchaseId + ": seller delivered an undecryptable key");

        assertThat(suite.market(buyer).owed(buyer.getAddress()).send()).isEqualTo(sellerOwed);
        assertThat(suite.market(buyer).owed(seller.getAddress()).send()).isZero();
        assertThat(suite.staking(buyer).owed(buyer.getAddress()).send()).isEqualTo(ETHER);
        assertThat(suite.staking(buyer).owed(suite.deployment.timelock()).send()).isEqualTo(ETHER);
        assertThat(suite.staking(buyer).pool(seller.getAddress()).send().stake).isEqualTo(ETHER.multiply(BigInteger.valueOf(8)));
        assertThat(suite.staking(buyer).getVotes(voucher.getAddress()).send()).isEqualTo(ETHER.multiply(BigInteger.valueOf(8)));
        suite.staking(buyer).withdrawPayments().send();
        suite.market(buyer).withdrawPayments().send();
    }

    @Test
    void guardianPausesOnlyGovernanceUnpausesAndUpgrades() throws Exception {
        Credentials guardian = suite.anvil.account(1);
        Credentials voucher = Actors.fresh(suite.anvil);
        suite.staking(voucher).vouch(seller.getAddress(), ETHER).send();
        suite.anvil.mine(1);
        suite.market(guardian).pause().send();
        assertThatThrownBy(() -> suite.market(guardian).unpause().send())
                .isInstanceOfSatisfying(ChainRevertException.class, e -> assertThat(e.errorName()).isEqualTo("NotGovernance"));
        assertThatThrownBy(() -> anchorAndList(bytes32("cv-5")))
                .isInstanceOfSatisfying(ChainRevertException.class, e -> assertThat(e.errorName()).isEqualTo("EnforcedPause"));

        String newImpl = Marketplace.deploy(suite.anvil.web3j(), Actors.manager(suite.anvil, voucher),
                new EstimatedGas(suite.anvil.chainId()), suite.deployment.registry()).send().getContractAddress();
        assertThatThrownBy(() -> suite.market(voucher).upgradeToAndCall(newImpl, new byte[0], BigInteger.ZERO).send())
                .isInstanceOfSatisfying(ChainRevertException.class, e -> assertThat(e.errorName()).isEqualTo("NotGovernance"));
        Marketplace m = suite.market(voucher);
        passProposal(voucher, List.of(suite.deployment.marketplace(), suite.deployment.marketplace()),
                List.of(encoded(m.unpause().encodeFunctionCall()),
                        encoded(m.upgradeToAndCall(newImpl, new byte[0], BigInteger.ZERO).encodeFunctionCall())),
                "Unpause and upgrade the marketplace");
        String slot = suite.anvil.web3j().ethGetStorageAt(suite.deployment.marketplace(),
                Numeric.toBigInt("0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"),
                DefaultBlockParameterName.LATEST).send().getData();
        assertThat(Numeric.toBigInt(slot)).isEqualTo(Numeric.toBigInt(newImpl));
        assertThat(anchorAndList(bytes32("cv-6"))).isPositive();
    }

    // ------------------------------------------------------------------ helpers

    private void passProposal(Credentials voter, List<String> targets, List<byte[]> calls, String description)
            throws Exception {
        EnclaveGovernor governor = suite.governor(voter);
        List<BigInteger> values = targets.stream().map(t -> BigInteger.ZERO).toList();
        governor.propose(targets, values, calls, description).send();
        byte[] descriptionHash = Hash.sha3(description.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BigInteger id = governor.hashProposal(targets, values, calls, descriptionHash).send();
        suite.anvil.mine((int) suite.config.votingDelayBlocks() + 1);
        governor.castVote(id, BigInteger.ONE).send();
        suite.anvil.mine((int) suite.config.votingPeriodBlocks() + 1);
        assertThat(governor.state(id).send()).isEqualTo(BigInteger.valueOf(4)); // Succeeded
        governor.queue(targets, values, calls, descriptionHash).send();
        suite.anvil.increaseTime(suite.config.timelockDelay() + 1);
        governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send();
        assertThat(governor.state(id).send()).isEqualTo(BigInteger.valueOf(7)); // Executed
    }

    private BigInteger anchorAndList(byte[] credentialHash) throws Exception {
        CredentialRegistry registry = suite.registry(seller);
        registry.anchor(credentialHash, suite.issuer.getAddress(), bytes32("schema"), bytes32("digest"), new byte[32]).send();
        Marketplace market = suite.market(seller);
        TransactionReceipt r = market.createListing(credentialHash, PRICE, bytes32("meta"), bytes32("key")).send();
        return market.getListingCreatedEvents(r).get(0).listingId;
    }

    private BigInteger purchase(BigInteger listingId) throws Exception {
        Marketplace market = suite.market(buyer);
        TransactionReceipt r = market.purchase(listingId, Actors.publicKey(buyer), PRICE).send();
        return market.getCredentialPurchasedEvents(r).get(0).purchaseId;
    }

    private BigInteger nonce(Credentials who) throws Exception {
        return suite.anvil.web3j().ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }

    private static byte[] encoded(String hex) {
        return Numeric.hexStringToByteArray(hex);
    }

    static byte[] bytes32(String label) {
        return Hash.sha3(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
