package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void roundTripsEverySort() {
        for (ListingQueries.Sort s : ListingQueries.Sort.values()) {
            String key = switch (s) {
                case RELEVANCE -> "1";
                case PRICE_ASC, PRICE_DESC -> "1000000000000000000";
                case NEWEST -> "-";
                case REPUTATION -> "512";
            };
            assertThat(ListingQueries.decodeCursor(ListingQueries.encodeCursor(s, key, "42"), s)).containsExactly(key, "42");
        }
    }

    @Test
    void forgedOrForeignCursorsAreBadRequests() {
        String newest = ListingQueries.encodeCursor(ListingQueries.Sort.NEWEST, "-", "9");
        for (String raw : new String[] {"v1:PRICE_ASC:1e5:1", "v1:PRICE_ASC:1:-1", "v2:PRICE_ASC:1:1", "v1:PRICE_ASC:1",
            "v1:PRICE_ASC:1:1:1", "v1:PRICE_ASC:" + "9".repeat(79) + ":1", "v1:PRICE_ASC:1:1'--"}) {
            String c = Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> ListingQueries.decodeCursor(c, ListingQueries.Sort.PRICE_ASC)).as(raw)
                    .isInstanceOf(BadRequest.class);
        }
        assertThatThrownBy(() -> ListingQueries.decodeCursor(newest, ListingQueries.Sort.PRICE_ASC))
                .isInstanceOf(BadRequest.class).hasMessageContaining("another search");
        String nan = Base64.getUrlEncoder().encodeToString("v1:RELEVANCE:0.5:1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ListingQueries.decodeCursor(nan, ListingQueries.Sort.RELEVANCE))
                .isInstanceOf(BadRequest.class);
    }
}
