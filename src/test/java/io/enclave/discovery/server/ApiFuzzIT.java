package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Postgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Every parameter of every route, fuzzed: the API answers 200, 400 or 404 with a JSON body, never a 5xx. */
class ApiFuzzIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SEARCH_PARAMS = List.of("q", "type", "minPrice", "maxPrice", "seller", "issuer",
            "minReputation", "status", "sort", "limit", "cursor");
    static Postgres pg;
    static Postgres.Schema schema;
    static DiscoveryDatabase db;
    static DiscoveryServer server;
    static HttpClient http;

    @BeforeContainer
    static void start() throws Exception {
        pg = Postgres.start();
        schema = pg.newSchema();
        db = DiscoveryDatabase.open(schema.jdbcUrl(), pg.user(), null, schema.name(), 8);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO listings (listing_id, seller, credential_hash, price_wei, metadata_digest, created_block,"
                    + " created_tx, created_at, updated_block, title, description, tags, tags_text, credential_type,"
                    + " metadata_status, seller_reputation) SELECT i, '0x' || lpad(to_hex(i % 7), 40, '0'),"
                    + " '0x' || md5(i::text) || md5(i::text), i * 1000000000000000, '0x' || md5('d' || i) || md5('d' || i),"
                    + " i, '0x' || md5('t' || i) || md5('t' || i), now(), i, 'Credential number ' || i,"
                    + " 'A degree or employment record ' || i, ARRAY['tag' || (i % 3)], 'tag' || (i % 3),"
                    + " (ARRAY['education','employment','financial'])[1 + i % 3], 'verified', i % 1000"
                    + " FROM generate_series(1, 300) i");
            s.execute("INSERT INTO accounts (address, first_seen_block) SELECT DISTINCT seller, 1 FROM listings");
            s.execute("INSERT INTO vouches SELECT '0x' || md5('v' || i) || md5('v' || i), 0,"
                    + " '0x' || lpad(to_hex(i % 7), 40, '0'), '0x' || lpad(to_hex((i + 1) % 7), 40, '0'), i, i, now()"
                    + " FROM generate_series(1, 20) i");
        }
        server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30)).start("127.0.0.1", 0);
        http = HttpClient.newHttpClient();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static void assertNo5xx(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery).isIn(200, 400, 404, 414, 431);
        if (r.statusCode() == 200 || r.statusCode() == 400 || r.statusCode() == 404) {
            JsonNode body = JSON.readTree(r.body());
            assertThat(body).as(pathAndQuery).isNotNull();
            if (r.statusCode() == 400) {
                assertThat(body.get("parameter")).as(pathAndQuery).isNotNull();
            }
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.enclave");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(220),
                Arbitraries.strings().ascii().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789.-eE+x").ofMaxLength(90),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(40).map(s -> "0x" + s),
                Arbitraries.of("'; DROP TABLE listings; --", "1' OR '1'='1", "\\", "%", "_", "*", "!", "&", "|", "<->",
                        "\u0000", "NaN", "Infinity", "-0", "1e309", "99999999999999999999999999999999999999999",
                        "relevance", "price_asc", "price_desc", "newest", "reputation", "active", "removed", "any",
                        "djE6TkVXRVNUOi06MQ", "djE6UkVMRVZBTkNFOk5hTjox", "djE6UFJJQ0VfQVNDOjE6MQ", "djE6UkVQVVRBVElPTjp4OjE",
                        "education", "0.000000000000000001", "100", "0", "1001", "degree OR employment", "-degree",
                        "\"credential number\"", "null", "true", "[]", "{}"));
    }

    @Property(tries = 400)
    void searchNeverFails(@ForAll("paramMaps") Map<String, String> params) throws Exception {
        StringBuilder q = new StringBuilder("/api/v1/listings");
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            q.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        assertNo5xx(q.toString());
    }

    @Provide
    Arbitrary<Map<String, String>> paramMaps() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(SEARCH_PARAMS), Arbitraries.of(SEARCH_PARAMS),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12));
        return Arbitraries.maps(keys, values()).ofMaxSize(6);
    }

    @Property(tries = 300)
    void pathsAndSmallRoutesNeverFail(@ForAll("values") String value, @ForAll("routes") String route) throws Exception {
        String v = enc(value);
        String path = switch (route) {
            case "listing" -> "/api/v1/listings/" + (v.isEmpty() ? "x" : v);
            case "seller" -> "/api/v1/sellers/" + (v.isEmpty() ? "x" : v);
            case "trust" -> "/api/v1/trust/0x0000000000000000000000000000000000000001?depth=" + v;
            case "trustPath" -> "/api/v1/trust/" + (v.isEmpty() ? "x" : v) + "?depth=3";
            case "analytics" -> "/api/v1/analytics?days=" + v;
            case "proposals" -> "/api/v1/governance/proposals?status=" + v + "&limit=" + v;
            default -> "/api/v1/issuers?active=" + v;
        };
        assertNo5xx(path);
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of("listing", "seller", "trust", "trustPath", "analytics", "issuers", "proposals");
    }
}
