package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.DbFixture;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.bench.DiscoveryBench;
import io.enclave.discovery.db.ChangeNotice;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
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

    /** The words of the seeded titles and descriptions (DiscoveryBench's), a few rare ones and one that matches nothing. */
    private static final String[] WORDS = {"degree", "diploma", "employment", "salary", "credit", "residency", "license",
        "certificate", "membership", "transcript", "passport", "insurance", "mortgage", "tenancy", "volunteering",
        "apprenticeship", "internship", "publication", "patent", "award", "computer", "medicine", "law", "finance",
        "engineering", "nursing", "design", "teaching", "accounting", "architecture", "biology", "chemistry", "physics",
        "economics", "history", "music", "zebra", "okapi", "quokka", "lynx", "nothingmatchesthis", "-degree"};
    private static final String[] TYPES = {"education", "employment", "financial", "identity", "health"};

    @Test
    void randomSearchesWithTheEmptyTitleMemoMatchTheDefinition() throws Exception {
        ResponseCache memo = new ResponseCache(1000, 1 << 20);
        ListingQueries memoized = new ListingQueries(db.dataSource(), memo);
        Random r = new Random(2026);
        for (int i = 0; i < 60; i++) {
            String q = WORDS[r.nextInt(WORDS.length)] + (r.nextInt(4) > 0 ? " " + WORDS[r.nextInt(WORDS.length)] : "");
            String type = r.nextInt(3) == 0 ? TYPES[r.nextInt(TYPES.length)] : null;
            Integer min = r.nextInt(3) == 0 ? 1 + r.nextInt(40) : null;
            Integer max = min != null && r.nextBoolean() ? min + r.nextInt(60) : null;
            ListingQueries.Status status = ListingQueries.Status.values()[r.nextInt(3)];
            ListingQueries.Search s = search(q, type, min, max, status, List.of(1, 5, 20).get(r.nextInt(3)), null);
            // Twice: the first search may record that the title tier is empty, the second reads through that memo.
            for (int round = 0; round < 2; round++) {
                ListingQueries.Search page = s;
                for (int p = 0; p < 3; p++) {
                    SearchPage expected = reference(page);
                    SearchPage actual = memoized.search(page);
                    assertThat(actual).as("%s, round %d, page %d", page, round + 1, p + 1).isEqualTo(expected);
                    if (actual.nextCursor() == null) {
                        break;
                    }
                    page = new ListingQueries.Search(q, type, page.minPriceWei(), page.maxPriceWei(), null, null, null,
                            status, ListingQueries.Sort.RELEVANCE, page.limit(), actual.nextCursor());
                }
            }
        }
        memoized.search(search("degree salary", null, null, null, ListingQueries.Status.ACTIVE, 20, null));
        assertThat(memo.emptyTitleBelow(new RelevanceSearch.TitleKey("degree salary", null)))
                .isEqualByComparingTo(BigDecimal.valueOf(70_001));
    }

    @Test
    void theMemoSeesNewListingsAndIsDroppedWhenAnOlderTitleChanges() throws Exception {
        ResponseCache memo = new ResponseCache(1000, 1 << 20);
        ListingQueries memoized = new ListingQueries(db.dataSource(), memo);
        ListingQueries.Search s = search("ocelot pangolin", null, null, null, ListingQueries.Status.ACTIVE, 20, null);
        String title100 = DbFixture.one(db, "SELECT title FROM listings WHERE listing_id = 100");
        try {
            assertThat(memoized.search(s).items()).isEmpty();
            BigDecimal below = memo.emptyTitleBelow(new RelevanceSearch.TitleKey("ocelot pangolin", null));
            assertThat(below).isEqualByComparingTo(BigDecimal.valueOf(70_001));
            // A new listing (above the memo) gets the title: found without dropping the memo.
            execute("INSERT INTO listings (listing_id, seller, credential_hash, price_wei, metadata_digest, created_block,"
                    + " created_tx, created_at, updated_block, title, description, tags, tags_text, credential_type,"
                    + " metadata_status, seller_reputation) SELECT 70001, seller, '0x' || md5('n') || md5('n'), price_wei,"
                    + " '0x' || md5('m') || md5('m'), created_block, created_tx, created_at, updated_block,"
                    + " 'Ocelot pangolin census', description, tags, tags_text, credential_type, metadata_status,"
                    + " seller_reputation FROM listings WHERE listing_id = 70000");
            memo.invalidateAnswers();
            assertThat(memoized.search(s)).isEqualTo(reference(s));
            assertThat(memoized.search(s).items()).extracting(l -> l.id()).containsExactly("70001");
            // An older listing's title changes (a late metadata fetch): only a full invalidation may follow such a commit.
            execute("UPDATE listings SET title = 'Ocelot pangolin survey' WHERE listing_id = 100");
            memo.invalidateAnswers();
            assertThat(memoized.search(s).items()).as("the memo still hides listing 100: why such commits must say so")
                    .extracting(l -> l.id()).containsExactly("70001");
            memo.invalidate();
            assertThat(memo.emptyTitleBelow(new RelevanceSearch.TitleKey("ocelot pangolin", null))).isNull();
            assertThat(memoized.search(s)).isEqualTo(reference(s));
            assertThat(memoized.search(s).items()).extracting(l -> l.id()).containsExactly("70001", "100");
        } finally {
            execute("DELETE FROM listings WHERE listing_id = 70001");
            execute("UPDATE listings SET title = '" + title100 + "' WHERE listing_id = 100");
        }
    }

    @Test
    void aSuspendedCacheNeitherUsesNorRecordsTheMemo() throws Exception {
        ResponseCache memo = new ResponseCache(1000, 1 << 20);
        ListingQueries memoized = new ListingQueries(db.dataSource(), memo);
        ListingQueries.Search s = search("degree salary", "identity", null, null, ListingQueries.Status.ANY, 20, null);
        memo.suspend();
        assertThat(memoized.search(s)).isEqualTo(reference(s));
        assertThat(memo.emptyTitleBelow(new RelevanceSearch.TitleKey("degree salary", "identity"))).isNull();
        memo.resume();
        assertThat(memoized.search(s)).isEqualTo(reference(s));
        assertThat(memo.emptyTitleBelow(new RelevanceSearch.TitleKey("degree salary", "identity"))).isNotNull();
        memo.suspend();
        assertThat(memo.emptyTitleBelow(new RelevanceSearch.TitleKey("degree salary", "identity"))).isNull();
    }

    @Test
    void anIndexerBatchsNoticeKeepsTheMemoAndEveryOtherNoticeDropsIt() throws Exception {
        ResponseCache memo = new ResponseCache(1000, 1 << 20);
        RelevanceSearch.TitleKey key = new RelevanceSearch.TitleKey("diploma salary", null);
        try (ChangeListener listener = new ChangeListener(db, memo); Connection c = db.dataSource().getConnection()) {
            await("the listener's LISTEN", memo::live);
            new ListingQueries(db.dataSource(), memo).search(search("diploma salary", null, null, null,
                    ListingQueries.Status.ACTIVE, 20, null));
            assertThat(memo.emptyTitleBelow(key)).isNotNull();
            long before = listener.notices();
            ChangeNotice.sendAppended(c); // what an indexer batch sends: no title changed
            await("the appended notice", () -> listener.notices() > before);
            assertThat(memo.emptyTitleBelow(key)).isNotNull();
            ChangeNotice.send(c); // a rollback, a reindex
            await("the full notice", () -> listener.notices() > before + 1);
            assertThat(memo.emptyTitleBelow(key)).isNull();
        }
    }

    /**
     * A metadata fetch gives one older listing a title: only the memo entries of the queries whose title tier that
     * listing joins (with their type) are dropped; the others stay, and every search still matches the definition.
     */
    @Test
    void aTitledNoticeDropsOnlyTheMemoEntriesTheNewTitleFalsifies() throws Exception {
        ResponseCache memo = new ResponseCache(1000, 1 << 20);
        ListingQueries memoized = new ListingQueries(db.dataSource(), memo);
        ListingQueries.Search joined = search("ocelot pangolin", null, null, null, ListingQueries.Status.ACTIVE, 20, null);
        ListingQueries.Search otherType = search("ocelot pangolin", "nosuchtype", null, null, ListingQueries.Status.ANY, 20,
                null);
        ListingQueries.Search unrelated = search("diploma salary", null, null, null, ListingQueries.Status.ACTIVE, 20, null);
        String title200 = DbFixture.one(db, "SELECT title FROM listings WHERE listing_id = 200");
        try (ChangeListener listener = new ChangeListener(db, memo); Connection c = db.dataSource().getConnection()) {
            await("the listener's LISTEN", memo::live);
            for (ListingQueries.Search s : List.of(otherType, joined, unrelated)) { // typed first: it records its own memo
                assertThat(memoized.search(s)).isEqualTo(reference(s));
            }
            RelevanceSearch.TitleKey joinedKey = new RelevanceSearch.TitleKey("ocelot pangolin", null);
            RelevanceSearch.TitleKey otherKey = new RelevanceSearch.TitleKey("ocelot pangolin", "nosuchtype");
            RelevanceSearch.TitleKey unrelatedKey = new RelevanceSearch.TitleKey("diploma salary", null);
            assertThat(List.of(joinedKey, otherKey, unrelatedKey)).allSatisfy(k -> assertThat(memo.emptyTitleBelow(k))
                    .as("memo of %s", k).isNotNull());
            long before = listener.notices();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE listings SET title = 'Ocelot pangolin census' WHERE listing_id = 200");
            }
            ChangeNotice.sendTitled(c, BigDecimal.valueOf(200)); // what the metadata fetcher sends
            c.commit();
            c.setAutoCommit(true);
            await("the titled notice", () -> listener.notices() > before);
            assertThat(memo.emptyTitleBelow(joinedKey)).isNull();
            assertThat(memo.emptyTitleBelow(otherKey)).as("listing 200 is not of that type").isNotNull();
            assertThat(memo.emptyTitleBelow(unrelatedKey)).isNotNull();
            assertThat(memoized.search(joined)).isEqualTo(reference(joined));
            assertThat(memoized.search(joined).items()).extracting(l -> l.id()).contains("200");
            assertThat(memoized.search(otherType)).isEqualTo(reference(otherType));
            assertThat(memoized.search(unrelated)).isEqualTo(reference(unrelated));
        } finally {
            execute("UPDATE listings SET title = '" + title200 + "' WHERE listing_id = 200");
        }
    }

    /** Waits for a condition that another thread makes true (bounded; never a fixed sleep). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
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
