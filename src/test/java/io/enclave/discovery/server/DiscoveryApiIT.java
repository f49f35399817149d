package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.IpfsFixture;
import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.api.Cid;
import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.client.DiscoveryApiException;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.discovery.client.DiscoveryUnavailableException;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.KuboBlobSource;
import io.enclave.discovery.indexer.MetadataFetcher;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.enclave.testsupport.Toolchain;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API over an index of a scripted chain history with metadata documents on a real IPFS node. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class, IpfsExtension.class})
class DiscoveryApiIT {
    static final BigInteger MOCA = BigInteger.TEN.pow(18);
    static final String BUYER = "0x00000000000000000000000000000000000000b1";
    static final String VOUCHER = "0x00000000000000000000000000000000000000a1";
    static final String ISSUER = "0x00000000000000000000000000000000000000c1";
    static final ObjectMapper JSON = new ObjectMapper();
    static DiscoveryDatabase db;
    static DiscoveryServer server;
    static DiscoveryClient client;
    static String base;
    static String sellerA;
    static String sellerB;
    static String chainBefore;

    static String sha256(byte[] b) throws Exception {
        return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static String doc(IpfsNode ipfs, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String cid = IpfsFixture.add(ipfs, body);
        String digest = sha256(body);
        assertThat(cid).isEqualTo(Cid.rawSha256(digest));
        return digest;
    }

    @BeforeAll
    static void indexAHistory(Anvil anvil, Postgres.Schema schema, IpfsNode ipfs) throws Exception {
        chainBefore = anvil.snapshot();
        sellerA = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
        sellerB = anvil.account(2).getAddress().toLowerCase(Locale.ROOT);
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        m.list(1, sellerA, MOCA, doc(ipfs, "{\"title\":\"Master's degree in computer science\",\"description\":"
                + "\"A verified MSc from a registered university\",\"tags\":[\"education\",\"degree\"],\"type\":\"education\","
                + "\"issuer\":\"" + ISSUER + "\"}"));
        m.list(2, sellerA, MOCA.multiply(BigInteger.valueOf(3)), doc(ipfs, "{\"title\":\"Employment history at ACME\","
                + "\"description\":\"Five years as a software engineer\",\"tags\":[\"employment\"],\"type\":\"employment\"}"));
        m.list(3, sellerB, MOCA.multiply(BigInteger.TWO), doc(ipfs, "{\"title\":\"Credit score above 700\","
                + "\"description\":\"Proof of a good credit score without revealing it\",\"type\":\"financial\"}"));
        m.list(4, sellerB, MOCA, doc(ipfs, "this is not json"));
        m.list(5, sellerB, MOCA, sha256("never uploaded".getBytes(StandardCharsets.UTF_8)));
        m.list(6, sellerA, MOCA, doc(ipfs, "{\"title\":\"Old degree listing\",\"type\":\"education\"}"));
        m.remove(6);
        m.purchase(10, 1, BUYER, MOCA);
        m.deliver(10, sellerA, MOCA);
        m.vouch(VOUCHER, sellerA, MOCA.multiply(BigInteger.TEN));
        m.vouch(sellerA, sellerB, MOCA);
        m.slash(sellerB, MOCA);
        m.registerIssuer(ISSUER, 3, 250);
        m.sync();
        db = DbFixture.open(schema);
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Every API test below goes through the response cache, as `discovery serve` does.
        ResponseCache cache = new ResponseCache(1000, 1 << 20);
        Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), IndexerConfig.of(m.asContracts(),
                0, 0), metrics, cache::invalidate);
        ix.catchUp();
        MetadataFetcher fetcher = new MetadataFetcher(db.dataSource(), new KuboBlobSource(ipfs.apiUrl(), Duration.ofSeconds(2)),
                cache::invalidate);
        assertThat(fetcher.runOnce(50)).isEqualTo(5);
        server = new DiscoveryServer(db.dataSource(), metrics, db::activeConnections,
                new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30), cache).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        client = DiscoveryClient.of(base);
    }

    @AfterAll
    static void stop(Anvil anvil) {
        if (chainBefore != null) {
            anvil.revert(chainBefore);
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> ids(SearchPage p) {
        return p.items().stream().map(Listing::id).toList();
    }

    static DiscoveryClient.Query query(String q, String type, String sort, Integer limit) {
        return new DiscoveryClient.Query(q, type, null, null, null, null, null, null, sort, limit, null);
    }

    @Test
    void metadataIsVerifiedFetchedOrMarked() throws Exception {
        assertThat(DbFixture.column(db, "SELECT listing_id || ':' || metadata_status FROM listings ORDER BY listing_id"))
                .containsExactly("1:verified", "2:verified", "3:verified", "4:invalid", "5:pending", "6:verified");
        assertThat(DbFixture.one(db, "SELECT metadata_attempts FROM listings WHERE listing_id = 5")).isEqualTo("1");
    }

    @Test
    void fullTextSearchRanksAndFilters() {
        assertThat(ids(client.search(DiscoveryClient.Query.text("degree")))).containsExactly("1");
        assertThat(ids(client.search(DiscoveryClient.Query.text("software engineer")))).containsExactly("2");
        assertThat(ids(client.search(DiscoveryClient.Query.text("software OR master")))).as("title matches first")
                .containsExactly("1", "2");
        assertThat(ids(client.search(query(null, "education", null, null)))).containsExactly("1");
        assertThat(ids(client.search(new DiscoveryClient.Query(null, null, "1.5", "3", null, null, null, null, "price_asc",
                null, null)))).containsExactly("3", "2");
        assertThat(ids(client.search(new DiscoveryClient.Query(null, null, null, null, sellerB, null, null, null, null,
                null, null)))).containsExactly("5", "4", "3");
        assertThat(ids(client.search(new DiscoveryClient.Query(null, null, null, null, null, ISSUER, null, null, null, null,
                null)))).containsExactly("1");
        assertThat(ids(client.search(new DiscoveryClient.Query("degree", null, null, null, null, null, null, "any", null,
                null, null)))).containsExactlyInAnyOrder("1", "6");
        assertThat(ids(client.search(new DiscoveryClient.Query(null, null, null, null, null, null, null, "removed", null,
                null, null)))).containsExactly("6");
        int repA = client.seller(sellerA).orElseThrow().reputation();
        assertThat(repA).isPositive();
        assertThat(ids(client.search(new DiscoveryClient.Query(null, null, null, null, null, null, repA, null, "reputation",
                null, null)))).containsExactly("1", "2");
        assertThat(ids(client.search(query(null, null, "price_desc", null)))).containsExactly("2", "3", "5", "4", "1");
    }

    @Test
    void keysetPaginationVisitsEveryListingOnce() {
        for (String sort : List.of("newest", "price_asc", "price_desc", "reputation")) {
            List<String> seen = new ArrayList<>();
            DiscoveryClient.Query q = query(null, null, sort, 2);
            SearchPage page;
            int pages = 0;
            do {
                page = client.search(q);
                seen.addAll(ids(page));
                q = q.withCursor(page.nextCursor());
                pages++;
            } while (page.nextCursor() != null);
            assertThat(seen).as(sort).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
            assertThat(pages).isEqualTo(3);
        }
        SearchPage relevance = client.search(new DiscoveryClient.Query("degree OR employment OR credit", null, null, null,
                null, null, null, null, null, 1, null));
        List<String> seen = new ArrayList<>(ids(relevance));
        while (relevance.nextCursor() != null) {
            relevance = client.search(new DiscoveryClient.Query("degree OR employment OR credit", null, null, null, null, null,
                    null, null, null, 1, relevance.nextCursor()));
            seen.addAll(ids(relevance));
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void sqlInjectionStringsAreOrdinarySearches() throws Exception {
        for (String attack : List.of("'; DROP TABLE listings; --", "1' OR '1'='1", "\" OR 1=1 --", "x') OR ('a'='a",
                "%' UNION SELECT * FROM accounts --", "\\'; SELECT pg_sleep(5); --", "<script>alert(1)</script>",
                "!!! & | :* <-> ()")) {
            HttpResponse<String> r = get("/api/v1/listings?q=" + URLEncoder.encode(attack, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(attack).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("items")).as(attack).isEmpty();
        }
        assertThat(DbFixture.count(db, "SELECT count(*) FROM listings")).isEqualTo(6);
    }

    @Test
    void invalidParametersAre400sNamingTheParameter() throws Exception {
        String[][] cases = {
            {"/api/v1/listings?limit=0", "limit"}, {"/api/v1/listings?limit=abc", "limit"},
            {"/api/v1/listings?limit=101", "limit"}, {"/api/v1/listings?sort=cheapest", "sort"},
            {"/api/v1/listings?minPrice=-1", "minPrice"}, {"/api/v1/listings?maxPrice=1e9", "maxPrice"},
            {"/api/v1/listings?minPrice=5&maxPrice=1", "minPrice"}, {"/api/v1/listings?seller=0x12", "seller"},
            {"/api/v1/listings?type=a%20b", "type"}, {"/api/v1/listings?minReputation=1001", "minReputation"},
            {"/api/v1/listings?status=sold", "status"}, {"/api/v1/listings?cursor=%25%25%25", "cursor"},
            {"/api/v1/listings?cursor=djE6TkVXRVNUOi06MQ&sort=price_asc", "cursor"},
            {"/api/v1/listings?bogus=1", "bogus"}, {"/api/v1/listings?q=a&q=b", "q"},
            {"/api/v1/listings?q=" + "x".repeat(201), "q"}, {"/api/v1/listings/12ab", "id"},
            {"/api/v1/listings/" + "9".repeat(79), "id"}, {"/api/v1/sellers/nope", "address"},
            {"/api/v1/trust/" + sellerA + "?depth=4", "depth"}, {"/api/v1/analytics?days=0", "days"},
            {"/api/v1/issuers?active=yes", "active"}};
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(body.get("message").asText()).as(c[0]).isNotBlank();
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThatThrownBy(() -> client.search(query(null, null, "cheapest", null)))
                .isInstanceOf(DiscoveryApiException.class).hasMessageContaining("parameter sort");
    }

    @Test
    void detailProfileIssuersTrustAndAnalytics() {
        Listing one = client.listing("1").orElseThrow();
        assertThat(one.title()).isEqualTo("Master's degree in computer science");
        assertThat(one.tags()).containsExactly("education", "degree");
        assertThat(one.purchaseCount()).isEqualTo(1);
        assertThat(one.metadataCid()).isEqualTo(Cid.rawSha256(one.metadataDigest()));
        assertThat(client.listing("999")).isEmpty();

        var a = client.seller(sellerA).orElseThrow();
        assertThat(a.completedSales()).isEqualTo(1);
        assertThat(a.distinctVouchers()).isEqualTo(1);
        assertThat(a.activeListings()).isEqualTo(2);
        assertThat(a.recentListings()).extracting(Listing::id).containsExactly("6", "2", "1");
        assertThat(a.vouchesReceived()).singleElement().satisfies(v -> assertThat(v.voucher()).isEqualTo(VOUCHER));
        var b = client.seller(sellerB).orElseThrow();
        assertThat(b.slashes()).isEqualTo(1);
        assertThat(b.slashEvents()).hasSize(1);
        assertThat(client.seller("0x00000000000000000000000000000000000000ff")).isEmpty();

        assertThat(client.issuers()).singleElement().satisfies(i -> assertThat(i.issuerId()).isEqualTo(3));

        var graph = client.trust(sellerB, 2);
        assertThat(graph.nodes()).extracting(n -> n.address() + "@" + n.distance())
                .containsExactlyInAnyOrder(sellerB + "@0", sellerA + "@1", VOUCHER + "@2");
        assertThat(graph.edges()).hasSize(2);
        assertThat(client.trust(sellerB, 1).nodes()).hasSize(2);

        var analytics = client.analytics(3650 / 10);
        assertThat(analytics.activeListings()).isEqualTo(5);
        assertThat(analytics.purchases()).isEqualTo(1);
        assertThat(analytics.days()).extracting(d -> d.metric()).contains("listing_created", "purchase", "vouch", "slash");
    }

    @Test
    void healthMetricsAndOpenApi() throws Exception {
        var health = client.health();
        assertThat(health.status()).isEqualTo("up");
        assertThat(health.database()).isTrue();
        assertThat(health.lagBlocks()).isZero();
        client.search(DiscoveryClient.Query.text("degree"));
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("discovery_http_requests_seconds", "marketplace_listings_active 5.0",
                "postgres_connections_active", "discovery_indexer_events_total", "route=\"/api/v1/listings\"");
        JsonNode openApi = JSON.readTree(get("/openapi.json").body());
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        assertThat(openApi.get("paths").has("/api/v1/listings")).isTrue();
        HttpResponse<String> missing = get("/api/v1/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/listings")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isBetween(400, 499);
        assertThat(get("/api/v1/listings").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theClientRevalidatesARepeatedSearchWithItsEtagAndGetsTheSameAnswer() throws Exception {
        DiscoveryClient.Query q = query("degree OR software", null, "newest", 3);
        long before = notModified();
        SearchPage first = client.search(q);
        SearchPage again = client.search(q);
        assertThat(again).isEqualTo(first);
        assertThat(notModified()).as("the second search was answered 304").isEqualTo(before + 1);
        assertThat(client.listing("1")).isEqualTo(client.listing("1"));
        assertThat(notModified()).isEqualTo(before + 2);
    }

    /** How many listing requests the server answered 304 (Not Modified) so far. */
    private static long notModified() throws Exception {
        long n = 0;
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith("discovery_http_requests_seconds_count{") && line.contains("status=\"304\"")
                    && line.contains("route=\"/api/v1/listings")) {
                n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return n;
    }

    @Test
    void clientsAreRateLimited() throws Exception {
        try (DiscoveryServer limited = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0.5, 2, 30)).start("127.0.0.1", 0)) {
            DiscoveryClient c = DiscoveryClient.of("http://127.0.0.1:" + limited.port());
            c.issuers();
            c.issuers();
            assertThatThrownBy(c::issuers).isInstanceOfSatisfying(DiscoveryApiException.class,
                    e -> assertThat(e.status()).isEqualTo(429));
            assertThat(c.health().status()).isEqualTo("up");
        }
    }

    @Test
    void anUnreachableApiIsAClearError() {
        DiscoveryClient nowhere = new DiscoveryClient(URI.create("http://127.0.0.1:" + Toolchain.freePort()),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThatThrownBy(nowhere::health).isInstanceOf(DiscoveryUnavailableException.class)
                .hasMessageContaining("unreachable").hasMessageContaining("keep working");
    }
}
