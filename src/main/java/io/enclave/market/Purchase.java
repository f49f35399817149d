package io.enclave.market;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A purchase: the chain's record joined with what the buyer's app learned opening it.
 *
 * @param deliverBy the seller must deliver by then, or the buyer may take a refund
 * @param disputeBy the buyer may dispute until then (null before delivery)
 * @param note why the package was rejected, or what happened last, in words (may be null)
 */
public record Purchase(BigInteger id, BigInteger listingId, String buyer, BigInteger amount, PurchaseState state,
                       Instant deliverBy, Instant disputeBy, String note) {
    /** Whether a refund can be claimed now ({@code chainTime} is the latest block's time). */
    public boolean refundableAt(long chainTime) {
        return state == PurchaseState.ESCROWED && chainTime > deliverBy.getEpochSecond();
    }
}
