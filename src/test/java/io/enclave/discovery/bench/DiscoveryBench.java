package io.enclave.discovery.bench;

import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.db.EmbeddedDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.Toolchain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The discovery benchmarks (never part of mvn verify). Run from the project folder after {@code mvn -B test-compile}:
 * <pre>
 *   mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 *   java -cp target/test-classes:target/classes:$(cat target/bench.cp) io.enclave.discovery.bench.DiscoveryBench \
 *        search 1000000 [seconds] [client threads]
 *   java -cp ... io.enclave.discovery.bench.DiscoveryBench backfill 100000
 * </pre>
 * {@code search} fills an embedded PostgreSQL with N synthetic listings, serves them, and drives the API from a Java
 * load generator on loopback; {@code backfill} emits N ListingCreated events on anvil and times indexing them.
 */
public final class DiscoveryBench {
    static final String[] SUBJECTS = {"degree", "diploma", "employment", "salary", "credit", "residency", "license",
        "certificate", "membership", "transcript", "passport", "insurance", "mortgage", "tenancy", "volunteering",
        "apprenticeship", "internship", "publication", "patent", "award"};
    static final String[] FIELDS = {"computer science", "medicine", "law", "finance", "engineering", "nursing", "design",
        "teaching", "accounting", "architecture", "biology", "chemistry", "physics", "economics", "history", "music"};
    static final String[] TYPES = {"education", "employment", "financial", "identity", "health"};

