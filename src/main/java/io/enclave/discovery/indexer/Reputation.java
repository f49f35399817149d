package io.enclave.discovery.indexer;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reputation, 0..1000, derived only from chain data:
 * <pre>
 *   net stake  = max(0, stake vouched for the wallet - amount slashed from it), in MOCA (wei / 1e18)
 *   score      = min(300, round(60 * log2(1 + net stake)))        stake, with diminishing returns
 *              + min(250, 25 * distinct vouchers)                  breadth of trust
 *              + min(450, 15 * completed sales)                    keys delivered to buyers
 *              - 40 * refunds                                      purchases refunded (non-delivery)
 *              - 200 * slashes                                     governance found the wallet guilty
 *   reputation = clamp(score, 0, 1000)
 * </pre>
 * Stake can be bought, so it is capped and sub-linear; selling honestly and being vouched for by many distinct
 * wallets count for more; a slash outweighs most of what a seller can earn.
 */
public final class Reputation {
    private static final BigDecimal WEI_PER_MOCA = BigDecimal.TEN.pow(18);

    private Reputation() {
    }

    /** The inputs of the formula for one wallet. */
    public record Inputs(BigInteger stakeReceivedWei, int distinctVouchers, int completedSales, int refunds, int slashes,
            BigInteger slashedWei) {
    }

    public static int score(Inputs in) {
        BigInteger net = in.stakeReceivedWei().subtract(in.slashedWei()).max(BigInteger.ZERO);
        double moca = new BigDecimal(net).divide(WEI_PER_MOCA).doubleValue();
        long stake = Math.min(300, Math.round(60 * Math.log1p(moca) / Math.log(2)));
        long vouchers = Math.min(250, 25L * in.distinctVouchers());
        long sales = Math.min(450, 15L * in.completedSales());
        long score = stake + vouchers + sales - 40L * in.refunds() - 200L * in.slashes();
        return (int) Math.max(0, Math.min(1000, score));
    }
}
