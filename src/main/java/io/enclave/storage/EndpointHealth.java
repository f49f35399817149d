package io.enclave.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Success and failure counts per endpoint, the last error and latency: what the health view and the fallback order use. */
public final class EndpointHealth {
    /** After this many consecutive failures an endpoint is tried after the healthy ones. */
    public static final int DEGRADED_AFTER = 3;

    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Clock clock;

    public EndpointHealth() {
        this(Clock.systemUTC());
    }

    public EndpointHealth(Clock clock) {
        this.clock = clock;
    }

    /** A point-in-time view of one endpoint. */
    public record Snapshot(String endpoint, long successes, long failures, int consecutiveFailures,
                           String lastError, Instant lastErrorAt, long lastLatencyMillis) {
        public boolean degraded() {
            return consecutiveFailures >= DEGRADED_AFTER;
        }
    }

    public void success(String endpoint, long latencyMillis) {
        stats.computeIfAbsent(endpoint, Stats::new).success(latencyMillis);
    }

    public void failure(String endpoint, String error) {
        stats.computeIfAbsent(endpoint, Stats::new).failure(error, clock.instant());
    }

    public Snapshot of(String endpoint) {
        return stats.computeIfAbsent(endpoint, Stats::new).snapshot();
    }

    public List<Snapshot> all() {
        return stats.values().stream().map(Stats::snapshot)
                .sorted(java.util.Comparator.comparing(Snapshot::endpoint)).toList();
    }

    private static final class Stats {
        private final String endpoint;
        private long successes;
        private long failures;
        private int consecutive;
        private String lastError;
        private Instant lastErrorAt;
        private long lastLatency = -1;

        Stats(String endpoint) {
            this.endpoint = endpoint;
        }

        synchronized void success(long latency) {
            successes++;
            consecutive = 0;
            lastLatency = latency;
        }

        synchronized void failure(String error, Instant at) {
            failures++;
            consecutive++;
            lastError = error;
            lastErrorAt = at;
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(endpoint, successes, failures, consecutive, lastError, lastErrorAt, lastLatency);
        }
    }
}
