package io.enclave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the project, its build folder and the npm toolchain's binaries are, for tests. */
public final class Toolchain {
    private Toolchain() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("enclave.project.dir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    public static Path buildDir() {
        return Path.of(System.getProperty("enclave.build.dir", projectDir().resolve("target").toString()));
    }

    public static Path nodeModules() {
        return projectDir().resolve("node_modules");
    }

    /** A file inside node_modules that must exist (the build's npm ci installs it). */
    public static Path npmFile(String relative) {
        Path p = nodeModules().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run the build (mvn verify) so npm ci installs the toolchain");
        }
        return p;
    }

    public static Path anvil() {
        return npmFile("@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    public static String node() {
        return System.getProperty("enclave.node", "node");
    }

    /**
     * {@code n} distinct free TCP ports on the loopback interface: each socket stays open until all are chosen (ports
     * asked for one after another can repeat: the kernel may hand a just-closed port out again).
     */
    public static int[] freePorts(int n) {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress());
                open.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a port we only looked at: nothing to release
                }
            }
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
