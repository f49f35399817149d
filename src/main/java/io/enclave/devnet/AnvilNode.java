package io.enclave.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.util.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An anvil node on a loopback port, optionally keeping its chain state in a file between runs. */
public final class AnvilNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClients.builder(Duration.ofSeconds(2)).build();
    private final ChildProcess process;
    private final String rpcUrl;
    private final long chainId;

    private AnvilNode(ChildProcess process, String rpcUrl, long chainId) {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.chainId = chainId;
    }

    /**
     * Starts anvil. With a {@code stateFile}, the chain is loaded from it when it exists and written back every few
     * seconds and on exit, so a devnet keeps its contracts and balances between runs.
     */
    public static AnvilNode start(JsToolchain toolchain, int port, long chainId, Path stateFile) {
        List<String> cmd = new ArrayList<>(List.of(toolchain.anvil().toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--chain-id", Long.toString(chainId), "--silent"));
        if (stateFile != null) {
            cmd.addAll(List.of("--state", stateFile.toString(), "--state-interval", "5"));
        }
        String url = "http://127.0.0.1:" + port;
        ChildProcess p = ChildProcess.start("anvil", cmd, Map.of(), null);
        AnvilNode node = new AnvilNode(p, url, chainId);
        p.awaitReady(() -> node.readChainId() == chainId, Duration.ofSeconds(30));
        return node;
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    public ChildProcess process() {
        return process;
    }

    /** {@code eth_chainId} as the node reports it. */
    public long readChainId() {
        JsonNode r = call(rpcUrl, "eth_chainId");
        return Long.decode(r.asText());
    }

    /** Calls a JSON-RPC method with no parameters; used for readiness and status. */
    public static JsonNode call(String rpcUrl, String method) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(rpcUrl)).timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (body.has("error")) {
                throw new DevnetException(method + " failed: " + body.get("error"));
            }
            return body.get("result");
        } catch (IOException e) {
            throw new DevnetException("No JSON-RPC answer from " + rpcUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
