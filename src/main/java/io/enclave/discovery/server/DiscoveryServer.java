package io.enclave.discovery.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.api.ApiError;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only HTTP API (Javalin). Every route is a GET; errors are JSON {@link ApiError}s without stack traces;
 * clients are rate-limited per address; no CORS headers are sent, so browsers on other origins cannot read it.
 */
public final class DiscoveryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryServer.class);
    private static final String JSON = "application/json";

    /**
     * @param ratePerSecond  sustained requests per second per client address (0 disables the limit)
     * @param rateBurst      requests a client may send at once
     * @param maxLagBlocks   indexer lag above which /health reports "degraded"
     */
    public record Settings(String host, int port, double ratePerSecond, double rateBurst, long maxLagBlocks) {
        public static Settings defaults(String host, int port) {
            return new Settings(host, port, 20, 60, 30);
        }
    }

    private final Javalin app;

    public DiscoveryServer(DataSource db, PrometheusMeterRegistry metrics, IntSupplier activeConnections,
            Settings settings) {
        this(db, metrics, activeConnections, settings, null);
    }

    /**
     * With {@code cache} (may be null), listing searches and listing details are answered from it; whoever commits
     * indexed data must invalidate it (see {@link ResponseCache}).
     */
    public DiscoveryServer(DataSource db, PrometheusMeterRegistry metrics, IntSupplier activeConnections,
            Settings settings, ResponseCache cache) {
        ObjectMapper json = new ObjectMapper();
        ListingQueries listings = new ListingQueries(db, cache);
        ProfileQueries profiles = new ProfileQueries(db);
        RateLimiter limiter = new RateLimiter(settings.ratePerSecond(), settings.rateBurst());
        String openApi = resource("openapi.json");
        Gauge.builder("postgres_connections_active", activeConnections::getAsInt).register(metrics);
        Gauge.builder("marketplace_listings_active", new CachedCount(db, 30_000), CachedCount::get).strongReference(true)
                .register(metrics);
        if (cache != null) {
            FunctionCounter.builder("discovery_response_cache_hits", cache, ResponseCache::hits).register(metrics);
            FunctionCounter.builder("discovery_response_cache_misses", cache, ResponseCache::misses).register(metrics);
            Gauge.builder("discovery_response_cache_live", cache, c -> c.live() ? 1 : 0).register(metrics);
        }
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 16_384;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(5_000);
                server.setErrorHandler(new JsonErrorHandler());
            });
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            // One Timer per (route, status), looked up in a map: building and registering it per request cost more
            // than the whole rest of a cache hit's own work.
            Map<String, Timer> timers = new ConcurrentHashMap<>();
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
                int status = ctx.statusCode();
                timers.computeIfAbsent(route + ' ' + status, k -> Timer.builder("discovery_http_requests")
                        .tag("route", route).tag("status", Integer.toString(status))
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(metrics)).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
            });
            cfg.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
                String path = ctx.path();
                if (!path.equals("/health") && !path.equals("/metrics") && !limiter.tryAcquire(ctx.ip())) {
                    throw new TooManyRequests(limiter.retryAfterSeconds());
                }
            });
            cfg.routes.get("/api/v1/listings", new Handlers.Search(listings, cache, json));
            cfg.routes.get("/api/v1/listings/{id}", new Handlers.ListingDetail(listings, cache, json));
            cfg.routes.get("/api/v1/sellers/{address}", new Handlers.Seller(profiles));
            cfg.routes.get("/api/v1/issuers", new Handlers.Issuers(profiles));
            cfg.routes.get("/api/v1/trust/{address}", new Handlers.Trust(profiles));
            cfg.routes.get("/api/v1/analytics", new Handlers.AnalyticsRoute(profiles));
            cfg.routes.get("/api/v1/governance/proposals", new Handlers.Proposals(new GovernanceQueries(db)));
            cfg.routes.get("/health", new Handlers.HealthRoute(profiles, settings.maxLagBlocks()));
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            cfg.routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
            cfg.routes.exception(BadRequest.class, (e, ctx) ->
                    ctx.status(400).json(new ApiError("bad_request", e.parameter(), e.getMessage())));
            cfg.routes.exception(TooManyRequests.class, (e, ctx) -> {
                ctx.header("Retry-After", Integer.toString(e.retryAfter));
                ctx.status(429).json(new ApiError("rate_limited", null, "Too many requests from this address; retry after "
                        + e.retryAfter + " s"));
            });
            cfg.routes.exception(SQLException.class, (e, ctx) -> {
                LOG.warn("Database error on {}: {}", ctx.path(), e.getMessage());
                ctx.status(503).json(new ApiError("unavailable", null, "The discovery database is unavailable; retry later"));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error on {}", ctx.path(), e);
                ctx.status(500).json(new ApiError("internal", null, "Unexpected server error; it has been logged"));
            });
            cfg.routes.error(404, ctx -> {
                String body = ctx.result();
                if (body == null || !body.startsWith("{")) {
                    ctx.json(new ApiError("not_found", null, "No such endpoint; see /openapi.json"));
                }
            });
            cfg.routes.error(405, ctx -> ctx.json(new ApiError("method_not_allowed", null, "This API is read-only: use GET")));
        });
    }

    private static String resource(String name) {
        try (InputStream in = DiscoveryServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DiscoveryServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests and waits (up to 5 s) for the ones in flight. */
    @Override
    public void close() {
        app.stop();
    }

    /** A rate-limited client. */
    static final class TooManyRequests extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int retryAfter;

        TooManyRequests(int retryAfter) {
            super(null, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** count(*) of active listings, refreshed at most every {@code ttlMillis} (it scans the status index). */
    static final class CachedCount {
        private final DataSource db;
        private final long ttlMillis;
        private volatile long at;
        private volatile double value = Double.NaN;

        CachedCount(DataSource db, long ttlMillis) {
            this.db = db;
            this.ttlMillis = ttlMillis;
        }

        synchronized double get() {
            long now = System.currentTimeMillis();
            if (Double.isNaN(value) || now - at > ttlMillis) {
                try (var c = db.getConnection(); var s = c.createStatement();
                     var rs = s.executeQuery("SELECT count(*) FROM listings WHERE status = 'active'")) {
                    rs.next();
                    value = rs.getLong(1);
                    at = now;
                } catch (SQLException e) {
                    LOG.debug("marketplace_listings_active unavailable: {}", e.getMessage());
                }
            }
            return value;
        }
    }
}
