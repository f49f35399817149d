package io.enclave.storage.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.storage.BlobStore;
import io.enclave.storage.Http;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;

/**
 * Pinata's pinning API with a JWT: {@code pinning/pinFileToIPFS} (CIDv1), {@code pinning/pinByHash},
 * {@code data/pinList}, {@code pinning/unpin}. Reading goes through gateways ({@link GatewaySource}), never trusted.
 * The JWT is held as a char array and can be wiped with {@link #close()}.
 */
public final class PinataStore implements BlobStore, AutoCloseable {
    public static final URI DEFAULT_API = URI.create("https://api.pinata.cloud/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI api;
    private final char[] jwt;
    private final Http http;
    private final Duration timeout;

    public PinataStore(URI api, char[] jwt, Http http, Duration timeout) {
        if (jwt == null || jwt.length == 0) {
            throw new IllegalArgumentException("Pinata needs a JWT: create an API key in Pinata and paste its JWT");
        }
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.jwt = jwt.clone();
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "pinata " + api.getAuthority();
    }

    @Override
    public Cid put(byte[] content) {
        Cid expected = UnixFsImporter.cidOf(content);
        Http.Multipart body = new Http.Multipart().file("file", expected.toString(), content)
                .text("pinataOptions", "{\"cidVersion\":1}");
        JsonNode answer = call(request("pinning/pinFileToIPFS").header("Content-Type", body.contentType())
                .POST(body.publisher()), "pinFileToIPFS");
        String hash = answer.path("IpfsHash").asText("");
        Cid answered;
        try {
            answered = Cid.parse(hash);
        } catch (IllegalArgumentException e) {
            throw new StorageException(name() + " answered pinFileToIPFS with an unusable CID: " + e.getMessage(), e);
        }
        if (!answered.equals(expected)) {
            throw new IntegrityException(name() + " pinned the content as " + answered + " but it is " + expected
                    + ": nothing refers to Pinata's answer");
        }
        return expected;
    }

    @Override
    public void pin(Cid cid) {
        String body = JSON.createObjectNode().put("hashToPin", cid.toString()).toString();
        call(request("pinning/pinByHash").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "pinByHash");
    }

    @Override
    public void unpin(Cid cid) {
        Http.Response r = http.send(request("pinning/unpin/" + cid).DELETE().build(), timeout, 1 << 20);
        if (!r.ok() && !(r.status() == 404 || r.text().contains("NOT_PINNED") || r.text().contains("HAS_NOT_PINNED"))) {
            throw failure("unpin", r);
        }
    }

    @Override
    public boolean isPinned(Cid cid) {
        JsonNode answer = call(request("data/pinList?status=pinned&hashContains=" + cid).GET(), "pinList");
        for (JsonNode row : answer.path("rows")) {
            if (cid.toString().equals(row.path("ipfs_pin_hash").asText())) {
                return true;
            }
        }
        return false;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + new String(jwt));
    }

    private JsonNode call(HttpRequest.Builder req, String what) {
        Http.Response r = http.send(req.build(), timeout, 1 << 20);
        if (!r.ok()) {
            throw failure(what, r);
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            throw new StorageException(name() + " " + what + " answered something that is not JSON: "
                    + KuboStore.abbreviate(r.text()), e);
        }
    }

    private StorageException failure(String what, Http.Response r) {
        if (r.status() == 401 || r.status() == 403) {
            return new StorageException(name() + " refused the JWT for " + what + " (HTTP " + r.status()
                    + "): create a Pinata API key with pinning permissions and enter its JWT again");
        }
        if (r.status() == 429) {
            return new StorageException(name() + " is rate limiting " + what + " (HTTP 429): retry later");
        }
        return new StorageException(name() + " " + what + " failed (HTTP " + r.status() + "): "
                + KuboStore.abbreviate(r.text()));
    }

    @Override
    public void close() {
        Arrays.fill(jwt, '\0');
    }
}
