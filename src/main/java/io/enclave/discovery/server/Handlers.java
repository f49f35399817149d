package io.enclave.discovery.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.BuildInfo;
import io.enclave.discovery.api.ApiError;
import io.enclave.discovery.api.Health;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.math.BigDecimal;
import java.util.Set;

/** One handler per route; each validates its parameters and answers with the shared API records. */
final class Handlers {
    private Handlers() {
    }

    private static void notFound(Context ctx, String what) {
        ctx.status(404).json(new ApiError("not_found", null, what));
    }

    /**
     * Answers from {@code cache} when it holds {@code key}, else computes, stores and sends the JSON. Answers carry a
     * strong ETag (the hash of their bytes); a request whose {@code If-None-Match} names it gets a 304 without a body.
     */
    private static void cachedJson(Context ctx, ResponseCache cache, ObjectMapper json, Object key, Answer answer)
            throws Exception {
        ResponseCache.Answer ready = cache == null ? null : cache.get(key);
        if (ready == null) {
            ResponseCache.Ticket ticket = cache == null ? null : cache.ticket();
            Object value = answer.compute();
            if (value == null) {
                return;
            }
            ready = ResponseCache.Answer.of(json.writeValueAsBytes(value));
            if (cache != null) {
                cache.put(ticket, key, ready);
            }
        }
        // Public data: a client may keep it, but must revalidate (cheap: a 304) before using it again.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", ready.etag());
        if (matches(ctx.header("If-None-Match"), ready.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(ready.body());
    }

    /** Whether an If-None-Match header ({@code *}, or a list of tags, weak or strong) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Computes an answer, or sets a non-200 response itself and returns null (never cached). */
    @FunctionalInterface
    interface Answer {
        Object compute() throws Exception;
    }

    /** GET /api/v1/listings: full-text search with filters, sorts and keyset pagination. */
    record Search(ListingQueries listings, ResponseCache cache, ObjectMapper json) implements Handler {
        static final Set<String> PARAMS = Set.of("q", "type", "minPrice", "maxPrice", "seller", "issuer", "minReputation",
                "status", "sort", "limit", "cursor");

        @Override
        public void handle(Context ctx) throws Exception {
            Params p = new Params(ctx, PARAMS);
            BigDecimal min = p.moca("minPrice");
            BigDecimal max = p.moca("maxPrice");
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new BadRequest("minPrice", "minPrice is above maxPrice");
            }
            var search = new ListingQueries.Search(p.text("q"), p.word("type"), min, max, p.address("seller"),
                    p.address("issuer"), p.text("minReputation") == null ? null : p.integer("minReputation", 0, 1000, 0),
                    p.choice("status", ListingQueries.Status.class, ListingQueries.Status.ACTIVE),
                    p.choice("sort", ListingQueries.Sort.class, ListingQueries.Sort.RELEVANCE),
                    p.integer("limit", 1, 100, 20), p.text("cursor"));
            cachedJson(ctx, cache, json, search, () -> listings.search(search));
        }
    }

    /** GET /api/v1/listings/{id}. */
    record ListingDetail(ListingQueries listings, ResponseCache cache, ObjectMapper json) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            new Params(ctx, Set.of());
            BigDecimal id = Params.uint256("id", ctx.pathParam("id"));
            cachedJson(ctx, cache, json, new ListingKey(id.toBigIntegerExact()), () -> {
                var found = listings.byId(id);
                if (found.isPresent()) {
                    return found.get();
                }
                notFound(ctx, "No listing " + id.toPlainString() + " has been indexed");
                return null;
            });
        }
    }

    /** The cache key of one listing (apart from search keys, which are {@link ListingQueries.Search} records). */
    private record ListingKey(java.math.BigInteger id) {
    }

    /** GET /api/v1/sellers/{address}. */
    record Seller(ProfileQueries profiles) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            new Params(ctx, Set.of());
            String address = Params.address("address", ctx.pathParam("address"));
            var found = profiles.seller(address);
            if (found.isPresent()) {
                ctx.json(found.get());
            } else {
                notFound(ctx, "The wallet " + address + " has no indexed activity");
            }
        }
    }

    /** GET /api/v1/issuers. */
    record Issuers(ProfileQueries profiles) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            Params p = new Params(ctx, Set.of("active"));
            String active = p.text("active");
            if (active != null && !active.equals("true") && !active.equals("false")) {
                throw new BadRequest("active", "true or false");
            }
            ctx.json(profiles.issuers(!"false".equals(active)));
        }
    }

    /** GET /api/v1/governance/proposals?status=pending|queued|executed|canceled&limit=1..100. */
    record Proposals(GovernanceQueries governance) implements Handler {
        private static final Set<String> STATUSES = Set.of("pending", "queued", "executed", "canceled");

        @Override
        public void handle(Context ctx) throws Exception {
            Params p = new Params(ctx, Set.of("status", "limit"));
            String status = p.text("status");
            if (status != null && !STATUSES.contains(status)) {
                throw new BadRequest("status", "One of pending, queued, executed, canceled");
            }
            ctx.json(governance.proposals(status, p.integer("limit", 1, 100, 20)));
        }
    }

    /** GET /api/v1/trust/{address}?depth=1..3. */
    record Trust(ProfileQueries profiles) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            Params p = new Params(ctx, Set.of("depth"));
            String address = Params.address("address", ctx.pathParam("address"));
            ctx.json(profiles.trust(address, p.integer("depth", 1, 3, 2)));
        }
    }

    /** GET /api/v1/analytics?days=1..365. */
    record AnalyticsRoute(ProfileQueries profiles) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            Params p = new Params(ctx, Set.of("days"));
            ctx.json(profiles.analytics(p.integer("days", 1, 365, 30)));
        }
    }

    /** GET /health: database reachable, and how far the indexer lags the chain head. */
    record HealthRoute(ProfileQueries profiles, long maxLagBlocks) implements Handler {
        @Override
        public void handle(Context ctx) {
            String version = BuildInfo.current().version();
            try {
                long[] cursor = profiles.cursor();
                long lag = cursor[0] < 0 ? 0 : Math.max(0, cursor[1] - cursor[0]);
                String status = cursor[0] >= 0 && lag > maxLagBlocks ? "degraded" : "up";
                ctx.json(new Health(status, version, true, cursor[0], cursor[1], lag));
            } catch (java.sql.SQLException e) {
                ctx.status(503).json(new Health("down", version, false, -1, -1, -1));
            }
        }
    }
}
