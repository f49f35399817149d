package io.enclave.devnet;

import io.enclave.discovery.indexer.EventMappings;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.server.DiscoveryNode;
import io.enclave.discovery.server.DiscoveryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery server inside the devnet: an embedded PostgreSQL kept in {@code <devnet>/discovery/pgdata}, the indexer
 * following the devnet's anvil from the suite's deployment block, metadata read from the devnet's IPFS, and the API on a
 * loopback port (rate limit off: only this machine talks to it). The PostgreSQL server is recorded as a devnet process,
 * so a devnet whose JVM died has it swept on the next start.
 */
final class DevnetDiscovery implements AutoCloseable {
    static final int PORT = 18600;
    /** First block of the suite's deployment, written before the devnet deploys it. */
    static final String START_BLOCK_FILE = "discovery-start-block";

    private final DiscoveryNode node;
    private final long postmaster;

    private DevnetDiscovery(DiscoveryNode node, long postmaster) {
        this.node = node;
        this.postmaster = postmaster;
    }

    static DevnetDiscovery start(Path folder, String rpcUrl, String ipfsApi, Map<String, String> contracts) {
        Map<String, String> followed = new LinkedHashMap<>();
        contracts.forEach((name, address) -> {
            if (EventMappings.CONTRACTS.contains(name)) {
                followed.put(name, address);
            }
        });
        IndexerConfig indexer = new IndexerConfig(followed, startBlock(folder), 0, 2_000, 100_000, 5_000,
                Duration.ofMillis(500));
        Path pgdata = folder.resolve("discovery").resolve("pgdata");
        DiscoveryNode node;
        try {
            node = DiscoveryNode.start(new DiscoveryNode.Database(null, null, null, pgdata),
                    new DiscoveryNode.Chain(rpcUrl, indexer, ipfsApi),
                    new DiscoveryServer.Settings("127.0.0.1", Devnet.port(PORT), 0, 0, 30));
        } catch (RuntimeException e) {
            throw new DevnetException("Starting the discovery server on the devnet failed: " + e.getMessage()
                    + " (its database is in " + pgdata + "; `enclave devnet reset` starts afresh)", e);
        }
        long pid = postmasterPid(pgdata);
        ChildProcess.record(pid, "postgres", "postgres");
        return new DevnetDiscovery(node, pid);
    }

    /** Remembers where the suite's deployment starts, before it is deployed (a devnet deployed earlier indexes from 0). */
    static void rememberStartBlock(Path folder, long currentBlock) {
        Path f = folder.resolve(START_BLOCK_FILE);
        if (Files.exists(f)) {
            return;
        }
        try {
            Files.writeString(f, Long.toString(currentBlock) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + f, e);
        }
    }

    static long startBlock(Path folder) {
        Path f = folder.resolve(START_BLOCK_FILE);
        try {
            return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static long postmasterPid(Path pgdata) {
        try {
            List<String> lines = Files.readAllLines(pgdata.resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    String url() {
        return "http://127.0.0.1:" + node.port();
    }

    /** The PostgreSQL server's PID (the API and indexer run in this JVM). */
    List<Long> pids() {
        return postmaster > 0 ? List.of(postmaster) : List.of();
    }

    @Override
    public void close() {
        node.close();
        if (postmaster > 0) {
            // pg_ctl returns once the server stopped accepting work; wait for the process itself to be gone.
            ProcessHandle.of(postmaster).ifPresent(h -> {
                try {
                    h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                }
            });
            ChildProcess.forget(postmaster);
        }
    }
}
