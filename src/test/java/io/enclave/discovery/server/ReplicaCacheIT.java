package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API replica's response cache kept by LISTEN/NOTIFY: a real indexer and a replica server (its own pool and cache,
 * never told anything by the indexer in Java) on one embedded PostgreSQL. Each commit's notice reaches the replica and
 * the next request shows the commit; with its LISTEN session killed the replica answers from the database (never from
 * a cache that may have missed a commit) until it listens again; cached answers are byte-identical to uncached ones and
 * carry an ETag that a conditional request gets a 304 for.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ReplicaCacheIT {
    private static final BigInteger MOCA = BigInteger.TEN.pow(18);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(String url, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String ids(String url) throws Exception {
        HttpResponse<byte[]> r = send(url, null);
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        StringBuilder s = new StringBuilder();
        JSON.readTree(r.body()).get("items").forEach(i -> s.append(i.get("id").asText()).append(' '));
        return s.toString().trim();
    }

    /** Waits for a condition that another thread makes true (bounded; never a fixed sleep). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static PrometheusMeterRegistry metrics() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Test
    void theReplicasCacheFollowsTheIndexersCommitsAndTurnsOffWithoutItsListenSession(Anvil anvil,
            Postgres.Schema schema) throws Exception {
        String start = anvil.snapshot();
        String seller = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
        try (DiscoveryDatabase indexerDb = DbFixture.open(schema); DiscoveryDatabase replicaDb = DbFixture.open(schema)) {
            MarketFixture m = MarketFixture.deploy(anvil, 0);
            m.list(1, seller, MOCA, MarketFixture.digestOf("doc-1"));
            m.sync();
            // The indexer runs "elsewhere": it tells nobody in Java about its commits.
            Indexer ix = new Indexer(indexerDb.dataSource(), new Web3ChainSource(anvil.rpcUrl()),
                    IndexerConfig.of(m.asContracts(), 0, 0), metrics(), () -> { });
            ix.catchUp();
            ResponseCache cache = new ResponseCache(100, 1 << 20);
            // The replica's LISTEN sessions are real connections; while `reachable` is false, opening one fails as if
            // the database could not be reached.
            AtomicBoolean reachable = new AtomicBoolean(true);
            ChangeListener.Connect connect = () -> {
                if (!reachable.get()) {
                    throw new SQLException("connection refused (the test keeps the database unreachable)");
                }
                return replicaDb.openUnpooled(ChangeListener.APPLICATION_NAME, 3);
            };
            try (ChangeListener listener = new ChangeListener(connect, cache);
                 DiscoveryServer replica = new DiscoveryServer(replicaDb.dataSource(), metrics(),
                         replicaDb::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30), cache)
                         .start("127.0.0.1", 0);
                 DiscoveryServer uncached = new DiscoveryServer(replicaDb.dataSource(), metrics(),
                         replicaDb::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                         .start("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + replica.port();
                String search = base + "/api/v1/listings?seller=" + seller + "&sort=newest";
                await("the replica to listen", listener::listening);
                assertThat(ids(search)).isEqualTo("1");
                long hits = cache.hits();
                assertThat(ids(search)).isEqualTo("1");
                assertThat(cache.hits()).as("the second identical search is a cache hit").isEqualTo(hits + 1);

                // A commit by the indexer reaches the replica as a notice; the next search shows it.
                long notices = listener.notices();
                m.list(2, seller, MOCA.multiply(BigInteger.TWO), MarketFixture.digestOf("doc-2"));
                m.sync();
                ix.catchUp();
                await("the commit's notice", () -> listener.notices() > notices);
                assertThat(ids(search)).isEqualTo("2 1");
                hits = cache.hits();
                assertThat(ids(search)).isEqualTo("2 1");
                assertThat(cache.hits()).isEqualTo(hits + 1);

                // Cached answers are the very bytes an uncached server sends, and carry the hash of those bytes.
                String other = "http://127.0.0.1:" + uncached.port();
                for (String path : List.of("/api/v1/listings?seller=" + seller + "&sort=newest", "/api/v1/listings/2",
                        "/api/v1/listings?sort=price_desc&limit=1", "/api/v1/listings?q=anything")) {
                    send(base + path, null);
                    HttpResponse<byte[]> fromCache = send(base + path, null);
                    HttpResponse<byte[]> fresh = send(other + path, null);
                    assertThat(fromCache.statusCode()).as(path).isEqualTo(200);
                    assertThat(fromCache.body()).as(path).isEqualTo(fresh.body());
                    assertThat(fromCache.headers().firstValue("ETag")).as(path)
                            .contains(ResponseCache.Answer.of(fresh.body()).etag());
                }
                HttpResponse<byte[]> first = send(search, null);
                String etag = first.headers().firstValue("ETag").orElseThrow();
                assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
                HttpResponse<byte[]> revalidated = send(search, "W/\"other\", " + etag);
                assertThat(revalidated.statusCode()).isEqualTo(304);
                assertThat(revalidated.body()).isEmpty();
                assertThat(send(search, "\"other\"").statusCode()).isEqualTo(200);

                // The LISTEN session dies and the database stays unreachable for it a while: the replica stops
                // caching (it could miss commits) and answers from the database ...
                long sessions = listener.sessions();
                int pid = listener.backendPid();
                reachable.set(false);
                assertThat(DbFixture.one(indexerDb, "SELECT pg_terminate_backend(" + pid + ")")).isEqualTo("t");
                await("the replica to notice", () -> !listener.listening());
                assertThat(cache.live()).isFalse();
                hits = cache.hits();
                m.list(3, seller, MOCA, MarketFixture.digestOf("doc-3"));
                m.sync();
                ix.catchUp();
                assertThat(ids(search)).isEqualTo("3 2 1");
                assertThat(ids(search)).isEqualTo("3 2 1");
                assertThat(cache.hits()).as("no hit while not listening").isEqualTo(hits);

                // ... until it listens again, from an empty cache, and follows commits as before.
                reachable.set(true);
                await("the replica to listen again", () -> listener.listening() && listener.sessions() > sessions);
                assertThat(listener.backendPid()).isNotEqualTo(pid);
                assertThat(ids(search)).isEqualTo("3 2 1");
                hits = cache.hits();
                assertThat(ids(search)).isEqualTo("3 2 1");
                assertThat(cache.hits()).isEqualTo(hits + 1);
                long before = listener.notices();
                m.list(4, seller, MOCA, MarketFixture.digestOf("doc-4"));
                m.sync();
                ix.catchUp();
                await("the next commit's notice", () -> listener.notices() > before);
                assertThat(ids(search)).isEqualTo("4 3 2 1");
            }
        } finally {
            anvil.revert(start);
        }
    }
}
