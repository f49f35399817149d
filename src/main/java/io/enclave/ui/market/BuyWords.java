package io.enclave.ui.market;

import io.enclave.market.buy.PurchaseTerms;
import io.enclave.ui.app.Words;

/** The terms of a purchase in words, for a person about to pay. */
final class BuyWords {
    private BuyWords() {
    }

    static String terms(PurchaseTerms t, String me) {
        var l = t.listing();
        if (!l.active()) {
            return "The seller removed this listing: it cannot be bought any more.";
        }
        if (l.seller().equalsIgnoreCase(me)) {
            return "This is your own listing (" + Words.moca(l.price()) + "): it cannot be bought from your account.";
        }
        return "You pay " + Words.moca(l.price()) + " plus the network fee. The price goes into the marketplace's escrow, "
                + "not to the seller. The seller's app then has " + Words.duration(t.deliveryWindow()) + " to deliver the "
                + "key that decrypts the credential to your key only; the seller is paid when it does (minus a "
                + Words.percent(t.feeBps()) + " platform fee). No key within " + Words.duration(t.deliveryWindow())
                + ": you take the whole price back with Refund in My purchases. A key that does not open a valid "
                + "credential: you can dispute it for " + Words.duration(t.disputeWindow()) + " after delivery, and "
                + "governance decides.";
    }
}
