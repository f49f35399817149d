package io.enclave.discovery.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
    private final List<String> topics;
    private final Counter eventsIndexed;
    private final Counter reorgs;
    private final Counter undecodable;
    private final Timer fetchLogs;
    private final Timer fetchHeaders;
    private final Timer decode;
    private final Timer write;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private long chainId = -1;
    private int range;
    /** Fetched logs of blocks {@code from..to} not indexed yet (a getLogs answer larger than one batch). */
    private Ahead ahead;

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
        this.db = db;
        this.onCommit = onCommit;
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
                c.commit();
                if (s != Step.INDEXED) {
                    ahead = null;
                }
                if (s == Step.INDEXED || s == Step.REORG) {
                    onCommit.run();
                }
                return s;
            } catch (SQLException | RuntimeException e) {
                ahead = null;
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
        long to;
        List<RawLog> logs;
        if (ahead != null && ahead.from() == next && ahead.to() <= safe) {
            // The rest of a getLogs answer that was larger than one batch: no need to ask again. Its block hashes are
            // checked against fresh headers below like any other logs.
            to = ahead.to();
            logs = ahead.logs();
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
                return Step.RETRY;
            }
            adaptRange(logs.size());
        }
        ahead = null;
        int cut = batchEnd(logs, config.targetEvents());
        if (cut < logs.size()) {
            long lastBlock = logs.get(cut - 1).blockNumber();
            ahead = new Ahead(lastBlock + 1, to, List.copyOf(logs.subList(cut, logs.size())));
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
        BlockHeader first = headers.get(next);
        if (first == null || headers.get(to) == null) {
            return Step.RETRY;
        }
        if (storedPrev != null && !first.parentHash().equals(storedPrev)) {
            return reorg(c, next);
        }
        long t2 = System.nanoTime();
        for (RawLog l : logs) {
            BlockHeader h = headers.get(l.blockNumber());
            if (h == null || !h.hash().equals(l.blockHash())) {
                return Step.RETRY;
            }
        }
        // Decoding (web3j's ABI decoder) is CPU-bound and independent per log: spread over the cores, kept in order.
        List<EventAt> events = (logs.size() >= PARALLEL_DECODE ? logs.parallelStream() : logs.stream())
                .map(l -> decode(l, headers.get(l.blockNumber()))).filter(java.util.Objects::nonNull).toList();
        long t3 = System.nanoTime();
        decode.record(t3 - t2, TimeUnit.NANOSECONDS);
        Projector.Applied applied = Projector.recordAndProject(c, events);
        Analytics.apply(c, applied.fresh(), 1);
        Accounts.refresh(c, applied.touched(), to);
        java.util.Set<Long> logBlocks = new java.util.HashSet<>();
        logs.forEach(l -> logBlocks.add(l.blockNumber()));
        List<BlockHeader> keep = new ArrayList<>();
        for (Long n : wanted) {
            if ((n == to || logBlocks.contains(n)) && headers.get(n) != null) {
                keep.add(headers.get(n));
            }
        }
        IndexerStore.saveBlocks(c, keep);
        IndexerStore.advance(c, to + 1, chainHead);
        write.record(System.nanoTime() - t3, TimeUnit.NANOSECONDS);
        eventsIndexed.increment(applied.fresh().size());
        lag.set(Math.max(0, chainHead - to));
        return Step.INDEXED;
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
