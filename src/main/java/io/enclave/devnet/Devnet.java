package io.enclave.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded local devnet: anvil with its state kept between runs, the contract suite deployed once by the Java
 * deployer, an IPFS daemon, and the discovery server (embedded PostgreSQL) indexing the suite, all in one data folder.
 * One devnet per folder; everything it started stops when it is closed or when its JVM dies.
 */
public final class Devnet implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    static final int RPC_PORT = 18545;
    static final int IPFS_API_PORT = 15001;
    static final int IPFS_GATEWAY_PORT = 18080;
    static final int IPFS_RPC_PORT = 15003;
    /** The suite's addresses by name, as {@code --contracts} of the market, trust and gov commands reads them. */
    public static final String CONTRACTS_FILE = "contracts.json";

    private final Path folder;
    private final List<AutoCloseable> started = new ArrayList<>();
    private DevnetInfo info;

    private Devnet(Path folder) {
        this.folder = folder;
    }

    /**
     * How to start: {@code demo} seeds the demo marketplace ({@link DemoData}) once, when the devnet is created.
     */
    public record Options(boolean demo) {
        /** The default of {@code enclave devnet up} and the studio: demo data on a new devnet. */
        public static Options withDemo() {
            return new Options(true);
        }

        /** A bare chain: the suite, IPFS and discovery only ({@code --no-demo}; tests that need an empty market). */
        public static Options bare() {
            return new Options(false);
        }
    }

    /** Starts the devnet in {@code folder} with demo data, reporting each step to {@code progress}. */
    public static Devnet start(Path folder, JsToolchain toolchain, Consumer<String> progress) {
        return start(folder, toolchain, Options.withDemo(), progress);
    }

    /** Starts the devnet in {@code folder}, reporting each step to {@code progress}. */
    public static Devnet start(Path folder, JsToolchain toolchain, Options options, Consumer<String> progress) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DevnetException("Cannot create the devnet folder " + folder + ": " + e.getMessage(), e);
        }
        DevnetInfo.read(folder).filter(DevnetInfo::ownerAlive).ifPresent(running -> {
            throw new DevnetException("A devnet is already running from " + folder + " (pid " + running.pid() + ", RPC "
                    + running.rpcUrl() + "): use it, or stop it with `enclave devnet down`");
        });
        ChildProcess.setProcessDir(folder.resolve("processes"));
        ChildProcess.sweep();
        Devnet devnet = new Devnet(folder);
        try {
            progress.accept("Starting the local chain (anvil)…");
            AnvilNode anvil = AnvilNode.start(toolchain, port(RPC_PORT), CHAIN_ID, folder.resolve("anvil-state.json"));
            devnet.started.add(anvil);
            if (!Files.exists(folder.resolve(DevnetContracts.DEPLOYMENTS))) {
                long head = Long.decode(AnvilNode.call(anvil.rpcUrl(), "eth_blockNumber").asText());
                DevnetDiscovery.rememberStartBlock(folder, head);
            }
            Map<String, String> contracts = DevnetContracts.deploy(anvil.rpcUrl(), CHAIN_ID, folder,
                    options.demo() ? List.of(DemoData.issuer()) : List.of(), progress);
            progress.accept("Starting IPFS…");
            IpfsDaemon ipfs = IpfsDaemon.start(toolchain, folder.resolve("ipfs"), port(IPFS_API_PORT), port(IPFS_GATEWAY_PORT),
                    port(IPFS_RPC_PORT));
            devnet.started.add(ipfs);
            progress.accept("Starting the discovery server…");
            DevnetDiscovery discovery = DevnetDiscovery.start(folder, anvil.rpcUrl(), ipfs.apiUrl(), contracts);
            devnet.started.add(discovery);
            devnet.info = new DevnetInfo(ProcessHandle.current().pid(), CHAIN_ID, anvil.rpcUrl(), ipfs.apiUrl(),
                    ipfs.gatewayUrl(), discovery.url(), contracts, Instant.now().toString());
            devnet.info.write(folder);
            writeContracts(folder, contracts);
            if (options.demo()) {
                DemoData.seedOnce(folder, devnet.info, progress);
                AutoCloseable watcher = DemoData.watcher(folder, devnet.info, m -> { });
                if (watcher != null) {
                    devnet.started.add(watcher);
                }
            }
            progress.accept("Devnet ready");
            return devnet;
        } catch (RuntimeException e) {
            devnet.close();
            throw e;
        }
    }

    private static void writeContracts(Path folder, Map<String, String> contracts) {
        // the suite's deployment block too: the market's log scans start there
        Map<String, String> file = new java.util.LinkedHashMap<>(contracts);
        file.put(io.enclave.market.MarketContracts.DEPLOYMENT_BLOCK, Long.toString(DevnetDiscovery.startBlock(folder)));
        try {
            Files.writeString(folder.resolve(CONTRACTS_FILE), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
        } catch (IOException e) {
            throw new DevnetException("Could not write " + folder.resolve(CONTRACTS_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The PIDs of every process this devnet started. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (AutoCloseable c : started) {
            if (c instanceof AnvilNode a) {
                pids.addAll(a.process().pids());
            } else if (c instanceof IpfsDaemon d) {
                pids.addAll(d.process().pids());
            } else if (c instanceof DevnetDiscovery d) {
                pids.addAll(d.pids());
            }
        }
        return pids;
    }

    public DevnetInfo info() {
        return info;
    }

    public Path folder() {
        return folder;
    }

    /** Records contract addresses (and other endpoints) for other clients. */
    public void update(Map<String, String> contracts, String discoveryUrl) {
        info = new DevnetInfo(info.pid(), info.chainId(), info.rpcUrl(), info.ipfsApiUrl(), info.ipfsGatewayUrl(),
                discoveryUrl, new LinkedHashMap<>(contracts), info.startedAt());
        info.write(folder);
    }

    /** Deletes a stopped devnet's folder; refuses while it runs. */
    public static void reset(Path folder) {
        DevnetInfo.read(folder).filter(DevnetInfo::ownerAlive).ifPresent(running -> {
            throw new DevnetException("The devnet in " + folder + " is running (pid " + running.pid()
                    + "): stop it first with `enclave devnet down`");
        });
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + folder, e);
        }
    }

    /** The preferred port when it is free, else any free loopback port. */
    static int port(int preferred) {
        for (int candidate : new int[] {preferred, 0}) {
            try (ServerSocket s = new ServerSocket(candidate, 0, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: try the next
            }
        }
        throw new DevnetException("No free loopback port");
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        started.clear();
        try {
            Files.deleteIfExists(folder.resolve(DevnetInfo.FILE));
        } catch (IOException e) {
            // a stale devnet.json is detected by its dead owner pid
        }
    }
}
