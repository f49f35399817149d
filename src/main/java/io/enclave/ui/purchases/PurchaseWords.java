package io.enclave.ui.purchases;

import io.enclave.market.Purchase;
import io.enclave.ui.app.Words;

/** What a purchase's state means for the buyer, and what to do next. */
final class PurchaseWords {
    private PurchaseWords() {
    }

    static String explain(PurchaseRow row) {
        Purchase p = row.purchase();
        String paid = Words.moca(p.amount());
        return switch (p.state()) {
            case ESCROWED -> row.refundable()
                    ? "The seller did not deliver the key by " + Words.when(p.deliverBy()) + ". Take a refund: the "
                    + paid + " in escrow come back to you (then withdraw them from the Wallet)."
                    : "Your " + paid + " are in escrow. The seller's app must deliver the key by "
                    + Words.when(p.deliverBy()) + "; it usually does within a minute while it runs. If it does not, "
                    + "you can take a refund after that.";
            case DELIVERED -> "The seller delivered the key and was paid. Open the purchase to decrypt the credential "
                    + "and verify its proof on this computer. Something wrong? Dispute it before "
                    + Words.when(p.disputeBy()) + ".";
            case OPENED -> "Decrypted and checked: it is the credential the registry anchored"
                    + (Boolean.TRUE.equals(row.proofVerified()) ? ", and its zero-knowledge proof verifies." : ".")
                    + (p.disputeBy() == null ? "" : " You can still dispute it until " + Words.when(p.disputeBy()) + ".");
            case REJECTED -> "The delivered key or package did not pass the checks: " + (p.note() == null ? "see below"
                    : p.note()) + ". Open a dispute before " + Words.when(p.disputeBy()) + " to get your money back.";
            case REFUNDED -> "Refunded: the " + paid + " went back to you (withdraw them from the Wallet if you have "
                    + "not yet).";
            case DISPUTED -> "Disputed: governance votes on it. The evidence is on IPFS; the outcome appears here.";
            case RESOLVED -> "The dispute was decided by governance.";
        };
    }
}
