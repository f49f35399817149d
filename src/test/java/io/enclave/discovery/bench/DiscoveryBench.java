package io.enclave.discovery.bench;

import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.db.EmbeddedDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.discovery.server.ResponseCache;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.Toolchain;
import io.micrometer.core.instrument.Timer;
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
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
                    args.length > 3 ? Integer.parseInt(args[3]) : 8,
                    args.length > 4 ? Path.of(args[4]) : null,
                    !"nocache".equals(System.getProperty("bench.cache", "cache")),
                    System.getProperty("bench.loadgen", "wrk"));
        } else {
            backfill(Integer.parseInt(args[1]));
        }
    }

    /**
     * Fills (or reuses, with {@code dataDir} holding a filled database) N listings, serves them and drives the mix.
     * {@code -Dbench.cache=nocache} turns the response cache off; {@code -Dbench.rate=N} (Java load generator) offers a
     * fixed N requests/s and times each request from when it was due; {@code -Dbench.loadgen=java} uses the Java load
     * generator instead of wrk (which runs as its own process, niced, so the server's CPU time can be told apart).
     */
    static void search(int listings, int seconds, int threads, Path dataDir, boolean cached, String loadgen)
            throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("enclave-bench-pg-");
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             DiscoveryDatabase db = DiscoveryDatabase.open(pg.jdbcUrl(), pg.user(), null, null,
                     DiscoveryDatabase.defaultPoolSize())) {
            if (fresh || dataDir == null) {
                long t0 = System.nanoTime();
                fill(db, listings);
                System.out.printf(Locale.ROOT, "filled %,d listings in %.1f s%n", listings, (System.nanoTime() - t0) / 1e9);
            }
            ResponseCache cache = cached ? new ResponseCache(20_000, 64L << 20) : null;
            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30),
                    cache).start("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port() + "/api/v1/listings?";
                List<String[]> all = List.of(
                        new String[] {"text: one word, relevance", "q=%s"},
                        new String[] {"text: two words, relevance", "q=%s+%s"},
                        new String[] {"text + type + price range", "q=%s&type=education&minPrice=1&maxPrice=50"},
                        new String[] {"filters: type, sort price_asc", "type=financial&sort=price_asc"},
                        new String[] {"filters: min reputation, sort reputation", "minReputation=900&sort=reputation"},
                        new String[] {"browse: newest", "sort=newest"},
                        new String[] {"seller's listings", "seller=%a"});
                // -Dbench.kinds=5 (indices into the mix) drives some kinds only: "browse: newest" alone is one URL,
                // answered from the cache after its first request, which isolates what a cache hit costs the server.
                String kinds = System.getProperty("bench.kinds");
                List<String[]> mix = kinds == null ? all : java.util.Arrays.stream(kinds.split(","))
                        .map(k -> all.get(Integer.parseInt(k.trim()))).toList();
                System.out.println("response cache: " + (cached ? "on (invalidated by the indexer's commits)" : "off"));
                if (Boolean.getBoolean("bench.pertype")) {
                    // Each query kind alone (Java load generator, cache off): PostgreSQL's CPU per request by kind.
                    run(base, mix, 10, threads, false);
                    for (String[] kind : mix) {
                        CpuClock cpu = new CpuClock(dir);
                        long n = run(base, List.<String[]>of(kind), 10, threads, false);
                        double[] used = cpu.elapsed();
                        System.out.printf(Locale.ROOT, "%-45s %6d requests  PostgreSQL %7.3f ms CPU/request%n", kind[0], n,
                                used[1] * 1000 / n);
                    }
                    return;
                }
                Path script = loadgen.equals("wrk") ? wrkScript(base, mix) : null;
                // Warm-up (-Dbench.warmup seconds, default 30): on a busy 2-core machine the JIT compilers were still
                // taking 0.6 ms of CPU per request after 15 s, which is start-up cost, not a request's.
                int warmup = Integer.getInteger("bench.warmup", 30);
                if (script != null) {
                    wrk(base, script, warmup, threads, false);
                } else {
                    run(base, mix, warmup, threads, false);
                }
                // The measured run starts as after an indexer batch's commit (its notice empties the answers, while the memo
                // of empty title tiers stays true); -Dbench.invalidate=all starts it as after a commit that may have changed
                // titles (a metadata fetch, a reorg), with the memo emptied too.
                if (cache != null && "all".equals(System.getProperty("bench.invalidate", "answers"))) {
                    cache.invalidate();
                } else if (cache != null) {
                    cache.invalidateAnswers();
                }
                long hits0 = cache == null ? 0 : cache.hits();
                long misses0 = cache == null ? 0 : cache.misses();
                CpuClock cpu = new CpuClock(dir);
                Map<String, Double> threads0 = threadCpu();
                String load0 = loadAverage();
                long requests = script != null ? wrk(base, script, seconds, threads, true)
                        : run(base, mix, seconds, threads, true);
                double[] used = cpu.elapsed();
                System.out.printf(Locale.ROOT, "load average before: %s, after: %s%n", load0, loadAverage());
                System.out.printf(Locale.ROOT, "CPU per request: server JVM %.3f ms, PostgreSQL %.3f ms (%d requests, %.1f"
                        + " s + %.1f s CPU over %d s wall)%n", used[0] * 1000 / requests, used[1] * 1000 / requests, requests,
                        used[0], used[1], seconds);
                printThreadCpu(threads0, threadCpu(), requests);
                if (cache != null) {
                    long h = cache.hits() - hits0;
                    long m = cache.misses() - misses0;
                    System.out.printf(Locale.ROOT, "response cache: %d hits, %d misses, hit rate %.1f %%%n", h, m,
                            100.0 * h / Math.max(1, h + m));
                }
            }
        } finally {
            if (dataDir == null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static String loadAverage() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** CPU seconds used by this JVM and by the PostgreSQL server of {@code dataDir} (its processes and reaped children). */
    static final class CpuClock {
        private final long postmaster;
        private final double jvm0;
        private final double pg0;

        CpuClock(Path dataDir) throws java.io.IOException {
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            jvm0 = jvm();
            pg0 = postgres();
        }

        double[] elapsed() throws java.io.IOException {
            return new double[] {jvm() - jvm0, postgres() - pg0};
        }

        private static double jvm() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }

        private double postgres() throws java.io.IOException {
            double ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(x -> x.getFileName().toString().matches("[0-9]+")).toList()) {
                    String stat;
                    try {
                        stat = Files.readString(p.resolve("stat"));
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks / 100.0;
        }
    }

    /**
     * CPU seconds used so far by this JVM's threads, summed by thread kind (the name without its number), and the
     * kernel's share of each.
     */
    static Map<String, Double> threadCpu() throws java.io.IOException {
        Map<String, Double> byKind = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String kind = name.replaceAll("[0-9]+", "#");
                    byKind.merge(kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                    byKind.merge(kind + " (of which kernel)", Long.parseLong(f[12]) / 100.0, Double::sum);
                } catch (java.io.IOException e) {
                    // the thread has ended
                }
            }
        }
        return byKind;
    }

    /** The server JVM's CPU per request by thread kind (request threads, selectors, JIT compilers, GC, ...). */
    static void printThreadCpu(Map<String, Double> before, Map<String, Double> after, long requests) {
        StringBuilder line = new StringBuilder("server JVM CPU per request by thread kind:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.3f ms;", e.getKey(),
                        e.getValue() * 1000 / requests)));
        System.out.println(line);
    }

    /** CPU seconds (user + system) used so far by the given processes. */
    static double ticks(List<Long> pids) {
        double t = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                t += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException e) {
                // the process has gone
            }
        }
        return t / 100.0;
    }

    /** Drives the mix with wrk (niced below the server), each connection replaying random URLs of the mix. */
    static Path wrkScript(String base, List<String[]> mix) throws java.io.IOException {
        Path script = Files.createTempFile("enclave-bench-", ".lua");
        StringBuilder lua = new StringBuilder("local paths = {\n");
        String prefix = base.substring(base.indexOf("/api/"));
        for (int i = 0; i < 200_000; i++) { // more than a run sends at 1,500 requests/s: no replayed URL
            String u = url(prefix, mix.get(i % mix.size())[1]);
            lua.append('"').append(u).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nlocal threads = 0\n"
                + "function setup(thread) threads = threads + 1; thread:set(\"start\", threads * 17389) end\n"
                + "function init(args) i = start % #paths end\n"
                + "function request() i = i % #paths + 1; return wrk.format(\"GET\", paths[i]) end\n"
                // -Dbench.wrkdelay=MS: each connection pauses MS after every answer, so N connections offer about
                // N / (MS + latency) requests/s — a sustained load below saturation, to read the latency at that rate
                + (Integer.getInteger("bench.wrkdelay", 0) > 0
                        ? "function delay() return " + Integer.getInteger("bench.wrkdelay") + " end\n" : "")
                + "function done(summary, latency, requests)\n"
                + "  io.write(string.format(\"wrk: %d requests, %d errors (status %d), p50 %.2f ms, p95 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms\\n\", summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write"
                + " + summary.errors.timeout, summary.errors.status, latency:percentile(50) / 1000,"
                + " latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))\n"
                + "  io.write(string.format(\"REQUESTS %d\\n\", summary.requests))\n"
                + "end\n");
        Files.writeString(script, lua);
        script.toFile().deleteOnExit();
        return script;
    }

    static long wrk(String base, Path script, int seconds, int connections, boolean report) throws Exception {
        String host = base.substring(0, base.indexOf("/api/"));
        Process p = new ProcessBuilder("nice", "-n", "10", "wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), host).redirectErrorStream(true).start();
        long requests = -1;
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("REQUESTS ")) {
                    requests = Long.parseLong(line.substring(9).trim());
                } else if (report) {
                    System.out.println(line);
                }
            }
        }
        if (p.waitFor() != 0 || requests < 0) {
            throw new IllegalStateException("wrk failed (exit " + p.exitValue() + ")");
        }
        if (!report) {
            return requests;
        }
        System.out.printf(Locale.ROOT, "throughput: %.0f requests/s with %d connections over %d s%n",
                requests / (double) seconds, connections, seconds);
        return requests;
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

    static long run(String base, List<String[]> mix, int seconds, int threads, boolean report) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        // -Dbench.rate=N: a fixed offered load of N requests/s over all threads, each request timed from when it was
        // due (so a stall is charged to every request it delayed: no coordinated omission); 0 = as fast as possible.
        int rate = Integer.getInteger("bench.rate", 0);
        long interval = rate > 0 ? Math.round(threads * 1e9 / rate) : 0;
        List<Future<long[][]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[][] lat = new long[mix.size()][];
                int[] counts = new int[mix.size()];
                for (int i = 0; i < lat.length; i++) {
                    lat[i] = new long[1 << 17]; // per thread and kind: 131,072 timings (16 threads x 7 kinds = 117 MB)
                }
                int k = ThreadLocalRandom.current().nextInt(mix.size());
                long due = start + (interval == 0 ? 0 : ThreadLocalRandom.current().nextLong(interval));
                while (System.nanoTime() < end) {
                    k = (k + 1) % mix.size();
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url(base, mix.get(k)[1]))).GET().build();
                    long s = System.nanoTime();
                    if (interval > 0) {
                        if (due >= end) {
                            break;
                        }
                        while (s < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - s);
                            s = System.nanoTime();
                        }
                        s = due;
                        due += interval;
                    }
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
        long total = byKind.stream().mapToLong(List::size).sum();
        if (!report) {
            return total;
        }
        List<Long> all = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-45s %8s %8s %8s %8s%n", "query", "count", "p50 ms", "p95 ms", "p99 ms");
        for (int i = 0; i < mix.size(); i++) {
            List<Long> l = byKind.get(i);
            all.addAll(l);
            print(mix.get(i)[0], l);
        }
        print("ALL", all);
        System.out.printf(Locale.ROOT, "throughput: %.0f requests/s with %d client threads over %d s%s%n",
                all.size() / (double) seconds, threads, seconds, rate > 0 ? " (offered: " + rate + " requests/s,"
                        + " latency from each request's due time)" : "");
        return total;
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
                SimpleMeterRegistry metrics = new SimpleMeterRegistry();
                Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()),
                        IndexerConfig.of(m.asContracts(), 0, 0), metrics);
                CpuClock cpu = new CpuClock(dir);
                double anvil0 = ticks(anvil.process().pids());
                String load0 = loadAverage();
                long s = System.nanoTime();
                int steps = ix.catchUp();
                double secs = (System.nanoTime() - s) / 1e9;
                double[] used = cpu.elapsed();
                double anvilCpu = ticks(anvil.process().pids()) - anvil0;
                System.out.printf(Locale.ROOT, "backfill: %,d events in %.2f s = %.0f events/s (%d steps)%n", events, secs,
                        events / secs, steps);
                System.out.printf(Locale.ROOT, "load average before: %s, after: %s%n", load0, loadAverage());
                System.out.printf(Locale.ROOT, "CPU: indexer JVM %.1f s, PostgreSQL %.1f s, anvil %.1f s = %.0f events per"
                        + " CPU-second (%.0f without anvil)%n", used[0], used[1], anvilCpu,
                        events / (used[0] + used[1] + anvilCpu), events / (used[0] + used[1]));
                for (Timer t : metrics.find("discovery_indexer_phase").timers()) {
                    System.out.printf(Locale.ROOT, "  phase %-14s %8.2f s over %d batches%n", t.getId().getTag("phase"),
                            t.totalTime(TimeUnit.SECONDS), t.count());
                }
            } finally {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.println("toolchain: " + Toolchain.projectDir());
    }
}
