package io.enclave.discovery.server;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Map<Object, Answer> entries;
    /** False while whoever invalidates this cache may have missed a commit (a replica's lost LISTEN connection). */
    private volatile boolean live = true;
    private long bytes;
    private long entriesGeneration;
    /** Bumped when a listing's title or type may have changed (or a listing vanished): {@link #emptyTitleBelow}. */
    private final AtomicLong titleGeneration = new AtomicLong();
    private final Map<Object, BigDecimal> emptyTitleTiers = new LinkedHashMap<>(1024, 0.75f, true);

    /**
     * A ready answer: the JSON bytes exactly as sent, and their strong ETag (the first 128 bits of their SHA-256, so
     * equal bytes have equal tags on every replica and across restarts, and different bytes never share one in practice).
     */
    public record Answer(byte[] body, String etag) {
        public static Answer of(byte[] body) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
                return new Answer(body, '"' + HexFormat.of().formatHex(d, 0, 16) + '"');
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Answer a && Arrays.equals(body, a.body) && etag.equals(a.etag);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Answer[" + body.length + " bytes, " + etag + "]";
        }
    }

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
    public Answer get(Object key) {
        Answer v;
        synchronized (this) {
            v = live && entriesGeneration == generation.get() ? entries.get(key) : null;
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
    public void put(Ticket ticket, Object key, Answer value) {
        if (value.body().length > maxBytes) {
            return;
        }
        synchronized (this) {
            long now = generation.get();
            if (ticket.generation() != now || !live) {
                return;
            }
            if (entriesGeneration != now) {
                entries.clear();
                bytes = 0;
                entriesGeneration = now;
            }
            Answer old = entries.put(key, value);
            bytes += value.body().length - (old == null ? 0 : old.body().length);
            var eldest = entries.values().iterator();
            while (entries.size() > maxEntries || bytes > maxBytes) {
                bytes -= eldest.next().body().length;
                eldest.remove();
            }
        }
    }

    /**
     * The data may have changed in any way: nothing cached so far is served again, answers nor the empty-title-tier
     * memo. Whoever cannot say what its commit changed calls this.
     */
    public void invalidate() {
        invalidateTitles();
        generation.incrementAndGet();
    }

    /**
     * A commit changed rows but no listing's title or credential type, removed no listing, and added listings only with
     * higher ids than any before and without a title (the indexer's batches: metadata comes later, by the fetcher, whose
     * commits call {@link #invalidate()}): the cached answers go, the memo of {@link #emptyTitleBelow} stays true.
     */
    public void invalidateAnswers() {
        generation.incrementAndGet();
    }

    private void invalidateTitles() {
        titleGeneration.incrementAndGet();
        synchronized (emptyTitleTiers) {
            emptyTitleTiers.clear();
        }
    }

    /**
     * A commit set one listing's title (see {@link ChangeListener}): memo checks already running record nothing (their
     * tickets are of an older generation); the caller then drops the entries that listing falsifies and the answers.
     */
    void beginTitleChange() {
        titleGeneration.incrementAndGet();
    }

    /** The memo's keys now (a copy). */
    List<Object> emptyTitleKeys() {
        synchronized (emptyTitleTiers) {
            return List.copyOf(emptyTitleTiers.keySet());
        }
    }

    /** Forgets the memo of {@code keys}. */
    void dropEmptyTitles(Collection<?> keys) {
        synchronized (emptyTitleTiers) {
            emptyTitleTiers.keySet().removeAll(keys);
        }
    }

    /** A token taken before checking that a title tier is empty; {@link #putEmptyTitleBelow} honours it. */
    public record TitleTicket(long generation) {
    }

    public TitleTicket titleTicket() {
        return new TitleTicket(titleGeneration.get());
    }

    /**
     * The memo of relevance searches' title tiers: an id M such that no listing with an id below M has a title matching
     * {@code key}'s query (with its credential type, when the key has one), or null. Listing ids only grow and new
     * listings have no title, so the memo stays true until {@link #invalidate()}; while the cache is suspended it is not
     * used.
     */
    public BigDecimal emptyTitleBelow(Object key) {
        if (!live) {
            return null;
        }
        synchronized (emptyTitleTiers) {
            return emptyTitleTiers.get(key);
        }
    }

    /** Records that no listing below {@code below} matches {@code key}'s title tier, checked after {@code ticket}. */
    public void putEmptyTitleBelow(TitleTicket ticket, Object key, BigDecimal below) {
        synchronized (emptyTitleTiers) {
            if (!live || ticket.generation() != titleGeneration.get()) {
                return;
            }
            emptyTitleTiers.merge(key, below, BigDecimal::max);
            var eldest = emptyTitleTiers.keySet().iterator();
            while (emptyTitleTiers.size() > maxEntries) {
                eldest.next();
                eldest.remove();
            }
        }
    }

    /**
     * Stops serving and storing answers: commits may happen that nobody will report (the notices' connection is lost).
     * Every request is then answered from the database until {@link #resume()}.
     */
    public void suspend() {
        live = false;
        invalidate();
    }

    /**
     * Serves answers again; call it only once every later commit will be reported. Nothing stored before is served,
     * and answers whose computation began before this call are not stored (their tickets are of an older generation).
     */
    public void resume() {
        invalidate();
        live = true;
    }

    public boolean live() {
        return live;
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
