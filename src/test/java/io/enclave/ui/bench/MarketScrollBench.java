package io.enclave.ui.bench;

import io.enclave.crypto.Argon2id;
import io.enclave.discovery.bench.DiscoveryBench;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.db.EmbeddedDatabase;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.ui.StudioApp;
import io.enclave.ui.app.ProverWarmup;
import io.enclave.ui.app.Session;
import io.enclave.ui.market.ListingRow;
import io.enclave.ui.market.ResultWindow;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import io.enclave.ui.shell.ShellController;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

/**
 * The marketplace table's frame times while paging through N listings, then the studio's resident memory after a
 * scripted journey (docs/BENCHMARKS.md, "Desktop studio"). A bench main, never part of {@code mvn verify}.
 *
 * <p>A child JVM fills an embedded PostgreSQL with N listings ({@link DiscoveryBench#fill}) and serves them with the real
 * {@link DiscoveryServer}, so the studio process measured here holds only the studio. This process opens the real main
 * window (run it under Xvfb) over a fresh data folder with a wallet under the real key derivation, walks the screens,
 * searches the marketplace for everything (newest first) and scrolls the virtualized table by one screenful per frame
 * until its last row is on screen, every page fetched from the API by the screen itself as it reaches the end.
 * Per frame it records the interval between pulses (what a person sees: FX thread work, rendering, GC, the OS), the
 * FX thread's CSS + layout work in the pulse and the FX thread's CPU time between two pulses (its own work, whatever
 * the machine's load), plus every GC pause. Then it opens 50 listing details spread over the table (each row's page
 * fetched again, the table keeps only pages near the screen), visits the other screens again and reads VmRSS/VmHWM
 * from /proc/self/status, the heap, the native memory summary when the JVM tracks it
 * ({@code -XX:NativeMemoryTracking=summary}) and the largest classes of a live-heap histogram. The load average is
 * printed at the start and the end: frame intervals on a loaded machine measure the machine.
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1440x900x24" java @packaging/jvm.args -XX:NativeMemoryTracking=summary \
 *     -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *     -Denclave.project.dir=$PWD io.enclave.ui.bench.MarketScrollBench 100000 [minutes to scroll, default 30]
 * </pre>
 */
public final class MarketScrollBench {
    private static final long FRAME_LIMIT_NANOS = 100_000_000L;

