package io.enclave.discovery.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of JSON answers, keyed by the normalized (validated) request. The API only reads data that changes
 * when the indexer commits a batch (or a reorg rollback) or the metadata fetcher commits a document, and each of them
 * calls {@link #invalidate()} right after its commit. An answer is stored only if no invalidation happened while it was
 * being computed (from {@link #ticket()} to {@link #put}), and served only in the generation it was stored in, so the
 * cache never returns data older than the last commit whose invalidation has returned.
 */
public final class ResponseCache {
    private final int maxEntries;
    private final long maxBytes;
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Map<Object, byte[]> entries;
    private long bytes;
    private long entriesGeneration;

    /** A token taken before computing an answer; {@link #put} stores the answer only if it is still current. */
    public record Ticket(long generation) {
    }

    public ResponseCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("cache limits must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true);
    }

    /** The cached answer for {@code key} in the current generation, or null (then take a {@link #ticket()}). */
    public byte[] get(Object key) {
        byte[] v;
        synchronized (this) {
            v = entriesGeneration == generation.get() ? entries.get(key) : null;
        }
        if (v == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return v;
    }

    public Ticket ticket() {
        return new Ticket(generation.get());
    }

    /** Stores an answer computed after {@code ticket} was taken, unless the data changed in between. */
    public void put(Ticket ticket, Object key, byte[] value) {
        if (value.length > maxBytes) {
            return;
        }
        synchronized (this) {
            long now = generation.get();
            if (ticket.generation() != now) {
                return;
            }
            if (entriesGeneration != now) {
                entries.clear();
                bytes = 0;
                entriesGeneration = now;
            }
            byte[] old = entries.put(key, value);
            bytes += value.length - (old == null ? 0 : old.length);
            var eldest = entries.values().iterator();
            while (entries.size() > maxEntries || bytes > maxBytes) {
                bytes -= eldest.next().length;
                eldest.remove();
            }
        }
    }

    /** The data may have changed: nothing cached so far is served again. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public synchronized int size() {
        return entriesGeneration == generation.get() ? entries.size() : 0;
    }
}
