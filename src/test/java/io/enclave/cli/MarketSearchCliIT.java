package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.chain.Actors;
import io.enclave.cli.CliHarness.Run;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.indexer.EventMappings;
import io.enclave.discovery.indexer.Indexer;
import io.enclave.discovery.indexer.IndexerConfig;
import io.enclave.discovery.indexer.KuboBlobSource;
import io.enclave.discovery.indexer.MetadataFetcher;
import io.enclave.discovery.indexer.Web3ChainSource;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketFixtures;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * {@code enclave market search --discovery URL} against the real discovery server: listings published from the terminal
 * on anvil, indexed into embedded PostgreSQL by the indexer following the chain (metadata from js-ipfs), served by the
 * API; the filters narrow the results; no wallet is needed; bad filters and an unreachable server are clear errors.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class, PostgresExtension.class})
class MarketSearchCliIT {
    @TempDir
    Path dir;
    private CliHarness cli;

    private Run market(String home, String... args) {
        return cli.market(home, args);
    }

    /** A search as someone without a wallet: only the discovery URL. */
    private Run search(String url, String... args) {
        List<String> all = new ArrayList<>(List.of("market", "search", "--discovery", url, "--json"));
        all.addAll(List.of(args));
        return cli.run("nobody", all.toArray(String[]::new));
    }

    private String publish(String home, int tag, String title, String price, Actors suite) throws Exception {
        Path pkg = Files.write(dir.resolve("package-" + tag + ".json"), MarketFixtures.credential(tag).canonicalBytes());
        Run r = market(home, "market", "publish", "--package", pkg.toString(), "--title", title, "--price", price,
                "--issuer", suite.issuer.getAddress(), "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        return r.json().get("listing").asText();
    }

    private static List<String> ids(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("listing").asText()));
        return out;
    }

    @Test
    void searchesThroughTheDiscoveryServerWithFilters(Anvil anvil, IpfsNode ipfs, Postgres.Schema schema) throws Exception {
        long start = anvil.blockNumber().longValueExact() + 1;
        Actors suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
        Map<String, String> named = new LinkedHashMap<>(MarketContracts.of(suite.deployment).byName());
        named.put(MarketContracts.DEPLOYMENT_BLOCK, Long.toString(start));
        cli = new CliHarness(dir).onChain(anvil, ipfs.apiUrl(), named);
        Credentials alice = Actors.fresh(anvil);
        Credentials bob = Actors.fresh(anvil);
        cli.wallet("alice", alice);
        cli.wallet("bob", bob);
        String band = publish("alice", 9101, "Salary band of a senior engineer", "1.5", suite);
        String floor = publish("alice", 9102, "Salary floor above 100k", "3", suite);
        String adult = publish("bob", 9103, "Salary of an adult resident", "0.5", suite);
        String removed = publish("bob", 9104, "Salary history, withdrawn", "2", suite);
        assertThat(market("bob", "market", "delist", removed, "--yes").code()).isZero();

        Map<String, String> followed = new LinkedHashMap<>();
        followed.put(EventMappings.MARKETPLACE, suite.deployment.marketplace());
        followed.put(EventMappings.REGISTRY, suite.deployment.registry());
        followed.put(EventMappings.STAKING, suite.deployment.staking());
        followed.put(EventMappings.GOVERNOR, suite.deployment.governor());
        try (DiscoveryDatabase db = DbFixture.open(schema);
             Web3ChainSource chain = new Web3ChainSource(anvil.rpcUrl())) {
            new Indexer(db.dataSource(), chain, new IndexerConfig(followed, start, 0, 50, 100_000, 5_000,
                    Duration.ofMillis(10)), new SimpleMeterRegistry()).catchUp();
            assertThat(new MetadataFetcher(db.dataSource(), new KuboBlobSource(ipfs.apiUrl(), Duration.ofSeconds(5)))
                    .runOnce(10)).isEqualTo(4);
            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                    .start("127.0.0.1", 0)) {
                String url = "http://127.0.0.1:" + server.port();

                Run all = search(url, "salary");
                assertThat(all.code()).as(all.err()).isZero();
                assertThat(ids(all.json())).containsExactlyInAnyOrder(band, floor, adult);
                JsonNode first = all.json().get(ids(all.json()).indexOf(band));
                assertThat(first.get("title").asText()).isEqualTo("Salary band of a senior engineer");
                assertThat(first.get("seller").asText()).isEqualTo(alice.getAddress().toLowerCase(Locale.ROOT));
                assertThat(first.get("priceWei").asText()).isEqualTo("1500000000000000000");
                assertThat(first.get("type").asText()).isEqualTo("employment");
                assertThat(first.get("status").asText()).isEqualTo("active");
                // what discovery says matches the chain (the buyer's own check)
                Run shown = market("bob", "market", "show", band);
                assertThat(shown.json().get("credentialHash").asText()).isEqualTo(first.get("credentialHash").asText());

                assertThat(ids(search(url, "senior engineer").json())).containsExactly(band);
                assertThat(ids(search(url, "--max-price", "2").json())).containsExactlyInAnyOrder(band, adult);
                assertThat(ids(search(url, "--min-price", "1", "--max-price", "2").json())).containsExactly(band);
                assertThat(ids(search(url, "--seller", bob.getAddress()).json())).containsExactly(adult);
                assertThat(ids(search(url, "--sort", "price_desc").json())).containsExactly(floor, band, adult);
                assertThat(ids(search(url, "--type", "education").json())).isEmpty();
                assertThat(ids(search(url, "--status", "removed").json())).containsExactly(removed);
                assertThat(ids(search(url, "--issuer", suite.issuer.getAddress(), "--sort", "price_asc").json()))
                        .containsExactly(adult, band, floor);
                Run paged = search(url, "--sort", "price_asc", "--limit", "2");
                assertThat(ids(paged.json())).containsExactly(adult, band);
                assertThat(paged.err()).contains("More results: add --cursor");

                Run bad = search(url, "--min-price", "a lot");
                assertThat(bad.code()).isEqualTo(2);
                assertThat(bad.err()).contains("minPrice");
                Run onChainOnly = market("bob", "market", "search", "salary");
                assertThat(onChainOnly.code()).isEqualTo(2);
                assertThat(onChainOnly.err()).contains("needs a discovery server");
            }
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run down = search("http://127.0.0.1:" + closed);
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err()).contains("unreachable").contains("127.0.0.1:" + closed);
        assertThat(down.out()).isEmpty();
    }
}
