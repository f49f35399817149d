package io.enclave.ui.market;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.client.DiscoveryClient;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * The marketplace browse screen's questions to the discovery API (blocking; no JavaFX): a search built from what a
 * person typed (validated here, so the server never sees a malformed filter), its next pages, one listing.
 */
public final class MarketSearch {
    /** Sort orders offered on screen, with the API's names. */
    public enum Sort {
        RELEVANCE("Best match", "relevance"), NEWEST("Newest", "newest"), PRICE_ASC("Price: low to high", "price_asc"),
        PRICE_DESC("Price: high to low", "price_desc"), REPUTATION("Seller reputation", "reputation");

        private final String label;
        private final String api;

        Sort(String label, String api) {
            this.label = label;
            this.api = api;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Credential types offered as a filter ({@code null}: any). */
    public static final String[] TYPES = {"employment", "education", "financial", "identity", "health"};
    /** Rows per request: the API's maximum, so paging through 100,000 results takes 1,000 requests. */
    static final int PAGE = 100;

    private final String url;
    private final DiscoveryClient client;

    public MarketSearch(String discoveryUrl) {
        this.url = discoveryUrl;
        this.client = DiscoveryClient.of(discoveryUrl);
    }

    /** The discovery API this asks. */
    public String url() {
        return url;
    }

    /** A search from typed filters; blank means "any". Prices are MOCA amounts. */
    public static DiscoveryClient.Query query(String text, String type, String minPrice, String maxPrice, Sort sort) {
        String q = text == null || text.isBlank() ? null : text.trim();
        String min = price("Minimum price", minPrice);
        String max = price("Maximum price", maxPrice);
        if (min != null && max != null && new BigDecimal(min).compareTo(new BigDecimal(max)) > 0) {
            throw new IllegalArgumentException("The minimum price is above the maximum price.");
        }
        Sort s = sort == null ? Sort.RELEVANCE : sort;
        return new DiscoveryClient.Query(q, type, min, max, null, null, null, null, s.api, PAGE, null);
    }

    private static String price(String what, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.trim().replace(',', '.'));
            if (v.signum() < 0) {
                throw new IllegalArgumentException(what + " cannot be negative.");
            }
            return v.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is not an amount: write it like 0.5 (MOCA).",
                    e);
        }
    }

    public SearchPage search(DiscoveryClient.Query query) {
        return client.search(query);
    }

    public Optional<Listing> listing(String id) {
        return client.listing(id);
    }

    /** The price of a listing in MOCA, from its wei string. */
    public static String moca(String wei) {
        if (wei == null) {
            return "—";
        }
        BigDecimal v = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return (v.signum() == 0 ? "0" : v.toPlainString()) + " MOCA";
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
