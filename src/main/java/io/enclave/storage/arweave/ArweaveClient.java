package io.enclave.storage.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.Http;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import io.enclave.util.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Permanent copies on Arweave: builds and signs v2 transactions, posts them with the data inline (one chunk) or in
 * chunks with merkle proofs, and reads them back verifying the signature, the id and the data against its data_root.
 */
public final class ArweaveClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI node;
    private final Http http;
    private final HttpClient client;
    private final Duration timeout;

    public ArweaveClient(URI node, Duration timeout) {
        this.node = URI.create(node.toString().replaceAll("/+$", "") + "/");
        this.client = HttpClients.builder(Duration.ofSeconds(10)).build();
        this.http = new Http(client);
        this.timeout = timeout;
    }

    /** The seed's tags for a stored proof, in order. */
    public static Map<String, String> proofTags(String contentType, String type, String credentialType, String issuer,
                                                Instant timestamp) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("App-Name", "Enclave");
        tags.put("Content-Type", contentType);
        tags.put("Type", type);
        tags.put("Credential-Type", credentialType);
        tags.put("Issuer", issuer);
        tags.put("Timestamp", Long.toString(timestamp.toEpochMilli()));
        return tags;
    }

    /** Signs a transaction for {@code data} with the node's current anchor and price (not yet posted). */
    public ArweaveTransaction prepare(ArweaveWallet wallet, Map<String, String> tags, byte[] data) {
        String anchor = get("tx_anchor").text().strip();
        String reward = get("price/" + data.length).text().strip();
        if (!reward.matches("\\d+")) {
            throw new StorageException(name() + " answered a price that is not a number: " + reward);
        }
        return ArweaveTransaction.sign(wallet, anchor, reward, tags, data);
    }

    /** Posts a signed transaction and its data; posting the same transaction again is harmless. */
    public void post(ArweaveTransaction tx, byte[] data) {
        ArweaveMerkle.Tree tree = ArweaveMerkle.build(data);
        if (!MessageDigest.isEqual(tree.root(), tx.dataRoot()) || tx.dataSize() != data.length) {
            throw new IllegalArgumentException("the data does not match the transaction's data_root: not posted");
        }
        boolean inline = tree.chunks().size() <= 1;
        HttpRequest req = HttpRequest.newBuilder(node.resolve("tx")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tx.toJson(inline ? data : null))).build();
        CompletableFuture<HttpResponse<String>> posted = client.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        try {
            if (!inline) {
                for (ArweaveMerkle.Chunk c : tree.chunks()) {
                    byte[] chunk = java.util.Arrays.copyOfRange(data, c.min(), c.max());
                    String body = JSON.createObjectNode().put("data_root", Base64Url.encode(tx.dataRoot()))
                            .put("data_size", Long.toString(tx.dataSize())).put("data_path", Base64Url.encode(c.proof()))
                            .put("offset", Integer.toString(c.offset())).put("chunk", Base64Url.encode(chunk)).toString();
                    Http.Response r = http.send(HttpRequest.newBuilder(node.resolve("chunk"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), timeout, 1 << 20);
                    if (!r.ok()) {
                        throw new StorageException(name() + " refused chunk at offset " + c.offset() + " of " + tx.id()
                                + " (HTTP " + r.status() + "): " + r.text());
                    }
                }
            }
            HttpResponse<String> r = posted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.statusCode() != 200 && r.statusCode() != 208 && !known(tx.id())) {
                throw new StorageException(name() + " refused transaction " + tx.id() + " (HTTP " + r.statusCode() + "): "
                        + r.body() + (r.statusCode() == 410 || r.body().contains("balance")
                        ? ". Fund the Arweave wallet " + tx.ownerAddress() + " and retry." : ""));
            }
        } catch (java.util.concurrent.TimeoutException e) {
            posted.cancel(true);
            throw new StorageException(name() + ": no answer to transaction " + tx.id() + " within " + timeout.toMillis()
                    + " ms; it will be posted again (same id)", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StorageException(name() + ": could not post transaction " + tx.id() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while posting " + tx.id(), e);
        }
    }

    /** The transaction {@code id}, checked: its id is its signature's hash and the signature verifies. */
    public ArweaveTransaction transaction(String id) {
        Http.Response r = get("tx/" + id);
        ArweaveTransaction tx;
        try {
            tx = ArweaveTransaction.fromJson(JSON.readTree(r.body()));
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException(name() + " answered an unreadable transaction " + id + ": " + e.getMessage(), e);
        }
        if (!tx.id().equals(id) || !tx.verifies()) {
            throw new IntegrityException(name() + " served transaction " + id + " with a wrong id or signature");
        }
        return tx;
    }

    /** The data of transaction {@code id}, verified against the signed data_root. */
    public byte[] read(String id) {
        ArweaveTransaction tx = transaction(id);
        byte[] body = get("tx/" + id + "/data").body();
        byte[] data = body;
        if (body.length != tx.dataSize()) {
            try {
                data = Base64Url.decode(new String(body, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                data = new byte[0];
            }
        }
        if (data.length != tx.dataSize() && tx.dataSize() > 0) {
            data = chunks(id, tx.dataSize());
        }
        if (data.length != tx.dataSize() || !MessageDigest.isEqual(ArweaveMerkle.build(data).root(), tx.dataRoot())) {
            throw new IntegrityException(name() + " served data for " + id + " that does not match its signed data_root");
        }
        return data;
    }

    /** Reads the data chunk by chunk ({@code /tx/<id>/offset}, {@code /chunk/<offset>}), as nodes serve large data. */
    private byte[] chunks(String id, long size) {
        try {
            JsonNode where = JSON.readTree(get("tx/" + id + "/offset").body());
            long end = Long.parseLong(where.path("offset").asText());
            long start = end - Long.parseLong(where.path("size").asText(Long.toString(size))) + 1;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long at = start;
            while (out.size() < size) {
                JsonNode chunk = JSON.readTree(get("chunk/" + at).body());
                byte[] bytes = Base64Url.decode(chunk.path("chunk").asText());
                if (bytes.length == 0) {
                    throw new IntegrityException(name() + " served an empty chunk at offset " + at + " of " + id);
                }
                out.writeBytes(bytes);
                at += bytes.length;
            }
            return out.toByteArray();
        } catch (IOException | NumberFormatException e) {
            throw new StorageException(name() + " answered unreadable chunk data for " + id + ": " + e.getMessage(), e);
        }
    }

    /** True if the node already has transaction {@code id} (mined: 200, pending: 202). */
    public boolean known(String id) {
        Http.Response r = http.send(HttpRequest.newBuilder(node.resolve("tx/" + id + "/status")).GET().build(), timeout,
                1 << 20);
        return r.status() == 200 || r.status() == 202;
    }

    public String name() {
        return "arweave " + node.getAuthority();
    }

    private Http.Response get(String path) {
        Http.Response r = http.send(HttpRequest.newBuilder(node.resolve(path)).GET().build(), timeout, 64L << 20);
        if (!r.ok()) {
            throw new StorageException(name() + " GET /" + path + " failed (HTTP " + r.status() + "): "
                    + (r.body().length > 200 ? r.text().substring(0, 200) : r.text()));
        }
        return r;
    }
}
