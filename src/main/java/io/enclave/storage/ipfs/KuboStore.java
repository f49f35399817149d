package io.enclave.storage.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.BlobStore;
import io.enclave.storage.BlockSource;
import io.enclave.storage.Http;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An IPFS node through the Kubo RPC API ({@code /api/v0}); js-ipfs serves the same API. Content is added as CIDv1
 * with raw leaves and the default chunker, so the answer can be checked against {@link UnixFsImporter}. Calls that
 * may wait for content the node does not have ({@code block/get}, {@code pin/*}) carry a {@code timeout=} because an
 * offline node would wait forever.
 */
public final class KuboStore implements BlobStore, BlockSource {
    static final long MAX_BLOCK = 4L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI api;
    private final Http http;
    private final Duration timeout;

    public KuboStore(URI api, Http http, Duration timeout) {
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "kubo " + api.getAuthority();
    }

    @Override
    public Cid put(byte[] content) {
        Cid expected = UnixFsImporter.cidOf(content);
        Http.Multipart body = new Http.Multipart().file("file", "blob", content);
        HttpRequest req = HttpRequest.newBuilder(endpoint("add", "cid-version=1&raw-leaves=true&cid-base=base32"
                + "&hash=sha2-256&chunker=size-" + UnixFsImporter.CHUNK_SIZE + "&pin=true&progress=false"))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build();
        String text = call(req, "add", Duration.ofMillis(timeout.toMillis() + content.length / 1000L));
        JsonNode last = null;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                last = parse(line);
            }
        }
        if (last == null || !last.hasNonNull("Hash")) {
            throw new StorageException(name() + " answered add without a Hash: " + abbreviate(text));
        }
        Cid answered;
        try {
            answered = Cid.parse(last.get("Hash").asText());
        } catch (IllegalArgumentException e) {
            throw new StorageException(name() + " answered add with an unusable CID: " + e.getMessage(), e);
        }
        if (!answered.equals(expected)) {
            throw new IntegrityException(name() + " stored the content as " + answered + " but it is " + expected
                    + ": the node uses other import settings or changed the bytes; nothing refers to its answer");
        }
        return expected;
    }

    @Override
    public void pin(Cid cid) {
        call(post("pin/add", "arg=" + cid + "&recursive=true&" + timeoutParam()), "pin/add", timeout.plusSeconds(2));
    }

    @Override
    public void unpin(Cid cid) {
        try {
            call(post("pin/rm", "arg=" + cid + "&recursive=true&" + timeoutParam()), "pin/rm", timeout.plusSeconds(2));
        } catch (StorageException e) {
            if (!String.valueOf(e.getMessage()).contains("not pinned")) {
                throw e;
            }
        }
    }

    @Override
    public boolean isPinned(Cid cid) {
        Http.Response r = http.send(post("pin/ls", "arg=" + cid + "&type=recursive&cid-base=base32&" + timeoutParam()),
                timeout.plusSeconds(2), 1 << 20);
        if (r.ok()) {
            return parse(r.text()).path("Keys").has(cid.toString());
        }
        if (r.text().contains("not pinned") || r.text().contains("is not pinned")) {
            return false;
        }
        throw new StorageException(name() + " pin/ls failed (HTTP " + r.status() + "): " + message(r.text()));
    }

    @Override
    public byte[] block(Cid cid, Duration wait) {
        Http.Response r = http.send(post("block/get", "arg=" + cid + "&timeout=" + wait.toMillis() + "ms"),
                wait.plusMillis(500), MAX_BLOCK);
        if (!r.ok()) {
            throw new StorageException(name() + " block/get " + cid + " failed (HTTP " + r.status() + "): "
                    + message(r.text()));
        }
        return r.body();
    }

    /** The node's identity, to check it answers. */
    public String id() {
        return parse(call(post("id", ""), "id", timeout)).path("ID").asText();
    }

    private String timeoutParam() {
        return "timeout=" + timeout.toMillis() + "ms";
    }

    private HttpRequest post(String command, String query) {
        return HttpRequest.newBuilder(endpoint(command, query)).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private URI endpoint(String command, String query) {
        return api.resolve("api/v0/" + command + (query.isEmpty() ? "" : "?" + query.replace(" ", "%20")));
    }

    private String call(HttpRequest req, String command, Duration wait) {
        Http.Response r = http.send(req, wait, 16L << 20);
        if (!r.ok()) {
            throw new StorageException(name() + " " + command + " failed (HTTP " + r.status() + "): "
                    + message(r.text()));
        }
        return r.text();
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("Message")) {
                return n.get("Message").asText();
            }
        } catch (IOException e) {
            // not JSON: show the text
        }
        return abbreviate(body);
    }

    private JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new StorageException(name() + " answered something that is not JSON: " + abbreviate(text), e);
        }
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
