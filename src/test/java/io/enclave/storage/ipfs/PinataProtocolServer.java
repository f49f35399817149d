package io.enclave.storage.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that speaks Pinata's pinning protocol ({@code pinning/pinFileToIPFS}, {@code pinning/pinByHash},
 * {@code data/pinList}, {@code pinning/unpin/<cid>}, Bearer JWT), because the real Pinata is not reachable from the
 * tests. Like Pinata it stores files on a real IPFS node (the js-ipfs daemon) and reports the node's CID.
 */
final class PinataProtocolServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final KuboStore node;
    private final String jwt;
    final Map<String, Boolean> pins = new ConcurrentHashMap<>();
    volatile String forgedHash;

    PinataProtocolServer(KuboStore node, String jwt) throws IOException {
        this.node = node;
        this.jwt = jwt;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!("Bearer " + jwt).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error\":{\"reason\":\"INVALID_CREDENTIALS\",\"details\":\"Invalid API key\"}}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("POST") && path.equals("/pinning/pinFileToIPFS")) {
                byte[] file = filePart(ex);
                Cid cid = node.put(file);
                pins.put(cid.toString(), true);
                String hash = forgedHash != null ? forgedHash : cid.toString();
                send(ex, 200, "{\"IpfsHash\":\"" + hash + "\",\"PinSize\":" + file.length
                        + ",\"Timestamp\":\"2026-01-01T00:00:00.000Z\"}");
            } else if (method.equals("POST") && path.equals("/pinning/pinByHash")) {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                Cid cid = Cid.parse(body.path("hashToPin").asText());
                node.pin(cid);
                pins.put(cid.toString(), true);
                send(ex, 200, "{\"id\":\"job-1\",\"ipfsHash\":\"" + cid + "\",\"status\":\"prechecking\"}");
            } else if (method.equals("GET") && path.equals("/data/pinList")) {
                String query = ex.getRequestURI().getQuery();
                String contains = query.replaceAll(".*hashContains=([^&]*).*", "$1");
                ObjectNode out = JSON.createObjectNode();
                ArrayNode rows = out.putArray("rows");
                pins.keySet().stream().filter(h -> h.contains(contains))
                        .forEach(h -> rows.addObject().put("ipfs_pin_hash", h).put("size", 1));
                out.put("count", rows.size());
                send(ex, 200, out.toString());
            } else if (method.equals("DELETE") && path.startsWith("/pinning/unpin/")) {
                String cid = path.substring("/pinning/unpin/".length());
                if (pins.remove(cid) == null) {
                    send(ex, 400, "{\"error\":{\"reason\":\"CURRENT_USER_HAS_NOT_PINNED_CID\"}}");
                } else {
                    send(ex, 200, "OK");
                }
            } else {
                send(ex, 404, "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "{\"error\":\"" + e.getMessage() + "\"}");
        }
    }

    /** The bytes of the multipart part named "file" (enough multipart for the client under test). */
    private static byte[] filePart(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + 9);
        byte[] body = ex.getRequestBody().readAllBytes();
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        int part = latin.indexOf("name=\"file\"");
        int start = latin.indexOf("\r\n\r\n", part) + 4;
        int end = latin.indexOf("\r\n" + boundary, start);
        return Arrays.copyOfRange(body, start, end);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
