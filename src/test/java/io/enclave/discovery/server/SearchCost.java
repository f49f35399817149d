package io.enclave.discovery.server;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Profiling aid (not a test): PostgreSQL's CPU per search by query kind, measured on ONE backend — its
 * {@code /proc/<pid>/schedstat} run time around N searches of each kind of the bench's mix, run through the server's own
 * code ({@link RelevanceSearch#page}, {@link ListingQueries#run}) with the pool's session settings. Words are drawn
 * from a fixed seed, so two runs (before and after a change) send the same searches.
 * Usage: {@code SearchCost <jdbc url of a filled database> [searches per kind] [extra SET statements]}.
 */
public final class SearchCost {
    /** The bench's words: {@code DiscoveryBench.SUBJECTS} and the first words of its {@code FIELDS}. */
    private static final String[] SUBJECTS = {"degree", "diploma", "employment", "salary", "credit", "residency", "license",
        "certificate", "membership", "transcript", "passport", "insurance", "mortgage", "tenancy", "volunteering",
        "apprenticeship", "internship", "publication", "patent", "award"};
    private static final String[] FIELDS = {"computer", "medicine", "law", "finance", "engineering", "nursing", "design",
        "teaching", "accounting", "architecture", "biology", "chemistry", "physics", "economics", "history", "music"};

    /**
     * {@code -Dcost.memo=true}: relevance searches keep a memo of empty title tiers as the server does (filled by the
     * warm-up round, so the measured round shows a warm memo's cost); {@code -Dcost.memo=cold}: the same, warmed up
     * with other searches, so the measured round mostly pays for filling the memo.
     */
    private static final String MEMO_MODE = System.getProperty("cost.memo", "off");
    private static final ResponseCache MEMO = MEMO_MODE.equals("off") ? null : new ResponseCache(20_000, 1 << 20);

    private SearchCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        BigDecimal moca = BigDecimal.TEN.pow(18);
        List<Kind> kinds = List.of(
                new Kind("text: one word, relevance", r -> search(word(r), null, null, null, null, null,
                        ListingQueries.Sort.RELEVANCE)),
                new Kind("text: two words, relevance", r -> search(word(r) + " " + word(r), null, null, null, null, null,
                        ListingQueries.Sort.RELEVANCE)),
                new Kind("text + type + price range", r -> search(word(r), "education", moca,
                        moca.multiply(BigDecimal.valueOf(50)), null, null, ListingQueries.Sort.RELEVANCE)),
                new Kind("filters: type, sort price_asc", r -> search(null, "financial", null, null, null, null,
                        ListingQueries.Sort.PRICE_ASC)),
                new Kind("filters: min reputation, sort reputation", r -> search(null, null, null, null, 900, null,
                        ListingQueries.Sort.REPUTATION)),
                new Kind("browse: newest", r -> search(null, null, null, null, null, null, ListingQueries.Sort.NEWEST)),
                new Kind("seller's listings", r -> search(null, null, null, null, null,
                        "0x" + String.format(Locale.ROOT, "%040x", r.nextInt(20000)), ListingQueries.Sort.RELEVANCE)));
        try (Connection c = DriverManager.getConnection(args[0], "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("SET plan_cache_mode = force_custom_plan; SET max_parallel_workers_per_gather = 0");
                if (args.length > 2) {
                    st.execute(args[2]);
                }
            }
            int pid;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            for (Kind k : kinds) {
                // warm-up: caches, statistics, pgjdbc's server-side statements (with the memo: the measured searches,
                // so that their memo is warm)
                run(c, k, new Random(MEMO_MODE.equals("true") ? 42 : 7), n);
            }
            double total = 0;
            for (Kind k : kinds) {
                Random r = new Random(42);
                long cpu0 = cpuNanos(pid);
                long rows = run(c, k, r, n);
                double ms = (cpuNanos(pid) - cpu0) / 1e6 / n;
                total += ms;
                System.out.printf(Locale.ROOT, "%-42s %7.3f ms CPU/search (%d searches, %d rows)%n", k.name(), ms, n, rows);
            }
            System.out.printf(Locale.ROOT, "%-42s %7.3f ms CPU/search%n", "mix average", total / kinds.size());
            if (Boolean.getBoolean("cost.steps")) {
                for (Kind k : kinds.subList(0, 3)) {
                    steps(c, pid, k, n);
                }
            }
            System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static long run(Connection c, Kind k, Random r, int n) throws SQLException {
        long rows = 0;
        for (int i = 0; i < n; i++) {
            ListingQueries.Search s = k.search().apply(r);
            rows += s.sort() == ListingQueries.Sort.RELEVANCE && s.q() != null ? RelevanceSearch.page(c, s, MEMO).items().size()
                    : ListingQueries.run(c, ListingQueries.query(s), s.limit()).items().size();
        }
        return rows;
    }

    /**
     * Where a relevance kind's CPU goes: every step {@link RelevanceSearch} may take (tier 1 then 0; walk, window,
     * rest), each run whether or not the earlier ones filled the page, with the CPU and rows of each.
     */
    private static void steps(Connection c, int pid, Kind k, int n) throws Exception {
        long[][] cpu = new long[2][3];
        long[][] rows = new long[2][3];
        Random r = new Random(42);
        for (int i = 0; i < n; i++) {
            ListingQueries.Search s = k.search().apply(r);
            BigDecimal top;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(listing_id) + 1 FROM listings")) {
                rs.next();
                top = rs.getBigDecimal(1);
            }
            long[] windows = {RelevanceSearch.FIRST_WINDOW, RelevanceSearch.SECOND_WINDOW};
            for (int tier = 1; tier >= 0; tier--) {
                BigDecimal upper = top;
                for (int step = 0; step <= windows.length; step++) {
                    BigDecimal lower = step < windows.length ? top.subtract(BigDecimal.valueOf(windows[step])) : null;
                    ListingQueries.Query q = ListingQueries.tierQuery(s, tier, lower, upper, s.limit() + 1,
                            step == 0 ? ListingQueries.Scan.WALK : ListingQueries.Scan.BITMAP);
                    long t0 = cpuNanos(pid);
                    try (var ps = ListingQueries.prepare(c, q); ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows[1 - tier][step]++;
                        }
                    }
                    cpu[1 - tier][step] += cpuNanos(pid) - t0;
                    upper = lower;
                }
            }
        }
        System.out.println(k.name() + ", per search, every step run:");
        for (int t = 0; t < 2; t++) {
            for (int step = 0; step < 3; step++) {
                System.out.printf(Locale.ROOT, "  tier %d step %d: %7.3f ms CPU, %5.1f rows%n", 1 - t, step + 1,
                        cpu[t][step] / 1e6 / n, rows[t][step] / (double) n);
            }
        }
    }

    private static long cpuNanos(int pid) throws java.io.IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split(" ")[0]);
    }

    private static String word(Random r) {
        return r.nextBoolean() ? SUBJECTS[r.nextInt(SUBJECTS.length)] : FIELDS[r.nextInt(FIELDS.length)];
    }

    private static ListingQueries.Search search(String q, String type, BigDecimal min, BigDecimal max, Integer minRep,
            String seller, ListingQueries.Sort sort) {
        return new ListingQueries.Search(q, type, min, max, seller, null, minRep, ListingQueries.Status.ACTIVE, sort, 20,
                null);
    }

    private record Kind(String name, Function<Random, ListingQueries.Search> search) {
    }
}
