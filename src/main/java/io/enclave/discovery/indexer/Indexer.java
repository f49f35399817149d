package io.enclave.discovery.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

    private final DataSource db;
    private final ChainSource chain;
    private final IndexerConfig config;
    private final Map<String, EventDecoder> decoders;
    private final List<String> topics;
    private final Counter eventsIndexed;
    private final Counter reorgs;
    private final Counter undecodable;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private long chainId = -1;
    private int range;

    /** The outcome of one {@link #step()}. */
    public enum Step { INDEXED, CAUGHT_UP, REORG, RETRY }

    public Indexer(DataSource db, ChainSource chain, IndexerConfig config, MeterRegistry metrics) {
        this.db = db;
        this.chain = chain;
        this.config = config;
        this.decoders = EventMappings.decoders(config.contracts());
        this.topics = decoders.values().stream().map(EventDecoder::topic).distinct().toList();
        this.range = config.initialRange();
        this.eventsIndexed = metrics.counter("discovery_indexer_events_total");
        this.reorgs = metrics.counter("discovery_indexer_reorgs_total");
        this.undecodable = metrics.counter("discovery_indexer_undecodable_logs_total");
        metrics.gauge("discovery_indexer_lag_blocks", lag);
        metrics.gauge("discovery_chain_head_block", head);
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
                return s;
            } catch (SQLException | RuntimeException e) {
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
        long to = Math.min(safe, next + range - 1);
        List<RawLog> logs;
        try {
            logs = chain.logs(next, to, config.addresses(), topics);
        } catch (ChainSource.RangeTooLargeException e) {
            if (range == 1) {
                throw new IllegalStateException("The node refuses eth_getLogs even for block " + next + ": "
                        + e.getMessage(), e);
            }
            range = Math.max(1, range / 2);
            return Step.RETRY;
        }
        TreeSet<Long> wanted = new TreeSet<>();
        wanted.add(next);
        wanted.add(to);
        logs.forEach(l -> wanted.add(l.blockNumber()));
        Map<Long, BlockHeader> headers = chain.headers(wanted);
        BlockHeader first = headers.get(next);
        if (first == null || headers.get(to) == null) {
            return Step.RETRY;
        }
        if (storedPrev != null && !first.parentHash().equals(storedPrev)) {
            return reorg(c, next);
        }
        List<EventAt> events = new ArrayList<>(logs.size());
        for (RawLog l : logs) {
            BlockHeader h = headers.get(l.blockNumber());
            if (h == null || !h.hash().equals(l.blockHash())) {
                return Step.RETRY;
            }
            EventDecoder d = l.topics().isEmpty() ? null : decoders.get(EventMappings.key(l.address(), l.topics().get(0)));
            if (d == null) {
                continue;
            }
            try {
                events.add(new EventAt(d.decode(l), h.time()));
            } catch (IllegalArgumentException e) {
                undecodable.increment();
                LOG.warn("Skipping an undecodable log: {}", e.getMessage());
            }
        }
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
        eventsIndexed.increment(applied.fresh().size());
        lag.set(Math.max(0, chainHead - to));
        if (logs.size() < config.targetEvents() / 2 && range < config.maxRange()) {
            range = Math.min(config.maxRange(), range * 2);
        } else if (logs.size() > config.targetEvents() * 2 && range > 1) {
            range = Math.max(1, range / 2);
        }
        return Step.INDEXED;
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
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
