package io.enclave.market.deliver;

import java.math.BigInteger;

/**
 * What became of one purchase of the seller's listings.
 *
 * @param outcome DELIVERED (by this run), ALREADY_DELIVERED (found delivered on chain: nothing sent), TOO_LATE (the
 *                delivery window closed: the buyer gets a refund), PENDING (failed this time; retried with backoff),
 *                FAILED (gave up: the note says why; retry by hand)
 */
public record Delivery(BigInteger purchaseId, Outcome outcome, String note) {
    /** The end of one delivery job. */
    public enum Outcome { DELIVERED, ALREADY_DELIVERED, TOO_LATE, PENDING, FAILED }
}
