package io.enclave.discovery.server;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client address: {@code perSecond} sustained, {@code burst} at once. */
final class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    /** Takes one token for {@code client}; false when the client must wait. */
    boolean tryAcquire(String client) {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * perSecond);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Seconds until a client that was refused gets its next token. */
    int retryAfterSeconds() {
        return perSecond <= 0 ? 0 : (int) Math.max(1, Math.ceil(1 / perSecond));
    }
}
