package io.enclave.cli;

import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.discovery.server.DiscoveryNode;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.util.DataDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enclave discovery serve|reindex}: the read-only discovery server. */
@Command(name = "discovery", mixinStandardHelpOptions = true,
        description = "The read-only discovery API that indexes the contracts' events.",
        subcommands = {DiscoveryCommand.Serve.class, DiscoveryCommand.Reindex.class})
public final class DiscoveryCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Database and chain options shared by the subcommands. Secrets come from the environment only. */
    static final class Common {
        @Option(names = "--data-dir", description = "Folder of the embedded PostgreSQL, used when ENCLAVE_DB_URL is not set"
                + " (default: discovery/pgdata in Enclave's data folder).")
        Path dataDir;

        @Option(names = "--rpc", description = "JSON-RPC URL of the chain node (default: $ENCLAVE_RPC_URL).")
        String rpc;

        @Option(names = "--contracts", split = ",", description = "The deployed contracts, comma-separated Name=0xaddress"
                + " pairs (names: Marketplace, CredentialRegistry, TrustStaking, EnclaveGovernor; as in devnet.json).")
        List<String> contracts = new ArrayList<>();

        @Option(names = "--start-block", defaultValue = "0", description = "Block the contracts were deployed in.")
        long startBlock;

        @Option(names = "--confirmations", defaultValue = "0", description = "Blocks to stay behind the head.")
        int confirmations;

        DiscoveryNode.Database database() {
            String url = System.getenv("ENCLAVE_DB_URL");
            String password = System.getenv("ENCLAVE_DB_PASSWORD");
            Path dir = dataDir != null ? dataDir : DataDirs.home().resolve("discovery").resolve("pgdata");
            return new DiscoveryNode.Database(url, url == null ? null : System.getenv().getOrDefault("ENCLAVE_DB_USER",
                    "postgres"), password == null ? null : password.toCharArray(), dir);
        }

        String rpcUrl() {
            return rpc != null ? rpc : System.getenv("ENCLAVE_RPC_URL");
        }

        IndexerConfig indexer() {
            Map<String, String> byName = new LinkedHashMap<>();
            for (String pair : contracts) {
                int eq = pair.indexOf('=');
                if (eq < 1 || byName.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()) != null) {
                    throw new UserError("--contracts takes Name=0xaddress pairs, each name once (not '" + pair + "')");
                }
            }
            try {
                return IndexerConfig.of(byName, startBlock, confirmations);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage() + " (--contracts, --start-block, --confirmations)");
            }
        }
    }

    /** {@code enclave discovery serve}: serves the API (and indexes, given --rpc) until interrupted. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the discovery API and index the chain.")
    static final class Serve implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8600", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--ipfs-api", description = "Kubo RPC URL for metadata documents (default: $ENCLAVE_IPFS_API).")
        String ipfsApi;

        @Option(names = "--rate-limit", defaultValue = "20", description = "Requests per second per client, 0 = off.")
        double rateLimit;

        @Option(names = "--api-only", description = "Serve only (a replica over a database another node indexes).")
        boolean apiOnly;

        @Override
        public void run() {
            String rpc = common.rpcUrl();
            DiscoveryNode.Chain chain = null;
            if (!apiOnly) {
                if (rpc == null || common.contracts.isEmpty()) {
                    throw new UserError("Give --rpc and --contracts to index the chain, or --api-only to serve a database"
                            + " another node indexes");
                }
                String ipfs = ipfsApi != null ? ipfsApi : System.getenv("ENCLAVE_IPFS_API");
                chain = new DiscoveryNode.Chain(rpc, common.indexer(), ipfs);
            }
            var settings = new DiscoveryServer.Settings(host, port, rateLimit, Math.max(1, rateLimit * 3), 30);
            CountDownLatch stopped = new CountDownLatch(1);
            DiscoveryNode node;
            try {
                node = DiscoveryNode.start(common.database(), chain, settings);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new UserError(e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "discovery-shutdown"));
            System.out.println("discovery API on http://" + host + ":" + node.port());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code enclave discovery reindex --from-block N}: forgets blocks N.. so the indexer reads them again. */
    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Forget everything indexed from a block on; the next serve indexes it again.")
    static final class Reindex implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--from-block", required = true, description = "First block to index again.")
        long fromBlock;

        @Override
        public void run() {
            if (fromBlock < 0) {
                throw new UserError("--from-block must be 0 or more");
            }
            String rpc = common.rpcUrl();
            if (rpc == null || common.contracts.isEmpty()) {
                throw new UserError("Give --rpc and --contracts (the same as for serve)");
            }
            List<AutoCloseable> open = new ArrayList<>();
            try (Web3ChainSource chain = new Web3ChainSource(rpc)) {
                DiscoveryDatabase db = DiscoveryNode.openDatabase(common.database(), open);
                Indexer indexer = new Indexer(db.dataSource(), chain, common.indexer(), new SimpleMeterRegistry());
                int removed = indexer.reindexFrom(fromBlock);
                System.out.println("Forgot " + removed + " events from block " + fromBlock
                        + "; run `enclave discovery serve` to index them again.");
            } catch (java.sql.SQLException | IllegalStateException e) {
                throw new UserError("Reindex failed: " + e.getMessage(), e);
            } finally {
                for (int i = open.size() - 1; i >= 0; i--) {
                    try {
                        open.get(i).close();
                    } catch (Exception e) {
                        System.err.println("enclave: while closing: " + e.getMessage());
                    }
                }
            }
        }
    }
}
