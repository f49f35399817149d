package io.enclave.discovery.server;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.server.ListingQueries.Query;
import io.enclave.discovery.server.ListingQueries.Search;
import io.enclave.discovery.server.ListingQueries.Sort;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Relevance order: listings whose title matches the whole query (tier 1), then those that match only with tags or
 * description (tier 0), newest first within each — the rows {@link ListingQueries#query} defines in one statement.
 *
 * <p>That one statement cannot be planned well: the planner takes the words (and the filters) as independent, so for
 * words that never occur together it walks the primary key expecting a match every few hundred rows and reads the whole
 * table; forced onto the GIN bitmap instead, a common word fetches and sorts tens of thousands of rows. Here each tier
 * is read newest first in up to three steps whose cost is bounded by what they can find: a walk over the newest
 * {@value #FIRST_WINDOW} ids (the text matched without an index, so the walk is guaranteed: at most that many rows),
 * then the GIN bitmap of the matches among the newest {@value #SECOND_WINDOW} ids, then that of all older ones; each
 * bitmap step costs the GIN posting lists plus the matches in its range (the full-text GIN indexes lead with the type,
 * so a type filter is intersected inside GIN). A step runs only when the earlier ones found less than a page, so the
 * second reads at most ~{@value #SECOND_WINDOW} / {@value #FIRST_WINDOW} pages' worth of matches and the last runs
 * only when matches are rare. Tier 0 is read only when tier 1 holds less than a page.
 *
 * <p>A title tier with no match at all (words that never share a title, a subject never listed under the requested
 * type) pays all three steps, two of them GIN intersections of long posting lists. With a {@link ResponseCache} the
 * search remembers such tiers ({@link ResponseCache#emptyTitleBelow}: no title below id M matches the query, with the
 * type or with any type), checked once without the other filters, and then reads only the ids from M up: ids only grow
 * and new listings arrive without a title, and every commit that can change a title invalidates the memo.
 */
final class RelevanceSearch {
    static final long FIRST_WINDOW = 4_000;
    static final long SECOND_WINDOW = 50_000;
    /** How far the second walk may go (from the same upper bound), when {@link #walkOn} expects the page to end in it. */
    static final long WALK_WINDOW = 20_000;

    private RelevanceSearch() {
    }

    /** The memo key of a title tier: the query text as sent, and the type filter (null: any type). */
    record TitleKey(String q, String type) {
    }

    /** Where a first page's title tier records that it is empty. */
    private record Memo(ResponseCache cache, ResponseCache.TitleTicket ticket, TitleKey key) {
    }

    static SearchPage page(Connection c, Search s) throws SQLException {
        return page(c, s, null);
    }

    /** One page; {@code memo} (may be null) remembers empty title tiers between searches. */
    static SearchPage page(Connection c, Search s, ResponseCache memo) throws SQLException {
        String[] key = s.cursor() == null ? null : ListingQueries.decodeCursor(s.cursor(), Sort.RELEVANCE);
        boolean titleDone = key != null && key[0].equals("0");
        int want = s.limit() + 1;
        List<Listing> rows = new ArrayList<>(want);
        int titleRows = 0;
        BigDecimal top = null;
        if (!titleDone) {
            // The ticket is taken before anything is read, so a memo recorded below reflects no state older than it.
            Memo m = memo == null || key != null ? null
                    : new Memo(memo, memo.titleTicket(), new TitleKey(s.q(), s.type()));
            BigDecimal floor = memo == null ? null : emptyBelow(memo, s);
            BigDecimal upper = key != null ? new BigDecimal(key[1]) : (top = top(c));
            titleRows = tier(c, s, 1, upper, want, rows, floor, m);
        }
        if (rows.size() < want) {
            BigDecimal upper = titleDone ? new BigDecimal(key[1]) : top != null ? top : top(c);
            tier(c, s, 0, upper, want - rows.size(), rows, null, null);
        }
        if (rows.size() <= s.limit()) {
            return new SearchPage(rows, null);
        }
        int lastIndex = s.limit() - 1;
        Listing last = rows.get(lastIndex);
        String cursor = ListingQueries.encodeCursor(Sort.RELEVANCE, lastIndex < titleRows ? "1" : "0", last.id());
        return new SearchPage(List.copyOf(rows.subList(0, s.limit())), cursor);
    }

    /**
     * The memo keys whose title tier {@code listing} belongs to (title matching the query, and the key's type if it has
     * one): the predicate of {@link ListingQueries#tierQuery} for tier 1, for every key in one statement.
     */
    static List<TitleKey> joinedBy(Connection c, BigDecimal listing, List<TitleKey> keys) throws SQLException {
        List<TitleKey> joined = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.i FROM listings l, unnest(?::text[], ?::text[])"
                + " WITH ORDINALITY AS m(q, t, i) WHERE l.listing_id = ? AND l.title_search @@"
                + " websearch_to_tsquery('english', m.q) AND (m.t IS NULL OR l.credential_type = m.t)")) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(TitleKey::q).toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(TitleKey::type).toArray()));
            ps.setBigDecimal(3, listing);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    joined.add(keys.get(rs.getInt(1) - 1));
                }
            }
        }
        return joined;
    }

    /** The highest memo of the search's title tier: with its type, or with any type (then none of any type either). */
    private static BigDecimal emptyBelow(ResponseCache memo, Search s) {
        BigDecimal typed = memo.emptyTitleBelow(new TitleKey(s.q(), s.type()));
        BigDecimal any = s.type() == null ? null : memo.emptyTitleBelow(new TitleKey(s.q(), null));
        return typed == null ? any : any == null ? typed : typed.max(any);
    }

    /**
     * Whether no listing with an id in [{@code floor}, {@code upper}) ({@code floor} null: below {@code upper}) has a title
     * matching the query with the search's type, whatever the other filters: one row at most, walked when the range is
     * short, else from the GIN bitmap.
     */
    private static boolean noTitleMatch(Connection c, Search s, BigDecimal floor, BigDecimal upper) throws SQLException {
        Search unfiltered = new Search(s.q(), s.type(), null, null, null, null, null, ListingQueries.Status.ANY,
                Sort.RELEVANCE, 1, null);
        boolean shortRange = floor != null && upper.subtract(floor).compareTo(BigDecimal.valueOf(FIRST_WINDOW)) <= 0;
        Query q = ListingQueries.tierQuery(unfiltered, 1, floor, upper, 1,
                shortRange ? ListingQueries.Scan.WALK : ListingQueries.Scan.BITMAP);
        try (PreparedStatement ps = ListingQueries.prepare(c, q); ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }

    /**
     * Appends up to {@code want} rows of one tier with ids in [{@code floor}, {@code upper}) ({@code floor} null: below
     * {@code upper}), newest first; returns how many. With {@code memo} (a first page's title tier), an empty tier is
     * recorded there.
     */
    private static int tier(Connection c, Search s, int tier, BigDecimal upper, int want, List<Listing> out,
            BigDecimal floor, Memo memo) throws SQLException {
        if (floor != null && floor.compareTo(upper) >= 0) {
            return 0;
        }
        int found = 0;
        BigDecimal hi = upper;
        // Steps over ids below upper: walk FIRST_WINDOW; walk on to WALK_WINDOW when the first walk's density says the
        // page ends there; GIN bitmap to SECOND_WINDOW; GIN bitmap of the rest.
        long[] windows = {FIRST_WINDOW, WALK_WINDOW, SECOND_WINDOW};
        for (int step = 0; found < want; step++) {
            if (step == 1 && !walkOn(found, want)) {
                continue;
            }
            BigDecimal lower = step < windows.length ? upper.subtract(BigDecimal.valueOf(windows[step])) : null;
            if (lower != null && lower.signum() <= 0) {
                lower = null;
            }
            boolean last = lower == null;
            if (floor != null && (lower == null || lower.compareTo(floor) <= 0)) {
                lower = floor; // nothing below the floor matches: this is the last step
                last = true;
            }
            Query q = ListingQueries.tierQuery(s, tier, lower, hi, want - found,
                    step <= 1 ? ListingQueries.Scan.WALK : ListingQueries.Scan.BITMAP);
            try (PreparedStatement ps = ListingQueries.prepare(c, q); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ListingQueries.listing(rs));
                    found++;
                }
            }
            if (step == 0 && found == 0 && memo != null) {
                // Nothing among the newest ids: one check without the other filters over the whole range (a GIN
                // intersection, or a walk if the range is short) instead of the two bitmap steps; if the title tier is
                // empty it is remembered, and the next searches read only the ids above.
                if (noTitleMatch(c, s, floor, upper)) {
                    memo.cache().putEmptyTitleBelow(memo.ticket(), memo.key(), upper);
                    break;
                }
            }
            if (last) {
                break;
            }
            hi = lower;
        }
        return found;
    }

    /**
     * Whether the first walk found matches densely enough that the rest of the page is expected within half of the
     * second walk's ids: then walking on (it stops at the page's last row) is cheaper than a GIN bitmap, which decodes
     * the words' whole posting lists whatever its id range (~5-20 ms on 1,000,000 listings).
     */
    static boolean walkOn(int found, int want) {
        return found > 0 && (long) (want - found) * FIRST_WINDOW / found <= (WALK_WINDOW - FIRST_WINDOW) / 2;
    }

    /** One above the highest listing id: the exclusive upper bound of a first page. */
    private static BigDecimal top(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(listing_id), 0) + 1 FROM listings");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
