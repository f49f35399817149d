package io.enclave.market.sell;

import io.enclave.market.ListingMetadata;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * What the seller says about a credential it lists.
 *
 * @param issuer the registered issuer account that attested the credential (it receives the royalty)
 * @param price the price in wei, more than zero and below 2^96
 * @param tags search words for the listing's metadata ({@link ListingMetadata#tags(List)})
 */
public record PublishRequest(String title, String description, BigInteger price, String issuer, List<String> tags) {
    static final BigInteger MAX_PRICE = BigInteger.TWO.pow(96);

    public PublishRequest {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A listing needs a title.");
        }
        description = description == null ? "" : description;
        checkPrice(price);
        if (issuer == null || !issuer.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("The issuer must be an address (0x + 40 hex digits).");
        }
        issuer = issuer.toLowerCase(Locale.ROOT);
        tags = ListingMetadata.tags(tags);
    }

    /** A request without tags. */
    public PublishRequest(String title, String description, BigInteger price, String issuer) {
        this(title, description, price, issuer, List.of());
    }

    static void checkPrice(BigInteger price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("The price must be more than zero.");
        }
        if (price.compareTo(MAX_PRICE) >= 0) {
            throw new IllegalArgumentException("The price must be below 2^96 wei.");
        }
    }
}
