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
        return "You pay " + Words.moca(l.price()) + " (plus the network fee) into the marketplace's escrow, not to the "
                + "seller. The seller has " + Words.duration(t.deliveryWindow()) + " to deliver the decryption key, sealed "
                + "to your key; only then is the seller paid (less a " + Words.percent(t.feeBps()) + " platform fee). No key "
                + "in time: take it all back with Refund in My purchases. A key that does not open a valid credential: "
                + "dispute within " + Words.duration(t.disputeWindow()) + " of delivery, and governance decides.";
    }
}
