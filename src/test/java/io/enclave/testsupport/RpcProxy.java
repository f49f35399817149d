package io.enclave.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A JSON-RPC endpoint in front of anvil that records every request, and can behave like a real provider: refuse
 * {@code eth_getLogs} ranges wider than a limit (as public RPCs do), or go down (HTTP 502) from the first request a
 * predicate matches until {@link #up()}, or lag behind its own state the way a node can for a moment after mining: answer
 * {@code null} for a transaction's receipt and record while the account's nonce already counts it.
 */
public final class RpcProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI upstream;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile long maxLogRange = Long.MAX_VALUE;
    private volatile Predicate<JsonNode> downFrom = r -> false;
    private volatile boolean down;
    private final Map<String, Long> hiddenUntil = new ConcurrentHashMap<>();

    public RpcProxy(String upstream) throws IOException {
        this.upstream = URI.create(upstream);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received so far (one JSON-RPC object each). */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<JsonNode> requests(String method) {
        return requests.stream().filter(r -> method.equals(r.path("method").asText())).toList();
    }

    public void refuseLogRangesWiderThan(long blocks) {
        maxLogRange = blocks;
    }

    /** Goes down at the first request {@code when} matches (that request fails too). */
    public void goDownAt(Predicate<JsonNode> when) {
        downFrom = when;
    }

    /** Answers {@code null} to receipt and transaction lookups of {@code hash} for the next {@code lag}. */
    public void hide(String hash, Duration lag) {
        hiddenUntil.put(hash.toLowerCase(Locale.ROOT), System.nanoTime() + lag.toNanos());
    }

    public void up() {
        down = false;
        downFrom = r -> false;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            JsonNode req = JSON.readTree(body);
            requests.add(req);
            if (downFrom.test(req)) {
                down = true;
            }
            if (down) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            if (hidden(req)) {
                ObjectNode none = JSON.createObjectNode();
                none.put("jsonrpc", "2.0");
                none.set("id", req.get("id"));
                none.putNull("result");
                reply(ex, JSON.writeValueAsBytes(none));
                return;
            }
            if ("eth_getLogs".equals(req.path("method").asText())) {
                JsonNode f = req.path("params").path(0);
                long from = Long.decode(f.path("fromBlock").asText());
                long to = Long.decode(f.path("toBlock").asText());
                if (to - from + 1 > maxLogRange) {
                    ObjectNode err = JSON.createObjectNode();
                    err.put("jsonrpc", "2.0");
                    err.set("id", req.get("id"));
                    err.putObject("error").put("code", -32005).put("message", "block range is too wide (max "
                            + maxLogRange + ")");
                    reply(ex, JSON.writeValueAsBytes(err));
                    return;
                }
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            reply(ex, r.body());
        }
    }

    private boolean hidden(JsonNode req) {
        String method = req.path("method").asText();
        if (!"eth_getTransactionReceipt".equals(method) && !"eth_getTransactionByHash".equals(method)) {
            return false;
        }
        Long until = hiddenUntil.get(req.path("params").path(0).asText().toLowerCase(Locale.ROOT));
        return until != null && System.nanoTime() < until;
    }

    private static void reply(HttpExchange ex, byte[] json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, json.length);
        ex.getResponseBody().write(json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
