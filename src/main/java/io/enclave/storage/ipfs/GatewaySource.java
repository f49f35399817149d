package io.enclave.storage.ipfs;

import io.enclave.storage.BlockSource;
import io.enclave.storage.Http;
import io.enclave.storage.StorageException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * A read-only HTTP gateway asked for single raw blocks ({@code GET /ipfs/<cid>?format=raw}, {@code Accept:
 * application/vnd.ipld.raw}, the trustless gateway protocol), so every answer can be verified by hash.
 */
public final class GatewaySource implements BlockSource {
    private final URI base;
    private final Http http;

    public GatewaySource(URI base, Http http) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.http = http;
    }

    @Override
    public String name() {
        return "gateway " + base.getAuthority();
    }

    @Override
    public byte[] block(Cid cid, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("ipfs/" + cid + "?format=raw"))
                .header("Accept", "application/vnd.ipld.raw").GET().build();
        Http.Response r = http.send(req, timeout, KuboStore.MAX_BLOCK);
        if (!r.ok()) {
            throw new StorageException(name() + " answered HTTP " + r.status() + " for " + cid);
        }
        return r.body();
    }
}
