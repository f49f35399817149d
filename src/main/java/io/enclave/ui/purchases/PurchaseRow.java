package io.enclave.ui.purchases;

import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;

/**
 * One line of "My purchases": the purchase as the chain and this vault have it, the listing's title, and whether a
 * refund can be claimed now (the chain's clock has passed the delivery deadline).
 */
public record PurchaseRow(Purchase purchase, String title, boolean refundable, Boolean proofVerified) {
    /** The state in the words of the screen. */
    public String stateWords() {
        return switch (purchase.state()) {
            case ESCROWED -> refundable ? "Refundable" : "Awaiting key";
            case DELIVERED -> "Delivered";
            case OPENED -> Boolean.TRUE.equals(proofVerified) ? "Verified" : "Opened";
            case REJECTED -> "Rejected";
            case REFUNDED -> "Refunded";
            case DISPUTED -> "Disputed";
            case RESOLVED -> "Dispute resolved";
        };
    }

    /** A style for the state badge: ok, wait, warn or bad. */
    public String badgeStyle() {
        return switch (purchase.state()) {
            case OPENED, RESOLVED -> "ok";
            case ESCROWED -> refundable ? "warn" : "wait";
            case DELIVERED -> "wait";
            case REJECTED -> "bad";
            case DISPUTED, REFUNDED -> "warn";
        };
    }

    public boolean canOpen() {
        PurchaseState s = purchase.state();
        return s == PurchaseState.DELIVERED || s == PurchaseState.OPENED;
    }

    public boolean canDispute(long chainTime) {
        return purchase.state().canMoveTo(PurchaseState.DISPUTED)
                && (purchase.disputeBy() == null || chainTime <= purchase.disputeBy().getEpochSecond());
    }
}
