package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's response cache against a real indexer: answers are served from the cache between commits, and every
 * indexed batch, reorg rollback and reindex is visible to the very next request.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ResponseCacheIT {
    private static final BigInteger MOCA = BigInteger.TEN.pow(18);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(String base, String path, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static String ids(JsonNode page) {
        StringBuilder s = new StringBuilder();
        page.get("items").forEach(i -> s.append(i.get("id").asText()).append(' '));
        return s.toString().trim();
    }

    @Test
    void everyCommitIsVisibleToTheNextRequest(Anvil anvil, Postgres.Schema schema) throws Exception {
        String start = anvil.snapshot();
        String seller = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
        ResponseCache cache = new ResponseCache(100, 1 << 20);
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            MarketFixture m = MarketFixture.deploy(anvil, 0);
            m.list(1, seller, MOCA, MarketFixture.digestOf("doc-1"));
            m.sync();
            Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()),
                    IndexerConfig.of(m.asContracts(), 0, 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    cache::invalidate);
            ix.catchUp();
            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), db::activeConnections,
                    new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30), cache).start("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port();
                String search = "/api/v1/listings?seller=" + seller + "&sort=newest";
                assertThat(ids(get(base, search, 200))).isEqualTo("1");
                long hits = cache.hits();
                assertThat(ids(get(base, search, 200))).isEqualTo("1");
                assertThat(cache.hits()).as("the second identical search is a cache hit").isEqualTo(hits + 1);
                get(base, "/api/v1/listings/2", 404);

                String fork = anvil.snapshot();
                m.list(2, seller, MOCA.multiply(BigInteger.TWO), MarketFixture.digestOf("doc-2"));
                m.sync();
                ix.catchUp();
                assertThat(ids(get(base, search, 200))).isEqualTo("2 1");
                assertThat(get(base, "/api/v1/listings/2", 200).get("priceWei").asText())
                        .isEqualTo(MOCA.multiply(BigInteger.TWO).toString());
                assertThat(get(base, "/api/v1/listings/2", 200).get("priceWei").asText())
                        .isEqualTo(MOCA.multiply(BigInteger.TWO).toString());

                // The block with listing 2 is dropped by a reorg: the rollback's commit invalidates too.
                anvil.revert(fork);
                m.resetNonce();
                anvil.mine(3);
                assertThat(ix.step()).isEqualTo(Indexer.Step.REORG);
                assertThat(ids(get(base, search, 200))).isEqualTo("1");
                get(base, "/api/v1/listings/2", 404);

                // A reindex from block 0 forgets everything until the indexer runs again.
                ix.reindexFrom(0);
                assertThat(ids(get(base, search, 200))).isEmpty();
                ix.catchUp();
                assertThat(ids(get(base, search, 200))).isEqualTo("1");
                assertThat(DbFixture.count(db, "SELECT count(*) FROM listings")).isEqualTo(1);
            }
        } finally {
            anvil.revert(start);
        }
    }
}
