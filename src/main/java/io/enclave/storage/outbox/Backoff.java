package io.enclave.storage.outbox;

import java.time.Duration;

/** Exponential retry delays: {@code first}, doubled per failed attempt, capped at {@code max}; give up after
 * {@code maxAttempts}. */
public record Backoff(Duration first, Duration max, int maxAttempts) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), 12);

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max and at least one attempt");
        }
    }

    /** The delay after the {@code attempts}-th failure (1-based). */
    public Duration after(int attempts) {
        Duration d = first;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
