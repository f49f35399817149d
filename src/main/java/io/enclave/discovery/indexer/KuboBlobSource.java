package io.enclave.discovery.indexer;

import io.enclave.util.HttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads blocks through the Kubo RPC API ({@code POST /api/v0/cat}), which js-ipfs and Kubo both serve. */
public final class KuboBlobSource implements BlobSource {
    private final String apiUrl;
    private final Duration timeout;
    private final HttpClient http;

    public KuboBlobSource(String apiUrl, Duration timeout) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.timeout = timeout;
        this.http = HttpClients.builder(timeout).build();
    }

    @Override
    public byte[] fetch(String cid, int maxBytes) throws IOException {
        URI uri = URI.create(apiUrl + "/api/v0/cat?arg=" + URLEncoder.encode(cid, StandardCharsets.UTF_8)
                + "&timeout=" + Math.max(1, timeout.toSeconds()) + "s&length=" + (maxBytes + 1));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout.plusSeconds(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<InputStream> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream in = res.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (res.statusCode() != 200) {
                throw new IOException("IPFS answered " + res.statusCode() + " for " + cid + ": "
                        + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
            }
            if (body.length > maxBytes) {
                throw new IOException(cid + " is larger than " + maxBytes + " bytes");
            }
            return body;
        }
    }
}