    private MarketScrollBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        int listings = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println("load average at the start: " + loadAverage() + "; JVM options: "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), MarketScrollBench.class.getName(), "serve",
                Integer.toString(listings)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("server: " + line);
                if (line.startsWith("listening ")) {
                    url = line.substring("listening ".length()).trim();
                    break;
                }
            }
            if (url == null) {
                throw new IllegalStateException("the discovery server child exited before listening");
            }
            studio(url, listings, minutes);
        } finally {
            server.getOutputStream().close(); // the child exits when its stdin closes
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        Platform.exit();
        System.exit(0);
    }

    /** The child: N listings in an embedded PostgreSQL behind the real discovery server, until stdin closes. */
    private static void serve(int listings) throws Exception {
        Path dir = Files.createTempDirectory("enclave-scroll-pg-");
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir, 0);
             DiscoveryDatabase db = DiscoveryDatabase.open(pg.jdbcUrl(), pg.user(), null, null,
                     DiscoveryDatabase.defaultPoolSize())) {
            long t0 = System.nanoTime();
            DiscoveryBench.fill(db, listings);
            System.out.printf(Locale.ROOT, "filled %,d listings in %.1f s%n", listings, (System.nanoTime() - t0) / 1e9);
            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                    .start("127.0.0.1", 0)) {
                System.out.println("listening http://127.0.0.1:" + server.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void studio(String discoveryUrl, int listings, int minutes) throws Exception {
        Path home = Files.createTempDirectory("enclave-scroll-home-");
        // Auto-lock after a day: the scripted scroll sends no input, and a locked wallet hides the table (on a loaded
        // machine the journey outlasts the default 10 idle minutes).
        new SettingsStore(home).save(new Settings("devnet", List.of("http://127.0.0.1:9"), 0, "http://127.0.0.1:9",
                "https://api.pinata.cloud", List.of(), discoveryUrl, 24 * 60, false, true));
        System.setProperty("enclave.devnet", "off");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Scene scene = onFx(() -> {
            Stage stage = new Stage();
            Scene s = StudioApp.createScene(home, Argon2id.Params.WALLET);
            stage.setScene(s);
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            return s;
        });
        ShellController shell = (ShellController) scene.getUserData();
        Session session = shell.session();
        long t0 = System.nanoTime();
        var wallet = new WalletSetup(session.walletFile(), Argon2id.Params.WALLET).importPrivateKey(
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcb4d2d3ae5f3ac6ac".toCharArray(), // anvil's dev key 0
                "a long wallet password for the bench".toCharArray());
        System.out.printf(Locale.ROOT, "wallet imported (real Argon2id) in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        onFx(() -> {
            session.unlocked(wallet);
            return null;
        });
        visitScreens(shell);

        // The marketplace: everything, newest first, scrolled to the end.
        TableView<ListingRow> table = onFx(() -> {
            shell.show("market");
            @SuppressWarnings("unchecked")
            ChoiceBox<Object> sort = (ChoiceBox<Object>) scene.lookup("#sortChoice");
            sort.setValue(io.enclave.ui.market.MarketSearch.Sort.NEWEST);
            ((Button) scene.lookup("#searchButton")).fire();
            @SuppressWarnings("unchecked")
            TableView<ListingRow> t = (TableView<ListingRow>) scene.lookup("#results");
            return t;
        });
        waitFor(120, () -> !table.getItems().isEmpty());
        Scroll scroll = onFx(() -> new Scroll(scene, table, listings));
        if (!scroll.done.await(minutes, TimeUnit.MINUTES)) {
            onFx(() -> {
                scroll.stop();
                return null;
            });
            System.out.println("NOT FINISHED: the table did not reach row " + listings + " in " + minutes
                    + " minutes; figures so far:");
        }
        onFx(() -> {
            scroll.report();
            return null;
        });

        // The rest of the journey: details of listings spread over the table (a dropped row's page is fetched again when
        // it scrolls into view, the full listing for the detail pane), the other screens, back to the market.
        long details = System.nanoTime();
        int missed = 0;
        int rows = onFx(() -> table.getItems().size()); // fewer than the listings when the scroll hit its time cap
        for (int i = 0; i < 50; i++) {
            int row = (int) ((long) i * (rows - 1) / 49);
            onFx(() -> {
                table.scrollTo(row);
                table.getSelectionModel().select(row);
                return null;
            });
            try {
                waitFor(60, () -> table.getItems().get(row).loaded() && scene.lookup("#detailGrid") instanceof
                        javafx.scene.layout.GridPane g && g.getChildren().size() > 14);
            } catch (IllegalStateException e) {
                missed++;
            }
        }
        System.out.printf(Locale.ROOT, "50 details across the table (row's page and full listing fetched): %.1f s, %d not"
                + " shown within 60 s%n", (System.nanoTime() - details) / 1e9, missed);
        visitScreens(shell);
        onFx(() -> {
            shell.show("market");
            return null;
        });
        Thread.sleep(3000);
        String rss = status("VmRSS");
        String hwm = status("VmHWM");
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        int held = onFx(() -> table.getItems() instanceof ResultWindow w ? w.rowsHeld() : table.getItems().size());
        System.out.printf(Locale.ROOT, "memory after the journey (%,d rows in the table, %,d of them in memory): VmRSS %s,"
                + " VmHWM %s, heap used %d MB of %d MB committed (max %d MB); load average %s%n", table.getItems().size(),
                held, rss, hwm, heap.getUsed() >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20, loadAverage());
        System.out.println("circuits loaded then: " + session.circuits().loaded() + "; prover warm-up " + warmup(session));
        // The app resting on the market screen after the journey: the launcher's G1 options (periodic GC every 10 s
        // while idle, MaxHeapFreeRatio) give the journey's garbage heap back to the system.
        Thread.sleep(25_000);
        var rested = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "memory 25 s later, the app idle on the market screen: VmRSS %s, heap used %d MB of"
                + " %d MB committed; circuits loaded %s, prover warm-up %s%n", status("VmRSS"), rested.getUsed() >> 20,
                rested.getCommitted() >> 20, session.circuits().loaded(), warmup(session));
        // Idle on: the session drops a circuit unused for 2 minutes (CircuitRegistry.releaseIdleEvery); wait for it
        // (bounded), then 25 s for the periodic GC to hand the heap back.
        long idleStart = System.nanoTime();
        try {
            waitFor(240, () -> session.circuits().loaded().isEmpty());
        } catch (IllegalStateException e) {
            System.out.println("the circuits were still loaded after 4 idle minutes: " + session.circuits().loaded());
        }
        Thread.sleep(25_000);
        var released = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "memory idle %.0f s after the journey, circuits released: VmRSS %s, heap used %d MB"
                + " of %d MB committed; load average %s%n", (System.nanoTime() - idleStart) / 1e9 + 25, status("VmRSS"),
                released.getUsed() >> 20, released.getCommitted() >> 20, loadAverage());
        String nmt = diagnostic("vmNativeMemory", "summary");
        if (nmt.contains("Total:")) {
            System.out.println("native memory (NMT summary, committed):");
            for (String line : nmt.split("\n")) {
                String t = line.trim();
                if (t.startsWith("Total:") || t.startsWith("- ") && t.contains("committed=")) {
                    System.out.println("  " + t.replaceAll("\\(reserved=\\d+KB, ", "(").replaceAll("\\s+", " "));
                }
            }
        }
        String histogram = diagnostic("gcClassHistogram");
        System.out.println("live heap, largest classes (after a full GC):");
        histogram.lines().limit(18).forEach(l -> System.out.println("  " + l.trim()));
        var after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "after that full GC: VmRSS %s, heap used %d MB of %d MB committed%n",
                status("VmRSS"), after.getUsed() >> 20, after.getCommitted() >> 20);
        studioLast(shell, session);
        onFx(() -> {
            shell.shutdown();
            return null;
        });
    }

    /**
     * The end of a journey that is about to prove: the studio shown with its proof still to make until the warm-up has
     * ended (if it had not run yet, the studio now holds its range circuit; if it had, nothing is loaded before the
     * proof), then left (released at once). Off with {@code -Dbench.studioLast=false}.
     */
    private static void studioLast(ShellController shell, Session session) throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.studioLast", "true"))) {
            return;
        }
        onFx(() -> {
            shell.show("studio");
            return null;
        });
        long t0 = System.nanoTime();
        try {
            waitFor(600, () -> session.warmup() != null && session.warmup().state() != ProverWarmup.State.WAITING
                    && session.warmup().state() != ProverWarmup.State.RUNNING);
        } catch (IllegalStateException e) {
            System.out.println("the warm-up had not ended after 10 minutes in the studio");
        }
        Thread.sleep(3000);
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "in the studio with a proof to make (%.0f s there, prover warm-up %s): VmRSS %s, VmHWM %s,"
                + " heap used %d MB of %d MB committed; circuits loaded %s; load average %s%n", (System.nanoTime() - t0) / 1e9,
                warmup(session), status("VmRSS"), status("VmHWM"), heap.getUsed() >> 20, heap.getCommitted() >> 20,
                session.circuits().loaded(), loadAverage());
        onFx(() -> {
            shell.show("market");
            return null;
        });
        Thread.sleep(3000);
        heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "3 s after leaving the studio: VmRSS %s, heap used %d MB of %d MB committed; circuits"
                + " loaded %s%n", status("VmRSS"), heap.getUsed() >> 20, heap.getCommitted() >> 20, session.circuits().loaded());
        Thread.sleep(22_000);
        heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "25 s after leaving the studio: VmRSS %s, heap used %d MB of %d MB committed%n",
                status("VmRSS"), heap.getUsed() >> 20, heap.getCommitted() >> 20);
    }

    private static String warmup(Session session) {
        var w = session.warmup();
        return w == null ? "not started" : w.state() + (w.took() != null ? " in " + w.took().toMillis() + " ms" : "");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** A jcmd command run in this JVM (DiagnosticCommand MBean), e.g. vmNativeMemory summary. */
    private static String diagnostic(String operation, String... args) {
        try {
            var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            Object r = ManagementFactory.getPlatformMBeanServer().invoke(name, operation, new Object[] {args},
                    new String[] {String[].class.getName()});
            return String.valueOf(r);
        } catch (javax.management.JMException e) {
            return "unavailable: " + e;
        }
    }

    private static void visitScreens(ShellController shell) throws Exception {
        for (String page : List.of("wallet", "studio", "market", "issuer", "outbox", "settings", "network", "wallet")) {
            onFx(() -> {
                shell.show(page);
                return null;
            });
            Thread.sleep(300);
        }
    }

    private static String status(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        return "?";
    }

    /** Scrolls one screenful per frame until the last row is on screen, recording every frame. */
    private static final class Scroll extends AnimationTimer {
        final CountDownLatch done = new CountDownLatch(1);
        private final TableView<ListingRow> table;
        private final int listings;
        private final VirtualFlow<?> flow;
        private final List<Long> intervals = new ArrayList<>();
        private final List<Long> layoutWork = new ArrayList<>();
        private final List<Long> fxCpu = new ArrayList<>();
        private final List<Long> gcPauses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private long lastCpu;
        private final long gcStart;
        private final long gcTimeStart;
        private long last;
        private long pulseStart;
        private long startedAt;
        private long waitingFrames;

        Scroll(Scene scene, TableView<ListingRow> table, int listings) {
            this.table = table;
            this.listings = listings;
            this.flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            scene.addPreLayoutPulseListener(() -> pulseStart = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                if (startedAt != 0 && done.getCount() > 0) {
                    layoutWork.add(System.nanoTime() - pulseStart);
                }
            });
            gcStart = gcCount();
            gcTimeStart = gcMillis();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (done.getCount() > 0 && n.getUserData() instanceof javax.management.openmbean.CompositeData cd) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(cd);
                        if (!info.getGcAction().contains("concurrent")) {
                            gcPauses.add(info.getGcInfo().getDuration());
                        }
                    }
                }, null, null);
            }
            startedAt = System.nanoTime();
            lastCpu = threads.getCurrentThreadCpuTime();
            start();
        }

        @Override
        public void handle(long now) {
            long cpu = threads.getCurrentThreadCpuTime();
            if (last != 0) {
                intervals.add(now - last);
                fxCpu.add(cpu - lastCpu);
            }
            last = now;
            lastCpu = cpu;
            var lastCell = flow.getLastVisibleCell();
            boolean atEnd = lastCell != null && lastCell.getIndex() >= table.getItems().size() - 1;
            if (atEnd && table.getItems().size() >= listings) {
                stop();
                done.countDown();
                return;
            }
            if (flow.scrollPixels(flow.getHeight()) == 0) {
                waitingFrames++; // at the end of the rows so far: the next page is on its way
            }
        }

        void report() {
            double secs = (System.nanoTime() - startedAt) / 1e9;
            System.out.printf(Locale.ROOT, "scrolled %,d rows in %.1f s: %,d frames (%,d of them at the end waiting for "
                    + "the next page), GC %d collections, %d ms%n", table.getItems().size(), secs, intervals.size(),
                    waitingFrames, gcCount() - gcStart, gcMillis() - gcTimeStart);
            print("frame interval (pulse to pulse)", intervals);
            print("FX thread CSS + layout per pulse", layoutWork);
            print("FX thread CPU per frame (its own work: pulse, rendering, page arrivals)", fxCpu);
            List<Long> pauses = new ArrayList<>(gcPauses);
            Collections.sort(pauses);
            if (!pauses.isEmpty()) {
                System.out.printf(Locale.ROOT, "GC pauses: %d, p50 %d ms, max %d ms%n", pauses.size(),
                        pauses.get(pauses.size() / 2), pauses.get(pauses.size() - 1));
            }
            System.out.println("load average at the end of the scroll: " + loadAverage());
            System.out.printf(Locale.ROOT, "frames over 100 ms: %d of %d%n",
                    intervals.stream().filter(d -> d > FRAME_LIMIT_NANOS).count(), intervals.size());
        }

        private static void print(String what, List<Long> nanos) {
            List<Long> s = new ArrayList<>(nanos);
            Collections.sort(s);
            if (s.isEmpty()) {
                return;
            }
            System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", what,
                    s.get(s.size() / 2) / 1e6, s.get((int) (s.size() * 0.99)) / 1e6,
                    s.get(Math.min(s.size() - 1, (int) (s.size() * 0.999))) / 1e6, s.get(s.size() - 1) / 1e6);
        }

        private static long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                    .sum();
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .sum();
        }
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(5, TimeUnit.MINUTES);
    }

    private static void waitFor(int seconds, java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
