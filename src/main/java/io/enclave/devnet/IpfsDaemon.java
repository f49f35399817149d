package io.enclave.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.util.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A js-ipfs daemon (Kubo-compatible RPC API) with its repository in a folder, offline, API/gateway/gRPC on loopback
 * ports. The repository is created on first start and reused afterwards.
 */
public final class IpfsDaemon implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClients.builder(Duration.ofSeconds(2)).build();
    private final ChildProcess process;
    private final String apiUrl;
    private final String gatewayUrl;

    private IpfsDaemon(ChildProcess process, String apiUrl, String gatewayUrl) {
        this.process = process;
        this.apiUrl = apiUrl;
        this.gatewayUrl = gatewayUrl;
    }

    public static IpfsDaemon start(JsToolchain toolchain, Path repo, int apiPort, int gatewayPort, int rpcPort) {
        Map<String, String> env = Map.of("IPFS_PATH", repo.toString(),
                "NODE_OPTIONS", "--require " + toolchain.ipfsPolyfill());
        try {
            if (!Files.exists(repo.resolve("config"))) {
                Files.createDirectories(repo);
                ProcessBuilder init = new ProcessBuilder(toolchain.node(), toolchain.ipfsCli().toString(), "init", "--profile",
                        "test").redirectErrorStream(true);
                init.environment().putAll(env);
                Process p = init.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new DevnetException("Could not create the IPFS repository in " + repo + ":\n" + out);
                }
            }
            Path configFile = repo.resolve("config");
            ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
            ObjectNode addresses = (ObjectNode) config.get("Addresses");
            addresses.put("API", "/ip4/127.0.0.1/tcp/" + apiPort);
            addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + gatewayPort);
            addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + rpcPort + "/ws");
            addresses.putArray("Swarm");
            addresses.putArray("Announce");
            addresses.putArray("NoAnnounce");
            config.putArray("Bootstrap");
            JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
            Files.deleteIfExists(repo.resolve("repo.lock"));
            Files.deleteIfExists(repo.resolve("api"));
        } catch (IOException e) {
            throw new DevnetException("Could not prepare the IPFS repository in " + repo + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted", e);
        }
        ChildProcess daemon = ChildProcess.start("ipfs", List.of(toolchain.node(), toolchain.ipfsCli().toString(), "daemon",
                "--offline"), env, repo);
        IpfsDaemon d = new IpfsDaemon(daemon, "http://127.0.0.1:" + apiPort, "http://127.0.0.1:" + gatewayPort);
        daemon.awaitReady(d::answers, Duration.ofSeconds(90));
        return d;
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public ChildProcess process() {
        return process;
    }

    /** True when {@code /api/v0/id} answers with a peer id. */
    public boolean answers() {
        return answers(apiUrl);
    }

    public static boolean answers(String apiUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v0/id"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).hasNonNull("ID");
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
    }
}
