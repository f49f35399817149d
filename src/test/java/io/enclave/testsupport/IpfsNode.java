package io.enclave.testsupport;

import io.enclave.devnet.ChildProcess;
import io.enclave.devnet.IpfsDaemon;
import io.enclave.devnet.JsToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real IPFS daemon (js-ipfs 0.66.1, Kubo-compatible RPC API) in a scratch repository, offline, with its
 * API and gateway on free loopback ports.
 */
public final class IpfsNode implements AutoCloseable {
    private final IpfsDaemon daemon;
    private final Path repo;

    private IpfsNode(IpfsDaemon daemon, Path repo) {
        this.daemon = daemon;
        this.repo = repo;
    }

    public static IpfsNode start() {
        ManagedProcess.sweep();
        try {
            Path repo = Files.createTempDirectory("enclave-ipfs-");
            int[] ports = Toolchain.freePorts(3); // API, gateway and swarm must differ
            return new IpfsNode(IpfsDaemon.start(new JsToolchain(Toolchain.projectDir()), repo, ports[0], ports[1], ports[2]),
                    repo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kubo-compatible RPC base URL, e.g. {@code http://127.0.0.1:5001}. */
    public String apiUrl() {
        return daemon.apiUrl();
    }

    public String gatewayUrl() {
        return daemon.gatewayUrl();
    }

    public ChildProcess process() {
        return daemon.process();
    }

    @Override
    public void close() {
        daemon.close();
        TempDirs.deleteTree(repo);
    }
}
