package io.enclave.market.deliver;

import java.math.BigInteger;

/**
 * What became of one purchase of the seller's listings.
 *
 * @param outcome DELIVERED (by this run), ALREADY_DELIVERED (found delivered on chain: nothing sent), TOO_LATE (the
 *                delivery window closed: the buyer gets a refund), PENDING (failed this time; retried with backoff),
 *                FAILED (gave up: the note says why; retry by hand), IN_PROGRESS (not run by this call: the
 *                background runner is delivering it right now)
 */
public record Delivery(BigInteger purchaseId, Outcome outcome, String note) {
    /** The end of one delivery job. */
    public enum Outcome { DELIVERED, ALREADY_DELIVERED, TOO_LATE, PENDING, FAILED, IN_PROGRESS }
}
