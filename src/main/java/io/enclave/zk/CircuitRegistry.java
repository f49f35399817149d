package io.enclave.zk;

import io.enclave.zk.groth16.MalformedProofDataException;
import io.enclave.zk.groth16.ProvingKey;
import io.enclave.zk.groth16.VerifyingKey;
import io.enclave.zk.witness.BuildTimeWitness;
import io.enclave.zk.witness.WitnessCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and caches circuits by id. Each circuit is a folder {@code <id>/} holding {@code circuit.wasm},
 * {@code circuit.zkey} and {@code verification_key.json}: on the class path under {@code io/enclave/zk/circuits/}
 * (the app), or under a directory (tests, or keys from a deployment's own ceremony).
 *
 * <p>A loaded circuit costs tens of MB of heap (its witness program, compiled at build time for the shipped circuits,
 * see {@link BuildTimeWitness}; its proving key). A long-running
 * process (the desktop studio) calls {@link #releaseIdle(Duration)}, or {@link #releaseIdleEvery(Duration)} once, so a
 * circuit nobody has used for a while is dropped and loaded again on its next use. A circuit is never released while
 * a {@link #use} of it runs, and one id is loaded at most once at a time (never two copies of one proving key).
 *
 * <p>A screen that is about to prove (the studio's wizard before its proof is made) opens a {@link #hold()}: while any
 * hold is open no circuit is released as idle, and closing the last one releases every circuit at once — one a use
 * still runs on (or is loading) when its use ends, unless a hold was opened again meanwhile. Uses without a hold (the
 * CLI, the seller's per-buyer proofs at delivery) leave their circuit to the idle release.
 */
public final class CircuitRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String CLASS_PATH_ROOT = "io/enclave/zk/circuits/";

    private final Path directory;
    private final Clock clock;
    private final Map<String, Held> circuits = new ConcurrentHashMap<>();
    private final Map<String, VerifyingKey> verifyingKeys = new ConcurrentHashMap<>();
    /** Open holds and the count of "last hold closed" events, both guarded by {@code this}. */
    private int holds;
    private long releasesAsked;
    private volatile Runnable onRelease = () -> { };

    /** A loaded circuit, its running uses and when it was last used; fields guarded by the map's lock on its key. */
    private static final class Held {
        final Circuit circuit;
        int users;
        Instant lastUsed;

        Held(Circuit circuit) {
            this.circuit = circuit;
        }
    }

    private CircuitRegistry(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Circuits shipped in the application (class path {@code io/enclave/zk/circuits/<id>/}). */
    public static CircuitRegistry classPath() {
        return new CircuitRegistry(null, Clock.systemUTC());
    }

    /** Circuits in {@code <directory>/<id>/}. */
    public static CircuitRegistry directory(Path directory) {
        return new CircuitRegistry(directory, Clock.systemUTC());
    }

    /** The same circuits, idle time measured by {@code clock} (tests); the loaded ones are not shared. */
    public CircuitRegistry withClock(Clock clock) {
        return new CircuitRegistry(directory, clock);
    }

    /**
     * The full circuit (for proving); loaded on first use, then cached until released as idle. A caller that keeps the
     * circuit beyond one short call should prefer {@link #use}, which also keeps it from being released meanwhile.
     */
    public Circuit circuit(String id) {
        checkId(id);
        return circuits.compute(id, (k, held) -> {
            Held h = held != null ? held : new Held(load(k));
            h.lastUsed = clock.instant();
            return h;
        }).circuit;
    }

    /**
     * Runs {@code work} with the circuit (loaded first if needed); the circuit is not released while it runs, and its
     * idle time starts when the work ends.
     */
    public <T> T use(String id, Function<Circuit, T> work) {
        checkId(id);
        long asked = releasesAsked();
        Held held = circuits.compute(id, (k, h) -> {
            Held x = h != null ? h : new Held(load(k));
            x.users++;
            x.lastUsed = clock.instant();
            return x;
        });
        try {
            return work.apply(held.circuit);
        } finally {
            boolean[] released = {false};
            circuits.computeIfPresent(id, (k, h) -> {
                if (h != held) {
                    return h;
                }
                h.users--;
                h.lastUsed = clock.instant();
                // a release was asked while this use ran (or loaded) and nobody holds circuits now: release it now
                if (h.users == 0 && releaseAskedSince(asked)) {
                    released[0] = true;
                    return null;
                }
                return h;
            });
            if (released[0]) {
                LOG.info("released circuit {} at the end of its use (no screen holds it)", id);
                onRelease.run();
            }
        }
    }

    /**
     * Keeps the loaded circuits (and those loaded while it is open) from being released as idle until it is closed;
     * closing the last open hold releases them at once (see the class comment). Holds may be opened and closed on any
     * thread; closing one twice is harmless.
     */
    public Hold hold() {
        synchronized (this) {
            holds++;
        }
        return new Hold() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (CircuitRegistry.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--holds > 0) {
                        return;
                    }
                    releasesAsked++;
                }
                releaseUnheld();
            }
        };
    }

    /** Whether a {@link #hold()} is open now. */
    public synchronized boolean held() {
        return holds > 0;
    }

    /** An open hold of {@link #hold()}. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Releases every circuit no use runs on, unless a {@link #hold()} is open (then nothing). Returns the ids released.
     * The prover warm-up calls it when it ends: its benefit is the warm JIT, the circuit is kept only for a screen that
     * holds it.
     */
    public List<String> releaseUnheld() {
        synchronized (this) {
            if (holds > 0) {
                return List.of();
            }
        }
        List<String> released = releaseWhere(h -> h.users == 0);
        if (!released.isEmpty()) {
            LOG.info("released circuit(s) {} (no screen holds them; loaded again on next use)", released);
        }
        return released;
    }

    /** Runs {@code action} after each release that drops at least one circuit (the desktop hands the heap back). */
    public void onRelease(Runnable action) {
        this.onRelease = action == null ? () -> { } : action;
    }

    private synchronized long releasesAsked() {
        return releasesAsked;
    }

    private synchronized boolean releaseAskedSince(long asked) {
        return holds == 0 && releasesAsked != asked;
    }

    private List<String> releaseWhere(java.util.function.Predicate<Held> releasable) {
        List<String> released = new ArrayList<>();
        for (String id : circuits.keySet()) {
            circuits.computeIfPresent(id, (k, h) -> {
                if (releasable.test(h)) {
                    released.add(k);
                    return null;
                }
                return h;
            });
        }
        if (!released.isEmpty()) {
            onRelease.run();
        }
        return released;
    }

    /**
     * Drops every circuit that no use holds and that was last used {@code idle} ago or longer, unless a {@link #hold()}
     * is open (then nothing); each is loaded again on its next use. Returns the ids released.
     */
    public List<String> releaseIdle(Duration idle) {
        synchronized (this) {
            if (holds > 0) {
                return List.of();
            }
        }
        Instant cutoff = clock.instant().minus(idle);
        List<String> released = releaseWhere(h -> h.users == 0 && !h.lastUsed.isAfter(cutoff));
        if (!released.isEmpty()) {
            LOG.info("released circuit(s) {} after {} s unused (loaded again on next use)", released, idle.toSeconds());
        }
        return released;
    }

    /**
     * Calls {@link #releaseIdle(Duration)} on a daemon thread about every quarter of {@code idle} (at most every 30 s)
     * until the returned handle is closed.
     */
    public IdleRelease releaseIdleEvery(Duration idle) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "enclave-circuit-release");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long every = Math.max(1, Math.min(idle.toMillis() / 4, 30_000));
        timer.scheduleWithFixedDelay(() -> {
            try {
                releaseIdle(idle);
            } catch (RuntimeException e) {
                LOG.warn("releasing idle circuits failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Stops the timer of {@link #releaseIdleEvery(Duration)}. */
    public interface IdleRelease extends AutoCloseable {
        @Override
        void close();
    }

    /** The ids of the circuits loaded now (sorted). */
    public Set<String> loaded() {
        return new TreeSet<>(circuits.keySet());
    }

    /** Only the verifying key (cheap: what a buyer needs; a few KB, never released). */
    public VerifyingKey verifyingKey(String id) {
        checkId(id);
        return verifyingKeys.computeIfAbsent(id, k -> {
            try {
                return VerifyingKey.fromJson(new String(read(k, "verification_key.json"), StandardCharsets.UTF_8));
            } catch (MalformedProofDataException e) {
                throw new MalformedProofDataException("circuit " + k + ": " + e.getMessage());
            }
        });
    }

    private Circuit load(String id) {
        // the shipped circuits run classes compiled at build time; a directory's own wasm is compiled now
        WitnessCalculator witness = BuildTimeWitness.load(id, read(id, "circuit.wasm"), directory == null);
        ProvingKey key = ProvingKey.read(read(id, "circuit.zkey"));
        return new Circuit(id, witness, key, verifyingKey(id));
    }

    private byte[] read(String id, String file) {
        try {
            if (directory != null) {
                Path p = directory.resolve(id).resolve(file);
                if (!Files.isRegularFile(p)) {
                    throw new UnknownCircuitException("circuit \"" + id + "\" has no " + file + " in " + directory.resolve(id));
                }
                return Files.readAllBytes(p);
            }
            String resource = CLASS_PATH_ROOT + id + "/" + file;
            try (InputStream in = CircuitRegistry.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new UnknownCircuitException("circuit \"" + id + "\" is not in this build (no class-path resource "
                            + resource + ")");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of circuit " + id, e);
        }
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new UnknownCircuitException("\"" + id + "\" is not a circuit id (lower-case letters, digits, - and _)");
        }
    }

    /** No circuit by that id (or a file of it is missing). */
    public static final class UnknownCircuitException extends IllegalArgumentException {
        public UnknownCircuitException(String message) {
            super(message);
        }
    }
}
