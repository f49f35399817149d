package io.enclave.discovery.server;

import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.db.EmbeddedDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;

/**
 * Profiling aid for the search benchmark (not a test): fills (once) a persistent embedded PostgreSQL with the bench's
 * listings and prints {@code EXPLAIN (ANALYZE, BUFFERS)} for each query of the bench mix, built by the server's own
 * {@link ListingQueries#query} (for relevance: every step of {@link RelevanceSearch}).
 * Usage: {@code SearchPlans <data dir> <listings>}.
 */
public final class SearchPlans {
    private SearchPlans() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             DiscoveryDatabase db = DiscoveryDatabase.open(pg.jdbcUrl(), pg.user(), null, null, 2)) {
            if (fresh) {
                io.enclave.discovery.bench.DiscoveryBench.fill(db, n);
            }
            BigDecimal moca = BigDecimal.TEN.pow(18);
            List<ListingQueries.Search> mix = List.of(
                    search("degree", null, null, null, null, ListingQueries.Sort.RELEVANCE),
                    search("salary finance", null, null, null, null, ListingQueries.Sort.RELEVANCE),
                    search("medicine", "education", moca, moca.multiply(BigDecimal.valueOf(50)), null,
                            ListingQueries.Sort.RELEVANCE),
                    search(null, "financial", null, null, null, ListingQueries.Sort.PRICE_ASC),
                    search(null, null, null, null, 900, ListingQueries.Sort.REPUTATION),
                    search(null, null, null, null, null, ListingQueries.Sort.NEWEST));
            try (Connection c = db.dataSource().getConnection()) {
                for (ListingQueries.Search s : mix) {
                    System.out.println("==== " + s);
                    if (s.sort() != ListingQueries.Sort.RELEVANCE) {
                        explain(c, ListingQueries.query(s));
                        continue;
                    }
                    // Every step RelevanceSearch may take, whether or not the earlier steps would have filled the page.
                    BigDecimal top = maxId(c).add(BigDecimal.ONE);
                    long[] windows = {RelevanceSearch.FIRST_WINDOW, RelevanceSearch.SECOND_WINDOW};
                    for (int tier = 1; tier >= 0; tier--) {
                        BigDecimal upper = top;
                        for (int step = 0; step <= windows.length; step++) {
                            BigDecimal lower = step < windows.length ? top.subtract(BigDecimal.valueOf(windows[step])) : null;
                            System.out.printf(Locale.ROOT, "---- tier %d, step %d (the server skips it once the page is full)%n",
                                    tier, step + 1);
                            explain(c, ListingQueries.tierQuery(s, tier, lower, upper, s.limit() + 1,
                                    step == 0 ? ListingQueries.Scan.WALK : ListingQueries.Scan.BITMAP));
                            upper = lower;
                        }
                    }
                }
            }
        }
        System.out.println(String.format(Locale.ROOT, "(data in %s)", dir));
    }

    private static BigDecimal maxId(Connection c) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(listing_id), 0) FROM listings");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static void explain(Connection c, ListingQueries.Query q) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + q.sql())) {
            for (int i = 0; i < q.args().size(); i++) {
                ps.setObject(i + 1, q.args().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
    }

    private static ListingQueries.Search search(String q, String type, BigDecimal min, BigDecimal max, Integer minRep,
            ListingQueries.Sort sort) {
        return new ListingQueries.Search(q, type, min, max, null, null, minRep, ListingQueries.Status.ACTIVE, sort, 20, null);
    }
}
