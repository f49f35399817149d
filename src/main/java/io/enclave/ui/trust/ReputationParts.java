package io.enclave.ui.trust;

import io.enclave.discovery.api.SellerProfile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * The discovery API's reputation score (0..1000) taken apart into the terms of its formula, so a person sees why a
 * seller scores what it scores (docs/DISCOVERY.md "Reputation"):
 * <pre>
 *   stake    min(300, round(60 * log2(1 + net stake in MOCA)))   net stake = vouched - slashed
 *   vouchers min(250, 25 * distinct vouchers)
 *   sales    min(450, 15 * completed sales)
 *   refunds  -40 * refunds
 *   slashes  -200 * slashes
 *   score    clamp(sum, 0, 1000)
 * </pre>
 */
public final class ReputationParts {
    private static final BigDecimal WEI_PER_MOCA = BigDecimal.TEN.pow(18);

    /** One term: what it counts, how it is computed, the points it gives. */
    public record Part(String name, String formula, long points) {
    }

    private ReputationParts() {
    }

    public static List<Part> of(SellerProfile p) {
        BigInteger staked = new BigInteger(p.stakeReceivedWei());
        BigInteger slashed = new BigInteger(p.slashedWei());
        BigInteger net = staked.subtract(slashed).max(BigInteger.ZERO);
        BigDecimal moca = new BigDecimal(net).divide(WEI_PER_MOCA);
        long stake = Math.min(300, Math.round(60 * Math.log1p(moca.doubleValue()) / Math.log(2)));
        long vouchers = Math.min(250, 25L * p.distinctVouchers());
        long sales = Math.min(450, 15L * p.completedSales());
        String netText = moca.setScale(4, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
        return List.of(
                new Part("Stake", "min(300, 60 × log2(1 + " + netText + " MOCA net stake))", stake),
                new Part("Vouchers", "min(250, 25 × " + p.distinctVouchers() + " distinct)", vouchers),
                new Part("Sales", "min(450, 15 × " + p.completedSales() + " keys delivered)", sales),
                new Part("Refunds", "−40 × " + p.refunds(), -40L * p.refunds()),
                new Part("Slashes", "−200 × " + p.slashes(), -200L * p.slashes()));
    }

    /** The score the parts add up to, clamped to 0..1000 as the server does. */
    public static int total(List<Part> parts) {
        long sum = parts.stream().mapToLong(Part::points).sum();
        return (int) Math.max(0, Math.min(1000, sum));
    }
}
