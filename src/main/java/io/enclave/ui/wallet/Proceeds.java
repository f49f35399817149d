package io.enclave.ui.wallet;

import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.chain.Signer;
import io.enclave.market.Approver;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketException;
import io.enclave.market.Payments;
import io.enclave.market.Progress;
import io.enclave.vault.ActivityStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * The pull payments one account of the wallet can withdraw on one network: seller proceeds, issuer royalties and
 * refunds held by the marketplace, compensation held by the staking contract ({@link Payments}). Blocking, no JavaFX;
 * every withdrawal is shown to the {@link Approver} before it is signed and recorded in the wallet's activity.
 */
public final class Proceeds implements AutoCloseable {
    private final MarketChain chain;
    private final Payments payments;

    private Proceeds(MarketChain chain) {
        this.chain = chain;
        this.payments = new Payments(chain);
    }

    /**
     * Connects for {@code signer}'s account to the network's Enclave contracts.
     *
     * @throws MarketException when the network has no Enclave contracts or its RPC does not answer
     */
    public static Proceeds open(Network network, ActivityStore activity, Signer signer, Approver approver) {
        Map<String, String> named = network.contracts();
        if (named == null || named.isEmpty()) {
            throw new MarketException("The " + network.name() + " network has no Enclave contracts, so nothing can be owed "
                    + "to you there: start the local devnet, or choose a network with a deployed suite in Settings.");
        }
        MarketContracts contracts;
        try {
            contracts = MarketContracts.of(named);
        } catch (IllegalArgumentException e) {
            throw new MarketException("The contract list of " + network.name() + " is not usable: " + e.getMessage(), e);
        }
        try (RpcClient template = new RpcClient(network)) {
            return new Proceeds(new MarketChain(template, contracts, activity, signer, approver, Duration.ofMinutes(5),
                    Duration.ofMillis(500)));
        } catch (RuntimeException e) {
            throw new MarketException("Cannot reach the " + network.name() + " RPC: " + e.getMessage()
                    + " The RPC URLs are in Settings.", e);
        }
    }

    /** The account, lower-case. */
    public String account() {
        return chain.account();
    }

    /** What the marketplace and the staking contract owe the account now. */
    public Payments.Owed owed() {
        return payments.owed();
    }

    /**
     * Withdraws everything owed (one transaction per contract that owes something, each confirmed first).
     *
     * @throws MarketException when nothing is owed, or a transaction was declined or failed
     */
    public Payments.Owed withdraw(Progress progress) {
        return payments.withdraw(progress);
    }

    /** Wei as "1.5 MOCA". */
    public String amount(BigInteger wei) {
        return chain.amount(wei);
    }

    /** Why nothing is withdrawable, in words (shown instead of the button when the amount is zero). */
    public static String whyNothing() {
        return "Nothing to withdraw. Money reaches you here when a buyer's key is delivered (your sale's price minus the "
                + "platform fee and the issuer's royalty), when you take a refund of an undelivered purchase in My "
                + "purchases, when a dispute is decided for you, or as royalties on attestations you issued.";
    }

    @Override
    public void close() {
        chain.close();
    }
}
