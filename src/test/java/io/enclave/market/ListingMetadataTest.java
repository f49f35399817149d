package io.enclave.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ListingMetadataTest {
    private static final ListingMetadata M = new ListingMetadata("Salary at least 50k", "Range proof", "employment/1",
            "{\"id\":\"salary-at-least\"}", "range", "0xAbCd000000000000000000000000000000000001", "0x" + "12".repeat(32),
            "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "0x00000000000000000000000000000000000000Ff");

    @Test
    void canonicalBytesRoundTripAndAddressesAreLowerCase() {
        byte[] bytes = M.canonicalBytes();
        assertThat(ListingMetadata.parse(bytes)).isEqualTo(M);
        assertThat(M.seller()).isEqualTo("0x00000000000000000000000000000000000000ff");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"circuit\":\"range\"");
    }

    @Test
    void foreignOrBrokenDocumentsAreReadableErrors() {
        assertThatThrownBy(() -> ListingMetadata.parse("{\"type\":\"Other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MarketException.class).hasMessageContaining("not an EnclaveListingMetadata");
        assertThatThrownBy(() -> ListingMetadata.parse("{\"type\":\"EnclaveListingMetadata\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MarketException.class).hasMessageContaining("has no 'title'");
        assertThatThrownBy(() -> ListingMetadata.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MarketException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> new ListingMetadata(" ", "", "s", "p", "c", M.issuer(), M.credentialHash(),
                M.packageCid(), M.seller())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListingMetadata("t", "x".repeat(4001), "s", "p", "c", M.issuer(), M.credentialHash(),
                M.packageCid(), M.seller())).hasMessageContaining("4,000");
    }

    @Test
    void tagsAreNormalizedPublishedAndReadBackAndAbsentWithoutThem() {
        ListingMetadata tagged = new ListingMetadata(M.title(), M.description(), M.schemaId(), M.predicate(),
                M.circuitId(), M.issuer(), M.credentialHash(), M.packageCid(), M.seller(),
                java.util.List.of(" Salary ", "EU", "salary", "", "full  time"));
        assertThat(tagged.tags()).containsExactly("salary", "eu", "full time");
        String json = new String(tagged.canonicalBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"tags\":[\"salary\",\"eu\",\"full time\"]");
        assertThat(ListingMetadata.parse(tagged.canonicalBytes())).isEqualTo(tagged);
        // a listing without tags keeps the document it had before tags existed (same bytes, same digest on chain)
        assertThat(new String(M.canonicalBytes(), StandardCharsets.UTF_8)).doesNotContain("tags");
        assertThat(M.tags()).isEmpty();
    }

    @Test
    void badTagsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ListingMetadata.tags(java.util.List.of("x".repeat(33))))
                .hasMessageContaining("longer than 32");
        assertThatThrownBy(() -> ListingMetadata.tags(java.util.List.of("<script>")))
                .hasMessageContaining("only letters, digits");
        assertThatThrownBy(() -> ListingMetadata.tags(java.util.List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")))
                .hasMessageContaining("at most 8 tags (9 given)");
        String notAList = new String(M.canonicalBytes(), StandardCharsets.UTF_8).replace("\"title\"", "\"tags\":\"x\",\"title\"");
        assertThatThrownBy(() -> ListingMetadata.parse(notAList.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MarketException.class).hasMessageContaining("'tags' is not a list");
    }
}
