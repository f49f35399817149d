package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.DbFixture;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.bench.DiscoveryBench;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stepped relevance search ({@link RelevanceSearch}) returns exactly the pages of the one-statement definition
 * ({@link ListingQueries#query}) on a seeded database large enough for every step (70,000 listings: the bench's
 * correlated words and types, plus rare words placed only among the oldest listings, in descriptions only, and in
 * removed listings), page after page, for common, co-occurring, never co-occurring, rare, negated and hostile queries.
 */
@ExtendWith(PostgresExtension.class)
class RelevanceSearchIT {
    private static final BigDecimal MOCA = BigDecimal.TEN.pow(18);
    private static DiscoveryDatabase db;
    private static ListingQueries listings;

    @BeforeAll
    static void seed(Postgres.Schema schema) throws Exception {
        db = DbFixture.open(schema);
        DiscoveryBench.fill(db, 70_000);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // "zebra" only in titles of old listings (beyond both windows), "okapi" only in descriptions (tier 0),
            // "quokka" in a title of a new listing and descriptions of old ones, "lynx" only in removed listings.
            s.execute("UPDATE listings SET title = 'Rare zebra credential ' || listing_id"
                    + " WHERE listing_id IN (3, 17, 250, 4000, 12000)");
            s.execute("UPDATE listings SET description = 'An okapi attestation ' || listing_id"
                    + " WHERE listing_id % 9000 = 11");
            s.execute("UPDATE listings SET title = 'Quokka licence' WHERE listing_id IN (69990, 69000, 30)");
            s.execute("UPDATE listings SET description = 'quokka habitat survey' WHERE listing_id < 40 AND listing_id % 3 = 0");
            s.execute("UPDATE listings SET title = 'Lynx pass', status = 'removed' WHERE listing_id IN (68000, 5)");
            s.execute("UPDATE listings SET status = 'removed' WHERE listing_id % 13 = 0");
            s.execute("ANALYZE listings");
        }
        listings = new ListingQueries(db.dataSource());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    private static ListingQueries.Search search(String q, String type, Integer minMoca, Integer maxMoca,
            ListingQueries.Status status, int limit, String cursor) {
        return new ListingQueries.Search(q, type, minMoca == null ? null : MOCA.multiply(BigDecimal.valueOf(minMoca)),
                maxMoca == null ? null : MOCA.multiply(BigDecimal.valueOf(maxMoca)), null, null, null, status,
                ListingQueries.Sort.RELEVANCE, limit, cursor);
    }

    /** The page the one-statement definition gives. */
    private static SearchPage reference(ListingQueries.Search s) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return ListingQueries.run(c, ListingQueries.query(s), s.limit());
        }
    }

    /** Follows up to {@code pages} pages with both paths and asserts they are identical; returns the ids seen. */
    private static List<String> sameAsReference(ListingQueries.Search first, int pages) throws SQLException {
        List<String> seen = new ArrayList<>();
        ListingQueries.Search s = first;
        for (int i = 0; i < pages; i++) {
            SearchPage expected = reference(s);
            SearchPage actual = listings.search(s);
            assertThat(actual).as("%s, page %d", first, i + 1).isEqualTo(expected);
            actual.items().forEach(l -> seen.add(l.id()));
            if (actual.nextCursor() == null) {
                break;
            }
            s = new ListingQueries.Search(s.q(), s.type(), s.minPriceWei(), s.maxPriceWei(), s.seller(), s.issuer(),
                    s.minReputation(), s.status(), s.sort(), s.limit(), actual.nextCursor());
        }
        return seen;
    }

    @Test
    void commonAndCoOccurringWordsMatchTheDefinition() throws Exception {
        for (String q : List.of("degree", "medicine", "degree medicine", "salary finance", "computer science",
                "degree OR diploma", "\"degree in medicine\"", "verified", "attestor")) {
            assertThat(sameAsReference(search(q, null, null, null, ListingQueries.Status.ACTIVE, 20, null), 3))
                    .as(q).hasSize(60);
        }
    }

    @Test
    void wordsThatNeverOccurTogetherInATitleFallThroughToTheDescriptionTier() throws Exception {
        List<String> ids = sameAsReference(search("degree salary", null, null, null, ListingQueries.Status.ACTIVE, 25,
                null), 4);
        assertThat(ids).hasSize(100);
        assertThat(sameAsReference(search("diploma", "education", 1, 50, ListingQueries.Status.ACTIVE, 20, null), 3))
                .as("a subject never listed under that type: tier 0 only").isNotEmpty();
        sameAsReference(search("degree", "employment", null, null, ListingQueries.Status.ANY, 20, null), 3);
        sameAsReference(search("medicine", "education", 1, 50, ListingQueries.Status.ACTIVE, 20, null), 3);
    }

    @Test
    void rareWordsAreFoundBeyondTheWindowsAndPagedToTheEnd() throws Exception {
        assertThat(sameAsReference(search("zebra", null, null, null, ListingQueries.Status.ANY, 2, null), 10))
                .containsExactly("12000", "4000", "250", "17", "3");
        assertThat(sameAsReference(search("okapi", null, null, null, ListingQueries.Status.ANY, 3, null), 10))
                .containsExactly("63011", "54011", "45011", "36011", "27011", "18011", "9011", "11");
        // Title tier first (a new and an old listing), then descriptions, which continue after the title tier's ids.
        List<String> quokka = sameAsReference(search("quokka", null, null, null, ListingQueries.Status.ANY, 4, null), 10);
        assertThat(quokka.subList(0, 3)).containsExactly("69990", "69000", "30");
        assertThat(quokka.subList(3, quokka.size())).containsExactly("39", "36", "33", "27", "24", "21", "18", "15", "12",
                "9", "6", "3");
        assertThat(sameAsReference(search("lynx", null, null, null, ListingQueries.Status.ACTIVE, 20, null), 2)).isEmpty();
        assertThat(sameAsReference(search("lynx", null, null, null, ListingQueries.Status.REMOVED, 20, null), 2))
                .containsExactly("68000", "5");
        assertThat(sameAsReference(search("zebra", "identity", null, null, ListingQueries.Status.ANY, 20, null), 2))
                .containsExactly("3");
    }

    @Test
    void negationsStopWordsAndHostileStringsAreOrdinarySearches() throws Exception {
        for (String q : List.of("-degree", "degree -medicine", "the", "!!! & | :* <-> ()", "'; DROP TABLE listings; --",
                "1' OR '1'='1", "%' UNION SELECT * FROM accounts --", "\\'; SELECT pg_sleep(5); --", "nothingmatchesthis",
                "\u00e9cole dipl\u00f4me")) {
            sameAsReference(search(q, null, null, null, ListingQueries.Status.ACTIVE, 20, null), 2);
            sameAsReference(search(q, "identity", 10, 90, ListingQueries.Status.ANY, 20, null), 2);
        }
        assertThat(sameAsReference(search("nothingmatchesthis", null, null, null, ListingQueries.Status.ANY, 20, null), 1))
                .isEmpty();
        assertThat(DbFixture.count(db, "SELECT count(*) FROM listings")).isEqualTo(70_000);
    }
}
