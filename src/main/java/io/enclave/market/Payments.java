package io.enclave.market;

import java.math.BigInteger;

/**
 * Pull payments: what the marketplace (seller proceeds, royalties, fees, refunds, clawbacks) and the staking contract
 * (slash compensation) owe the account, and their withdrawal.
 */
public final class Payments {
    private final MarketChain chain;

    public Payments(MarketChain chain) {
        this.chain = chain;
    }

    /** What each contract owes the account. */
    public record Owed(BigInteger marketplace, BigInteger staking) {
        public BigInteger total() {
            return marketplace.add(staking);
        }
    }

    public Owed owed() {
        return new Owed(chain.read("marketplace payments", chain.market().owed(chain.account())),
                chain.read("staking payments", chain.staking().owed(chain.account())));
    }

    /** Withdraws everything owed, from each contract that owes something; returns what was withdrawn. */
    public Owed withdraw(Progress progress) {
        Owed owed = owed();
        if (owed.total().signum() == 0) {
            throw new MarketException("Nothing is owed to " + chain.account() + ": there is nothing to withdraw.");
        }
        if (owed.marketplace().signum() > 0) {
            chain.send("Withdraw " + chain.amount(owed.marketplace()) + " from the marketplace",
                    chain.contracts().marketplace(), BigInteger.ZERO, chain.market().withdrawPayments().encodeFunctionCall(),
                    progress);
        }
        if (owed.staking().signum() > 0) {
            chain.send("Withdraw " + chain.amount(owed.staking()) + " of compensation from staking",
                    chain.contracts().staking(), BigInteger.ZERO, chain.staking().withdrawPayments().encodeFunctionCall(),
                    progress);
        }
        return owed;
    }
}
