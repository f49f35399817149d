package io.enclave.cli;

import io.enclave.devnet.Devnet;
import io.enclave.devnet.DevnetInfo;
import io.enclave.devnet.IpfsDaemon;
import io.enclave.devnet.JsToolchain;
import io.enclave.util.DataDirs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enclave devnet up|down|status|reset}: the local devnet without the studio. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
        description = "A local devnet (anvil, IPFS, discovery server) kept in <data folder>/devnet between runs.",
        subcommands = {DevnetCommand.Up.class, DevnetCommand.Down.class, DevnetCommand.Status.class, DevnetCommand.Reset.class})
public final class DevnetCommand implements Runnable {
    @Option(names = "--folder", description = "Devnet folder (default: <data folder>/devnet).", scope =
            picocli.CommandLine.ScopeType.INHERIT)
    Path folder;

    Path folder() {
        return folder != null ? folder.toAbsolutePath() : DataDirs.home().resolve("devnet");
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static void print(DevnetInfo info) {
        System.out.println("chain id      " + info.chainId());
        System.out.println("RPC           " + info.rpcUrl());
        System.out.println("IPFS API      " + info.ipfsApiUrl());
        System.out.println("IPFS gateway  " + info.ipfsGatewayUrl());
        System.out.println("discovery     " + (info.discoveryUrl() == null ? "(not running)" : info.discoveryUrl()));
        info.contracts().forEach((name, address) -> System.out.printf("%-14s%s%n", name, address));
    }

    /** Starts the devnet and keeps it running until interrupted (Ctrl-C or {@code devnet down}). */
    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the devnet and keep it running.")
    static final class Up implements Runnable {
        @picocli.CommandLine.ParentCommand
        DevnetCommand parent;

        @Option(names = "--reset", description = "Start from an empty chain and IPFS repository.")
        boolean reset;

        @Option(names = "--no-demo", description = "Do not seed the demo listings, vouches, proposal and dispute "
                + "into a new devnet.")
        boolean noDemo;

        @Override
        public void run() {
            Path folder = parent.folder();
            if (reset) {
                Devnet.reset(folder);
            }
            CountDownLatch stop = new CountDownLatch(1);
            Devnet devnet = Devnet.start(folder, JsToolchain.locate(), noDemo ? Devnet.Options.bare() : Devnet.Options.withDemo(),
                    msg -> System.out.println("[devnet] " + msg));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                devnet.close();
                stop.countDown();
            }, "devnet-stop"));
            print(devnet.info());
            Path contractsFile = folder.resolve(Devnet.CONTRACTS_FILE);
            System.out.println("contracts     " + contractsFile);
            System.out.println("[devnet] market commands: enclave market search --network devnet --rpc "
                    + devnet.info().rpcUrl() + " --contracts " + contractsFile + " --ipfs " + devnet.info().ipfsApiUrl()
                    + (devnet.info().discoveryUrl() == null ? "" : " --discovery " + devnet.info().discoveryUrl()));
            System.out.println("[devnet] running from " + folder + " — Ctrl-C or `enclave devnet down` stops it");
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops a running devnet by signalling the process that owns it. */
    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the running devnet.")
    static final class Down implements Runnable {
        @picocli.CommandLine.ParentCommand
        DevnetCommand parent;

        @Override
        public void run() {
            Optional<DevnetInfo> info = DevnetInfo.read(parent.folder()).filter(DevnetInfo::ownerAlive);
            if (info.isEmpty()) {
                System.out.println("No devnet is running from " + parent.folder());
                return;
            }
            ProcessHandle owner = ProcessHandle.of(info.get().pid()).orElseThrow();
            owner.destroy();
            try {
                owner.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new UserError("The devnet (pid " + owner.pid() + ") did not stop within 30 s", e);
            }
            System.out.println("Devnet stopped (its chain state and IPFS repository stay in " + parent.folder() + ")");
        }
    }

    /** Prints the endpoints of the running devnet and whether they answer. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the devnet's endpoints and health.")
    static final class Status implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        DevnetCommand parent;

        @Override
        public Integer call() {
            Optional<DevnetInfo> info = DevnetInfo.read(parent.folder()).filter(DevnetInfo::ownerAlive);
            if (info.isEmpty()) {
                System.out.println("No devnet is running from " + parent.folder() + " (start one: `enclave devnet up`)");
                return 3;
            }
            print(info.get());
            boolean rpc = answers(() -> io.enclave.devnet.AnvilNode.call(info.get().rpcUrl(), "eth_blockNumber"));
            boolean ipfs = IpfsDaemon.answers(info.get().ipfsApiUrl());
            String discoveryUrl = info.get().discoveryUrl();
            boolean discovery = discoveryUrl != null
                    && answers(() -> io.enclave.discovery.client.DiscoveryClient.of(discoveryUrl).health());
            System.out.println("RPC answers   " + rpc);
            System.out.println("IPFS answers  " + ipfs);
            System.out.println("discovery answers " + discovery);
            return rpc && ipfs && discovery ? 0 : 1;
        }

        private static boolean answers(Runnable probe) {
            try {
                probe.run();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** Deletes the devnet's chain state and IPFS repository. */
    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Delete the devnet's state (when stopped).")
    static final class Reset implements Runnable {
        @picocli.CommandLine.ParentCommand
        DevnetCommand parent;

        @Override
        public void run() {
            Devnet.reset(parent.folder());
            System.out.println("Devnet state deleted: " + parent.folder());
        }
    }
}
