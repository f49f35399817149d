package io.enclave.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real IPFS daemon (js-ipfs 0.66.1, Kubo-compatible RPC API) in a scratch repository, offline, with its
 * API and gateway on free loopback ports.
 */
public final class IpfsNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManagedProcess process;
    private final Path repo;
    private final String apiUrl;
    private final String gatewayUrl;

    private IpfsNode(ManagedProcess process, Path repo, String apiUrl, String gatewayUrl) {
        this.process = process;
        this.repo = repo;
        this.apiUrl = apiUrl;
        this.gatewayUrl = gatewayUrl;
    }

    public static IpfsNode start() {
        Path cli = Toolchain.npmFile("ipfs/src/cli.js");
        try {
            Path repo = Files.createTempDirectory("enclave-ipfs-");
            Map<String, String> env = Map.of("IPFS_PATH", repo.toString(),
                    "NODE_OPTIONS", "--require " + Toolchain.projectDir().resolve("build/promise-with-resolvers.js"));
            ProcessBuilder init = new ProcessBuilder(Toolchain.node(), cli.toString(), "init", "--profile", "test")
                    .redirectErrorStream(true);
            init.environment().putAll(env);
            Process p = init.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jsipfs init failed:\n" + out);
            }
            int api = Toolchain.freePort();
            int gateway = Toolchain.freePort();
            Path configFile = repo.resolve("config");
            ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
            ObjectNode addresses = (ObjectNode) config.get("Addresses");
            addresses.put("API", "/ip4/127.0.0.1/tcp/" + api);
            addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + gateway);
            addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + Toolchain.freePort() + "/ws");
            addresses.putArray("Swarm");
            addresses.putArray("Announce");
            addresses.putArray("NoAnnounce");
            config.putArray("Bootstrap");
            JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);

            ManagedProcess daemon = ManagedProcess.start("ipfs", List.of(Toolchain.node(), cli.toString(), "daemon",
                    "--offline"), env, repo);
            IpfsNode node = new IpfsNode(daemon, repo, "http://127.0.0.1:" + api, "http://127.0.0.1:" + gateway);
            daemon.awaitReady(node::answers, Duration.ofSeconds(60));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Kubo-compatible RPC base URL, e.g. {@code http://127.0.0.1:5001}. */
    public String apiUrl() {
        return apiUrl;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public ManagedProcess process() {
        return process;
    }

    boolean answers() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(apiUrl
                    + "/api/v0/id")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode id = JSON.readTree(r.body());
            return r.statusCode() == 200 && id.hasNonNull("ID");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
        try (var paths = Files.walk(repo)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder
        }
    }
}
