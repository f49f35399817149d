package io.enclave.discovery.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.api.Analytics;
import io.enclave.discovery.api.ApiError;
import io.enclave.discovery.api.Health;
import io.enclave.discovery.api.Issuer;
import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.api.SellerProfile;
import io.enclave.discovery.api.TrustGraph;
import io.enclave.util.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desktop's typed client for the discovery API. Blocking calls with connect and request timeouts. An unreachable
 * server is a {@link DiscoveryUnavailableException} (the desktop says so and keeps working); an error answer is a
 * {@link DiscoveryApiException} carrying the server's {@link ApiError}.
 */
public final class DiscoveryClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    /**
     * Answers the server tagged (listing searches and details, each with a strong ETag of its bytes), by URL: a repeated
     * request names the tag in {@code If-None-Match}, and the server's 304 (unchanged; no body) reuses the bytes.
     */
    private final Map<String, Tagged> tagged = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tagged> eldest) {
            return size() > TAGGED_ENTRIES;
        }
    });
    private static final int TAGGED_ENTRIES = 128;
    private static final int TAGGED_MAX_BYTES = 1 << 20;

    private record Tagged(String etag, byte[] body) {
    }

    public DiscoveryClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.timeout = requestTimeout;
        this.http = HttpClients.builder(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static DiscoveryClient of(String baseUrl) {
        return new DiscoveryClient(URI.create(baseUrl), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    /** A search; null fields are left out. Prices are MOCA amounts such as "0.5". */
    public record Query(String q, String type, String minPrice, String maxPrice, String seller, String issuer,
            Integer minReputation, String status, String sort, Integer limit, String cursor) {
        public static Query text(String q) {
            return new Query(q, null, null, null, null, null, null, null, null, null, null);
        }

        public Query withCursor(String next) {
            return new Query(q, type, minPrice, maxPrice, seller, issuer, minReputation, status, sort, limit, next);
        }

        Map<String, Object> params() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("q", q);
            m.put("type", type);
            m.put("minPrice", minPrice);
            m.put("maxPrice", maxPrice);
            m.put("seller", seller);
            m.put("issuer", issuer);
            m.put("minReputation", minReputation);
            m.put("status", status);
            m.put("sort", sort);
            m.put("limit", limit);
            m.put("cursor", cursor);
            return m;
        }
    }

    public SearchPage search(Query query) {
        return get("/api/v1/listings", query.params(), new TypeReference<SearchPage>() { });
    }

    public Optional<Listing> listing(String id) {
        return optional(() -> get("/api/v1/listings/" + encode(id), Map.of(), new TypeReference<Listing>() { }));
    }

    public Optional<SellerProfile> seller(String address) {
        return optional(() -> get("/api/v1/sellers/" + encode(address), Map.of(), new TypeReference<SellerProfile>() { }));
    }

    public List<Issuer> issuers() {
        return get("/api/v1/issuers", Map.of(), new TypeReference<List<Issuer>>() { });
    }

    /** The newest governance proposals (up to 100), with their vote tallies. */
    public List<io.enclave.discovery.api.Proposal> proposals() {
        return get("/api/v1/governance/proposals", Map.of("limit", "100"),
                new TypeReference<List<io.enclave.discovery.api.Proposal>>() { });
    }

    public TrustGraph trust(String address, int depth) {
        return get("/api/v1/trust/" + encode(address), Map.of("depth", depth), new TypeReference<TrustGraph>() { });
    }

    public Analytics analytics(int days) {
        return get("/api/v1/analytics", Map.of("days", days), new TypeReference<Analytics>() { });
    }

    public Health health() {
        return get("/health", Map.of(), new TypeReference<Health>() { });
    }

    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (DiscoveryApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T get(String path, Map<String, ?> params, TypeReference<T> type) {
        StringBuilder url = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (e.getValue() != null) {
                url.append(sep).append(e.getKey()).append('=').append(encode(e.getValue().toString()));
                sep = '&';
            }
        }
        String key = url.toString();
        Tagged known = tagged.get(key);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(key)).timeout(timeout)
                .header("Accept", "application/json");
        if (known != null) {
            rb.header("If-None-Match", known.etag());
        }
        HttpRequest req = rb.GET().build();
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DiscoveryUnavailableException("The discovery API at " + base + " is unreachable ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "). Browsing is unavailable; your wallet and purchases keep working.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryUnavailableException("Interrupted while calling the discovery API at " + base, e);
        }
        try {
            if (res.statusCode() == 304 && known != null) {
                return JSON.readValue(known.body(), type);
            }
            if (res.statusCode() == 200) {
                T value = JSON.readValue(res.body(), type);
                Optional<String> etag = res.headers().firstValue("ETag");
                if (etag.isPresent() && res.body().length <= TAGGED_MAX_BYTES) {
                    tagged.put(key, new Tagged(etag.get(), res.body()));
                } else {
                    tagged.remove(key);
                }
                return value;
            }
            ApiError err;
            try {
                err = JSON.readValue(res.body(), ApiError.class);
            } catch (IOException notJson) {
                err = new ApiError("http_" + res.statusCode(), null, "The discovery API answered HTTP " + res.statusCode());
            }
            throw new DiscoveryApiException(res.statusCode(), err);
        } catch (IOException e) {
            throw new DiscoveryUnavailableException("The discovery API at " + base + " sent a response this version cannot"
                    + " read (" + e.getMessage() + "); check that it runs a compatible version.", e);
        }
    }
}
