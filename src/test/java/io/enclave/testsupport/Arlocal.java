package io.enclave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local Arweave node (npm {@code arlocal} 1.1.66) in a scratch folder. It is found through the system property
 * {@code enclave.arlocal.dir} or the environment variable {@code ENCLAVE_ARLOCAL_DIR} (the arlocal package folder),
 * falling back to {@code node_modules/arlocal}.
 */
public final class Arlocal implements AutoCloseable {
    private final ManagedProcess process;
    private final Path dir;
    private final URI url;

    private Arlocal(ManagedProcess process, Path dir, URI url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    public static Path packageDir() {
        String configured = System.getProperty("enclave.arlocal.dir", System.getenv("ENCLAVE_ARLOCAL_DIR"));
        Path p = configured != null && !configured.isBlank() ? Path.of(configured) : Toolchain.nodeModules().resolve("arlocal");
        if (!Files.isRegularFile(p.resolve("bin/index.js"))) {
            throw new IllegalStateException("arlocal is not installed at " + p + ": add arlocal@1.1.66 and arweave@1.15.7 "
                    + "(with overrides avsc 5.7.9) to package.json, or point -Denclave.arlocal.dir / ENCLAVE_ARLOCAL_DIR "
                    + "at an installed arlocal package folder");
        }
        return p;
    }

    public static Arlocal start() {
        Path bin = packageDir().resolve("bin/index.js");
        try {
            Path dir = Files.createTempDirectory("enclave-arlocal-");
            int port = Toolchain.freePort();
            ManagedProcess p = ManagedProcess.start("arlocal", List.of(Toolchain.node(), bin.toString(),
                    Integer.toString(port), "--dbpath", "arlocal.db", "--hidelogs"), Map.of(), dir);
            Arlocal a = new Arlocal(p, dir, URI.create("http://127.0.0.1:" + port + "/"));
            p.awaitReady(a::answers, Duration.ofSeconds(90));
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return url;
    }

    /** GET on the node (mint, mine, ...); returns the body. */
    public String get(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve(path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("arlocal GET /" + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean answers() {
        return get("info").contains("network");
    }

    @Override
    public void close() {
        process.close();
        TempDirs.deleteTree(dir);
    }
}