    private DiscoveryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DiscoveryBench search <listings> [seconds] [threads] | backfill <events>");
            System.exit(2);
        }
        if (args[0].equals("search")) {
            search(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 30,
                    args.length > 3 ? Integer.parseInt(args[3]) : 8);
        } else {
            backfill(Integer.parseInt(args[1]));
        }
    }

    static void search(int listings, int seconds, int threads) throws Exception {
        Path dir = Files.createTempDirectory("enclave-bench-pg-");
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             DiscoveryDatabase db = DiscoveryDatabase.open(pg.jdbcUrl(), pg.user(), null, null,
                     DiscoveryDatabase.defaultPoolSize())) {
            long t0 = System.nanoTime();
            fill(db, listings);
            System.out.printf(Locale.ROOT, "filled %,d listings in %.1f s%n", listings, (System.nanoTime() - t0) / 1e9);
            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                    .start("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port() + "/api/v1/listings?";
                List<String[]> mix = List.of(
                        new String[] {"text: one word, relevance", "q=%s"},
                        new String[] {"text: two words, relevance", "q=%s+%s"},
                        new String[] {"text + type + price range", "q=%s&type=education&minPrice=1&maxPrice=50"},
                        new String[] {"filters: type, sort price_asc", "type=financial&sort=price_asc"},
                        new String[] {"filters: min reputation, sort reputation", "minReputation=900&sort=reputation"},
                        new String[] {"browse: newest", "sort=newest"},
                        new String[] {"seller's listings", "seller=%a"});
                run(base, mix, 5, threads, false);
                run(base, mix, seconds, threads, true);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static void fill(DiscoveryDatabase db, int n) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            String subjects = "(ARRAY['" + String.join("','", SUBJECTS) + "'])";
            String fields = "(ARRAY['" + String.join("','", FIELDS) + "'])";
            String types = "(ARRAY['" + String.join("','", TYPES) + "'])";
            s.execute("INSERT INTO listings (listing_id, seller, credential_hash, price_wei, metadata_digest, created_block,"
                    + " created_tx, created_at, updated_block, title, description, tags, tags_text, credential_type,"
                    + " metadata_status, seller_reputation)"
                    + " SELECT i, '0x' || lpad(to_hex(i % 20000), 40, '0'), '0x' || md5(i::text) || md5(i::text),"
                    + " ((i * 7919) % 100 + 1)::numeric * 1000000000000000000, '0x' || md5('d' || i) || md5('d' || i),"
                    + " i / 10, '0x' || md5('t' || i) || md5('t' || i), now() - make_interval(secs => (" + n + " - i)),"
                    + " i / 10,"
                    + " 'Verified ' || " + subjects + "[1 + i % 20] || ' in ' || " + fields + "[1 + (i / 20) % 16]"
                    + "   || ' #' || (i % 997),"
                    + " 'Zero-knowledge proof of a ' || " + subjects + "[1 + (i / 7) % 20] || ' issued by attestor '"
                    + "   || (i % 1009) || ', region ' || " + fields + "[1 + (i / 3) % 16],"
                    + " ARRAY[" + types + "[1 + i % 5], " + subjects + "[1 + i % 20]],"
                    + " " + types + "[1 + i % 5] || ' ' || " + subjects + "[1 + i % 20],"
                    + " " + types + "[1 + i % 5], 'verified', (i * 31) % 1001"
                    + " FROM generate_series(1::bigint, " + n + ") i");
            s.execute("VACUUM ANALYZE listings");
        }
    }

    static String url(String base, String pattern) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String q = pattern.replace("%a", "0x" + String.format(Locale.ROOT, "%040x", r.nextInt(20000)));
        while (q.contains("%s")) {
            String word = r.nextBoolean() ? SUBJECTS[r.nextInt(SUBJECTS.length)]
                    : FIELDS[r.nextInt(FIELDS.length)].split(" ")[0];
            q = q.replaceFirst("%s", word);
        }
        return base + q;
    }

    static void run(String base, List<String[]> mix, int seconds, int threads, boolean report) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[][]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[][] lat = new long[mix.size()][];
                int[] counts = new int[mix.size()];
                for (int i = 0; i < lat.length; i++) {
                    lat[i] = new long[1 << 20];
                }
                int k = ThreadLocalRandom.current().nextInt(mix.size());
                while (System.nanoTime() < end) {
                    k = (k + 1) % mix.size();
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url(base, mix.get(k)[1]))).GET().build();
                    long s = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    long d = System.nanoTime() - s;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + new String(r.body()));
                    }
                    if (counts[k] < lat[k].length) {
                        lat[k][counts[k]++] = d;
                    }
                }
                for (int i = 0; i < lat.length; i++) {
                    lat[i] = Arrays.copyOf(lat[i], counts[i]);
                }
                return lat;
            }));
        }
        List<List<Long>> byKind = new ArrayList<>();
        for (int i = 0; i < mix.size(); i++) {
            byKind.add(new ArrayList<>());
        }
        for (Future<long[][]> f : results) {
            long[][] lat = f.get();
            for (int i = 0; i < lat.length; i++) {
                for (long v : lat[i]) {
                    byKind.get(i).add(v);
                }
            }
        }
        pool.shutdown();
        if (!report) {
            return;
        }
        List<Long> all = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-45s %8s %8s %8s %8s%n", "query", "count", "p50 ms", "p95 ms", "p99 ms");
        for (int i = 0; i < mix.size(); i++) {
            List<Long> l = byKind.get(i);
            all.addAll(l);
            print(mix.get(i)[0], l);
        }
        print("ALL", all);
        System.out.printf(Locale.ROOT, "throughput: %.0f requests/s with %d client threads over %d s%n",
                all.size() / (double) seconds, threads, seconds);
    }

    static void print(String name, List<Long> l) {
        long[] a = l.stream().mapToLong(Long::longValue).sorted().toArray();
        if (a.length == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-45s %8d %8.2f %8.2f %8.2f%n", name, a.length, a[a.length / 2] / 1e6,
                a[(int) (a.length * 0.95)] / 1e6, a[(int) (a.length * 0.99)] / 1e6);
    }

    static void backfill(int events) throws Exception {
        try (Anvil anvil = Anvil.start(31337)) {
            MarketFixture m = MarketFixture.deploy(anvil, 0);
            String seller = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
            int perTx = 500;
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i += perTx) {
                m.listMany(1 + i, Math.min(perTx, events - i), seller, MarketFixture.digestOf("doc"));
            }
            m.sync();
            System.out.printf(Locale.ROOT, "emitted %,d events in %.1f s (anvil head %s)%n", events,
                    (System.nanoTime() - t0) / 1e9, anvil.blockNumber());
            Path dir = Files.createTempDirectory("enclave-bench-pg-");
            try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
                 DiscoveryDatabase db = DiscoveryDatabase.open(pg.jdbcUrl(), pg.user(), null, null, 4)) {
                Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()),
                        IndexerConfig.of(m.asContracts(), 0, 0), new SimpleMeterRegistry());
                long s = System.nanoTime();
                int steps = ix.catchUp();
                double secs = (System.nanoTime() - s) / 1e9;
                System.out.printf(Locale.ROOT, "backfill: %,d events in %.2f s = %.0f events/s (%d steps)%n", events, secs,
                        events / secs, steps);
            } finally {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.println("toolchain: " + Toolchain.projectDir());
    }
}
