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
 */
final class RelevanceSearch {
    static final long FIRST_WINDOW = 4_000;
    static final long SECOND_WINDOW = 50_000;

    private RelevanceSearch() {
    }

    static SearchPage page(Connection c, Search s) throws SQLException {
        String[] key = s.cursor() == null ? null : ListingQueries.decodeCursor(s.cursor(), Sort.RELEVANCE);
        boolean titleDone = key != null && key[0].equals("0");
        int want = s.limit() + 1;
        List<Listing> rows = new ArrayList<>(want);
        int titleRows = 0;
        BigDecimal top = null;
        if (!titleDone) {
            BigDecimal upper = key != null ? new BigDecimal(key[1]) : (top = top(c));
            titleRows = tier(c, s, 1, upper, want, rows);
        }
        if (rows.size() < want) {
            BigDecimal upper = titleDone ? new BigDecimal(key[1]) : top != null ? top : top(c);
            tier(c, s, 0, upper, want - rows.size(), rows);
        }
        if (rows.size() <= s.limit()) {
            return new SearchPage(rows, null);
        }
        int lastIndex = s.limit() - 1;
        Listing last = rows.get(lastIndex);
        String cursor = ListingQueries.encodeCursor(Sort.RELEVANCE, lastIndex < titleRows ? "1" : "0", last.id());
        return new SearchPage(List.copyOf(rows.subList(0, s.limit())), cursor);
    }

    /** Appends up to {@code want} rows of one tier with ids below {@code upper}, newest first; returns how many. */
    private static int tier(Connection c, Search s, int tier, BigDecimal upper, int want, List<Listing> out)
            throws SQLException {
        int found = 0;
        BigDecimal hi = upper;
        long[] windows = {FIRST_WINDOW, SECOND_WINDOW};
        for (int step = 0; found < want; step++) {
            BigDecimal lower = step < windows.length ? upper.subtract(BigDecimal.valueOf(windows[step])) : null;
            if (lower != null && lower.signum() <= 0) {
                lower = null;
            }
            Query q = ListingQueries.tierQuery(s, tier, lower, hi, want - found,
                    step == 0 ? ListingQueries.Scan.WALK : ListingQueries.Scan.BITMAP);
            try (PreparedStatement ps = ListingQueries.prepare(c, q); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ListingQueries.listing(rs));
                    found++;
                }
            }
            if (lower == null) {
                break;
            }
            hi = lower;
        }
        return found;
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
