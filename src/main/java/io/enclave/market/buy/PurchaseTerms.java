package io.enclave.market.buy;

import io.enclave.chain.contracts.Marketplace;
import io.enclave.market.Listing;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import java.math.BigInteger;
import java.time.Duration;

/**
 * What buying a listing means right now, read from the chain (not from the discovery API, which may lag): the listing
 * with its current price, how long the seller has to deliver the key before the buyer may take a refund, how long the
 * buyer may dispute a delivered key, and the platform's fee.
 */
public record PurchaseTerms(Listing listing, Duration deliveryWindow, Duration disputeWindow, int feeBps) {
    /** Reads the terms of {@code listingId}. */
    public static PurchaseTerms read(MarketChain chain, Listings listings, BigInteger listingId) {
        Listing l = listings.get(listingId);
        Marketplace.Params p = chain.read("the marketplace parameters", chain.market().params());
        return new PurchaseTerms(l, Duration.ofSeconds(p.deliveryWindow.longValueExact()),
                Duration.ofSeconds(p.disputeWindow.longValueExact()), p.feeBps.intValueExact());
    }
}
