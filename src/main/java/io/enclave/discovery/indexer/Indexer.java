package io.enclave.discovery.indexer;

import io.enclave.discovery.db.ChangeNotice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chain with eth_getLogs and writes what it finds, one database transaction per batch: events, the rows
 * derived from them, the block hashes seen and the cursor commit together, so a crash at any point resumes with no gap
 * and no duplicate. A batch whose first block's parent hash differs from the stored hash rolls back to the highest block
 * that is still on the chain.
 *
 * <p>While a batch is written, the next one is read (getLogs, headers) and decoded on a prefetch thread. It is used only
 * if it starts where the committed cursor now points, and it is checked like any batch when written: its first block's
 * parent must be the stored hash of the block before, so a batch read before a reorg either still fits the stored chain
 * (and a later batch or the caught-up check finds the reorg and rolls it back, as for any batch read just before a
 * reorg) or is refused on the spot. A reorg, a retry or a failed write drops it.
 */
public final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final int ANCESTOR_PAGE = 64;
    private static final int PARALLEL_DECODE = 256;
    private final DataSource db;
    private final ChainSource chain;
    private final IndexerConfig config;
    private final Map<String, EventDecoder> decoders;
    private final Runnable onCommit;
    private final Runnable onAppend;
    private final List<String> topics;
    private final Counter eventsIndexed;
    private final Counter reorgs;
    private final Counter undecodable;
    private final Timer fetchLogs;
    private final Timer fetchHeaders;
    private final Timer decode;
    private final Timer write;
    private final Timer waitPrefetch;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private long chainId = -1;
    /** Adapted by {@link #prepare}, which may run on the prefetch thread. */
    private volatile int range;
    /** Fetched logs of blocks {@code from..to} not indexed yet (a getLogs answer larger than one batch). */
    private Ahead ahead;
    /**
     * Reads the next batch (getLogs, headers, decoding) while the current one is written: one thread, at most one batch
     * ahead, ended after 10 s idle. It never touches the database.
     */
    private final ExecutorService prefetcher = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "discovery-indexer-prefetch");
                t.setDaemon(true);
                return t;
            });
    /** The next batch, read and decoded on {@link #prefetcher} while the current one is written. */
    private Prefetch prefetched;

    private record Prefetch(long from, long safe, Future<Batch> batch) {
    }

    private record Ahead(long from, long to, List<RawLog> logs) {
    }

    /** The outcome of one {@link #step()}. */
    public enum Step { INDEXED, CAUGHT_UP, REORG, RETRY }

    public Indexer(DataSource db, ChainSource chain, IndexerConfig config, MeterRegistry metrics) {
        this(db, chain, config, metrics, () -> { });
    }

    /**
     * {@code onCommit} runs right after each commit that changed indexed data (a batch, a reorg rollback, a reindex), so
     * a response cache can be invalidated.
     */
    public Indexer(DataSource db, ChainSource chain, IndexerConfig config, MeterRegistry metrics, Runnable onCommit) {
        this(db, chain, config, metrics, onCommit, onCommit);
    }

    /**
     * As above, with {@code onAppend} run instead after a batch's commit, which changes no listing's title or type and
     * inserts listings without a title (see {@link ChangeNotice#sendAppended}); {@code onCommit} after a rollback.
     */
    public Indexer(DataSource db, ChainSource chain, IndexerConfig config, MeterRegistry metrics, Runnable onCommit,
            Runnable onAppend) {
        this.db = db;
        this.onCommit = onCommit;
        this.onAppend = onAppend;
        this.chain = chain;
        this.config = config;
        this.decoders = EventMappings.decoders(config.contracts());
        this.topics = decoders.values().stream().map(EventDecoder::topic).distinct().toList();
        this.range = config.initialRange();
        this.eventsIndexed = metrics.counter("discovery_indexer_events_total");
        this.reorgs = metrics.counter("discovery_indexer_reorgs_total");
        this.undecodable = metrics.counter("discovery_indexer_undecodable_logs_total");
        this.fetchLogs = phase(metrics, "fetch_logs");
        this.fetchHeaders = phase(metrics, "fetch_headers");
        this.decode = phase(metrics, "decode");
        this.write = phase(metrics, "write");
        this.waitPrefetch = phase(metrics, "wait_prefetch");
        metrics.gauge("discovery_indexer_lag_blocks", lag);
        metrics.gauge("discovery_chain_head_block", head);
    }

    private static Timer phase(MeterRegistry metrics, String phase) {
        return Timer.builder("discovery_indexer_phase").description("Time the indexer spends in each phase of a batch")
                .tag("phase", phase).register(metrics);
    }

    /** Blocks between the chain head and the last indexed block, as of the last step. */
    public long lagBlocks() {
        return lag.get();
    }

    /** Indexes until caught up with the head (minus confirmations); returns the number of steps taken. */
    public int catchUp() throws SQLException {
        int steps = 0;
        Step s;
        do {
            s = step();
            steps++;
        } while (s != Step.CAUGHT_UP);
        return steps;
    }

    /** Indexes one batch (or detects and rolls back a reorg). */
    public Step step() throws SQLException {
        if (chainId < 0) {
            chainId = chain.chainId();
        }
        long chainHead = chain.headBlock();
        head.set(chainHead);
        long safe = chainHead - config.confirmations();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Step s = step(c, chainHead, safe);
                // Delivered to API replicas by this commit (DiscoveryNode's ChangeListener). A batch inserts listings
                // without metadata (the fetcher adds titles later) and never deletes one; a rollback deletes and rebuilds.
                if (s == Step.INDEXED) {
                    ChangeNotice.sendAppended(c);
                } else if (s == Step.REORG) {
                    ChangeNotice.send(c);
                }
                c.commit();
                if (s != Step.INDEXED) {
                    discardPrefetch();
                }
                if (s == Step.INDEXED) {
                    onAppend.run();
                } else if (s == Step.REORG) {
                    onCommit.run();
                }
                return s;
            } catch (SQLException | RuntimeException e) {
                discardPrefetch();
                c.rollback();
                throw e;
            }
        }
    }

    private Step step(Connection c, long chainHead, long safe) throws SQLException {
        long next = IndexerStore.cursor(c, chainId, config.startBlock());
        lag.set(Math.max(0, chainHead - (next - 1)));
        String storedPrev = next > 0 ? IndexerStore.blockHash(c, next - 1) : null;
        if (next > safe) {
            if (storedPrev != null) {
                BlockHeader prev = chain.headers(List.of(next - 1)).get(next - 1);
                if (prev == null || !prev.hash().equals(storedPrev)) {
                    return reorg(c, next);
                }
            }
            IndexerStore.advance(c, next, chainHead);
            return Step.CAUGHT_UP;
        }
        Batch batch = takePrefetched(next, safe);
        if (batch == null) {
            Ahead rest = ahead;
            ahead = null;
            batch = prepare(next, safe, rest != null && rest.from() == next && rest.to() <= safe ? rest : null);
        }
        if (batch.retry()) {
            return Step.RETRY;
        }
        ahead = batch.rest();
        if (storedPrev != null && !batch.headers().get(next).parentHash().equals(storedPrev)) {
            return reorg(c, next);
        }
        if (batch.to() < safe) {
            prefetch(batch.to() + 1, safe, batch.rest());
        }
        long t3 = System.nanoTime();
        long to = batch.to();
        Projector.Applied applied = Projector.recordAndProject(c, batch.events());
        Analytics.apply(c, applied.fresh(), 1);
        Accounts.refresh(c, applied.touched(), to);
        IndexerStore.saveBlocks(c, batch.keep());
        IndexerStore.advance(c, to + 1, chainHead);
        write.record(System.nanoTime() - t3, TimeUnit.NANOSECONDS);
        eventsIndexed.increment(applied.fresh().size());
        lag.set(Math.max(0, chainHead - to));
        return Step.INDEXED;
    }

    /**
     * Blocks {@code from..to} read, checked and decoded, ready to be written; {@code rest} is the part of a getLogs
     * answer beyond this batch. A {@code retry} batch carries nothing: the range was refused or a header was missing or
     * did not match a log's block hash (the chain moved under the read), so the step is tried again.
     */
    private record Batch(long from, long to, List<EventAt> events, Map<Long, BlockHeader> headers, List<BlockHeader> keep,
            Ahead rest, boolean retry) {
        static final Batch RETRY = new Batch(-1, -1, List.of(), Map.of(), List.of(), null, true);
    }

    /**
     * Reads one batch starting at block {@code next}: the logs (from {@code rest} when it holds them, else one getLogs),
     * cut at the target event count on a block boundary, the headers of its blocks, and the decoded events. Touches no
     * database, so it can run ahead of the writes on the prefetch thread; everything it reads is checked against the
     * stored chain when the batch is written (the first block's parent hash) exactly as if read then.
     */
    private Batch prepare(long next, long safe, Ahead rest) {
        long to;
        List<RawLog> logs;
        if (rest != null) {
            // The rest of a getLogs answer that was larger than one batch: no need to ask again. Its block hashes are
            // checked against fresh headers below like any other logs.
            to = rest.to();
            logs = rest.logs();
        } else {
            to = Math.min(safe, next + range - 1);
            try {
                long t0 = System.nanoTime();
                logs = chain.logs(next, to, config.addresses(), topics);
                fetchLogs.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            } catch (ChainSource.RangeTooLargeException e) {
                if (range == 1) {
                    throw new IllegalStateException("The node refuses eth_getLogs even for block " + next + ": "
                            + e.getMessage(), e);
                }
                range = Math.max(1, range / 2);
                return Batch.RETRY;
            }
            adaptRange(logs.size());
        }
        Ahead remainder = null;
        int cut = batchEnd(logs, config.targetEvents());
        if (cut < logs.size()) {
            long lastBlock = logs.get(cut - 1).blockNumber();
            remainder = new Ahead(lastBlock + 1, to, List.copyOf(logs.subList(cut, logs.size())));
            logs = logs.subList(0, cut);
            to = lastBlock;
        }
        TreeSet<Long> wanted = new TreeSet<>();
        wanted.add(next);
        wanted.add(to);
        logs.forEach(l -> wanted.add(l.blockNumber()));
        long t1 = System.nanoTime();
        Map<Long, BlockHeader> headers = chain.headers(wanted);
        fetchHeaders.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
        if (headers.get(next) == null || headers.get(to) == null) {
            return Batch.RETRY;
        }
        long t2 = System.nanoTime();
        java.util.Set<Long> logBlocks = new java.util.HashSet<>();
        for (RawLog l : logs) {
            BlockHeader h = headers.get(l.blockNumber());
            if (h == null || !h.hash().equals(l.blockHash())) {
                return Batch.RETRY;
            }
            logBlocks.add(l.blockNumber());
        }
        // Decoding is CPU-bound and independent per log: spread over the cores, kept in order.
        List<EventAt> events = (logs.size() >= PARALLEL_DECODE ? logs.parallelStream() : logs.stream())
                .map(l -> decode(l, headers.get(l.blockNumber()))).filter(java.util.Objects::nonNull).toList();
        decode.record(System.nanoTime() - t2, TimeUnit.NANOSECONDS);
        List<BlockHeader> keep = new ArrayList<>();
        for (Long n : wanted) {
            if ((n == to || logBlocks.contains(n)) && headers.get(n) != null) {
                keep.add(headers.get(n));
            }
        }
        return new Batch(next, to, events, headers, keep, remainder, false);
    }

    /** Starts reading the batch at {@code from} on the prefetch thread while this one is written. */
    private void prefetch(long from, long safe, Ahead rest) {
        Ahead usable = rest != null && rest.from() == from && rest.to() <= safe ? rest : null;
        prefetched = new Prefetch(from, safe, prefetcher.submit(() -> prepare(from, safe, usable)));
    }

    /** The prefetched batch if it starts at {@code next} (waiting for it), else null (and it is dropped). */
    private Batch takePrefetched(long next, long safe) {
        Prefetch p = prefetched;
        prefetched = null;
        if (p == null) {
            return null;
        }
        if (p.from() != next || p.safe() > safe) {
            p.batch().cancel(false);
            return null;
        }
        long t = System.nanoTime();
        try {
            return p.batch().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the next batch of logs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            waitPrefetch.record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Drops the prefetched batch (a reorg, a retry, a failed write). A read still running is left to finish on its own
     * thread (not interrupted: an interrupted getLogs would look like a timeout and halve the range); nothing uses it.
     */
    private void discardPrefetch() {
        ahead = null;
        Prefetch p = prefetched;
        prefetched = null;
        if (p != null) {
            p.batch().cancel(false);
        }
    }

    /** The event of {@code l}, or null when no followed event matches it or it does not decode (counted, logged). */
    private EventAt decode(RawLog l, BlockHeader h) {
        EventDecoder d = l.topics().isEmpty() ? null : decoders.get(EventMappings.key(l.address(), l.topics().get(0)));
        if (d == null) {
            return null;
        }
        try {
            return new EventAt(d.decode(l), h.time());
        } catch (IllegalArgumentException e) {
            undecodable.increment();
            LOG.warn("Skipping an undecodable log: {}", e.getMessage());
            return null;
        }
    }

    private void adaptRange(int fetched) {
        if (fetched < config.targetEvents() / 2 && range < config.maxRange()) {
            range = Math.min(config.maxRange(), range * 2);
        } else if (fetched > config.targetEvents() * 2 && range > 1) {
            range = Math.max(1, range / 2);
        }
    }

    /**
     * How many of {@code logs} (in chain order) make one batch: at least {@code target}, then up to the end of that
     * block (a block's logs are never split between batches, so the cursor always points at a block boundary).
     */
    static int batchEnd(List<RawLog> logs, int target) {
        if (logs.size() <= target) {
            return logs.size();
        }
        int i = target;
        long block = logs.get(i - 1).blockNumber();
        while (i < logs.size() && logs.get(i).blockNumber() == block) {
            i++;
        }
        return i;
    }

    private Step reorg(Connection c, long next) throws SQLException {
        long ancestor = config.startBlock() - 1;
        long below = next;
        search:
        while (true) {
            List<BlockHeader> stored = IndexerStore.blocksBelow(c, below, ANCESTOR_PAGE);
            if (stored.isEmpty()) {
                break;
            }
            Map<Long, BlockHeader> onChain = chain.headers(stored.stream().map(BlockHeader::number).toList());
            for (BlockHeader s : stored) {
                BlockHeader now = onChain.get(s.number());
                if (now != null && now.hash().equals(s.hash())) {
                    ancestor = s.number();
                    break search;
                }
            }
            below = stored.get(stored.size() - 1).number();
        }
        int removed = IndexerStore.rollback(c, ancestor);
        reorgs.increment();
        LOG.warn("Chain reorganisation below block {}: rolled back to block {} ({} events removed)", next, ancestor, removed);
        return Step.REORG;
    }

    /** Forgets everything from {@code fromBlock} on, so the next steps index it again. */
    public int reindexFrom(long fromBlock) throws SQLException {
        if (fromBlock < 0) {
            throw new IllegalArgumentException("--from-block must be 0 or more, not " + fromBlock);
        }
        if (chainId < 0) {
            chainId = chain.chainId();
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                IndexerStore.cursor(c, chainId, config.startBlock());
                int removed = IndexerStore.rollback(c, fromBlock - 1);
                ChangeNotice.send(c);
                c.commit();
                onCommit.run();
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
