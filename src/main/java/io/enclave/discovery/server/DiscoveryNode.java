package io.enclave.discovery.server;

import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.db.EmbeddedDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.KuboBlobSource;
import io.enclave.discovery.indexer.MetadataFetcher;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running discovery server: database (external or embedded), the HTTP API and, unless it is an API-only replica,
 * the indexer and the metadata fetcher on their own threads. {@link #close()} stops them in reverse order.
 */
public final class DiscoveryNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryNode.class);

    /** Where the database is: an external JDBC URL, or the embedded PostgreSQL in {@code dataDir}. */
    public record Database(String jdbcUrl, String user, char[] password, Path dataDir) {
    }

    /** The indexer's settings; null {@code rpcUrl} makes an API-only replica. */
    public record Chain(String rpcUrl, IndexerConfig indexer, String ipfsApi) {
    }

    /** Response cache bounds: 20,000 answers or 64 MiB, whichever comes first. */
    static final int CACHE_ENTRIES = 20_000;
    static final long CACHE_BYTES = 64L << 20;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private DiscoveryServer server;

    private DiscoveryNode() {
    }

    public static DiscoveryNode start(Database database, Chain chain, DiscoveryServer.Settings settings) {
        DiscoveryNode node = new DiscoveryNode();
        try {
            node.startAll(database, chain, settings);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Opens (and migrates) the database a node would use, for one-off commands such as reindex. */
    public static DiscoveryDatabase openDatabase(Database database, List<AutoCloseable> toClose) {
        String url = database.jdbcUrl();
        String user = database.user();
        if (url == null) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(database.dataDir(), 0);
            toClose.add(embedded);
            url = embedded.jdbcUrl();
            user = embedded.user();
        }
        DiscoveryDatabase db = DiscoveryDatabase.open(url, user, database.password(), null,
                DiscoveryDatabase.defaultPoolSize());
        toClose.add(db);
        return db;
    }

    private void startAll(Database database, Chain chain, DiscoveryServer.Settings settings) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DiscoveryDatabase db = openDatabase(database, resources);
        // Every node caches answers. It hears of every commit through PostgreSQL's LISTEN/NOTIFY (the indexer's
        // transactions send a ChangeNotice), whoever writes: its own indexer, another node's (an --api-only replica) or a
        // `discovery reindex` run beside it; while it cannot listen, the cache is off. The indexer in this process also
        // invalidates directly after its commits.
        ResponseCache cache = new ResponseCache(CACHE_ENTRIES, CACHE_BYTES);
        resources.add(new ChangeListener(db, cache));
        if (chain != null && chain.rpcUrl() != null) {
            Runnable invalidate = cache::invalidate;
            Web3ChainSource source = new Web3ChainSource(chain.rpcUrl());
            resources.add(source);
            Indexer indexer = new Indexer(db.dataSource(), source, chain.indexer(), metrics, invalidate,
                    cache::invalidateAnswers);
            worker("discovery-indexer", () -> {
                Indexer.Step s = indexer.step();
                return s == Indexer.Step.CAUGHT_UP ? chain.indexer().pollInterval() : Duration.ZERO;
            });
            if (chain.ipfsApi() != null) {
                MetadataFetcher fetcher = new MetadataFetcher(db.dataSource(),
                        new KuboBlobSource(chain.ipfsApi(), Duration.ofSeconds(20)), invalidate);
                worker("discovery-metadata", () -> fetcher.runOnce(32) == 0 ? Duration.ofSeconds(2) : Duration.ZERO);
            }
        }
        server = new DiscoveryServer(db.dataSource(), metrics, db::activeConnections, settings, cache)
                .start(settings.host(), settings.port());
        resources.add(server);
    }

    @FunctionalInterface
    private interface Work {
        Duration run() throws Exception;
    }

    /** Runs {@code work} in a loop; failures are logged once per kind and retried with back-off up to 30 s. */
    private void worker(String name, Work work) {
        Thread t = new Thread(() -> {
            long backoff = 500;
            String lastError = null;
            while (running) {
                try {
                    Duration wait = work.run();
                    backoff = 500;
                    lastError = null;
                    if (!wait.isZero()) {
                        Thread.sleep(wait.toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (!msg.equals(lastError)) {
                        LOG.warn("{}: {} (retrying)", name, msg);
                        lastError = msg;
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    backoff = Math.min(30_000, backoff * 2);
                }
            }
        }, name);
        t.setDaemon(true);
        workers.add(t);
        t.start();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("While stopping: {}", e.getMessage());
            }
        }
        resources.clear();
    }
}
