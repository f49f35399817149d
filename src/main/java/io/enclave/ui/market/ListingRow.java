package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the results table shows of a listing, and nothing more: 100,000 of these stay small where 100,000 full
 * {@link Listing}s (description, tags, hashes, CIDs) took ~1.3 KB each. The detail pane fetches the full listing by id.
 * Repeated short values (type, metadata status) are shared between rows.
 *
 * @param title the seller's title, null while the metadata is not verified ({@link #label()} says so)
 */
public record ListingRow(String id, String title, String type, String priceWei, int sellerReputation, int purchaseCount,
        String metadataStatus) {
    /** Stands for a row whose page is not in memory (dropped far from the viewport, or being fetched again). */
    public static final ListingRow LOADING = new ListingRow(null, null, null, null, 0, 0, null);

    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

    public static ListingRow of(Listing l) {
        return new ListingRow(l.id(), l.title(), shared(l.type()), l.priceWei(), l.sellerReputation(), l.purchaseCount(),
                shared(l.metadataStatus()));
    }

    /** False for {@link #LOADING}. */
    public boolean loaded() {
        return this != LOADING;
    }

    /** The title column's text. */
    public String label() {
        if (!loaded()) {
            return "Loading…";
        }
        return title == null ? "(metadata " + metadataStatus + ")" : title;
    }

    /** The price column's text. */
    public String price() {
        return loaded() ? MarketSearch.moca(priceWei) : "";
    }

    private static String shared(String s) {
        if (s == null || s.length() > 32) {
            return s;
        }
        if (SHARED.size() > 256) {
            return s; // a server sending many distinct values does not make this map grow without bound
        }
        return SHARED.computeIfAbsent(s, k -> k);
    }
}
