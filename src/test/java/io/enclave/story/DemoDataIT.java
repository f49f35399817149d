package io.enclave.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.devnet.Devnet;
import io.enclave.devnet.JsToolchain;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.market.Listing;
import io.enclave.market.MarketContracts;
import io.enclave.market.Progress;
import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.Toolchain;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A new devnet seeds the demo marketplace once: a listing of every credential type with a real proof, vouches, an open
 * proposal and a dispute, all visible through discovery; a newcomer buys a demo listing, the devnet's demo seller
 * delivers it, and it opens and verifies. A restart seeds nothing again.
 */
class DemoDataIT {
    private static final List<String> TYPES = List.of("education", "employment", "financial", "identity", "health");

    @Test
    void seedsOnceAndANewcomerBuysAndOpensADemoListing(@TempDir Path folder) throws Exception {
        ManagedProcess.sweep();
        JsToolchain toolchain = new JsToolchain(Toolchain.projectDir());
        List<String> progress = new ArrayList<>();
        BigInteger bought;
        try (Devnet devnet = Devnet.start(folder, toolchain, progress::add)) {
            assertThat(progress).anySatisfy(m -> assertThat(m).startsWith("Demo data: education listing (1/5)"));
            assertThat(progress).contains("Demo data: 5 listings, 3 vouches, 1 proposal, 1 dispute", "Devnet ready");
            assertThat(folder.resolve("contracts.json")).exists();
            var info = devnet.info();
            DiscoveryClient discovery = DiscoveryClient.of(info.discoveryUrl());
            SearchPage page = eventually("five demo listings with verified metadata", () -> {
                SearchPage p = discovery.search(new DiscoveryClient.Query("demo", null, null, null, null, null, null, null,
                        null, 50, null));
                return p.items().size() == 5 && p.items().stream().allMatch(l -> "verified".equals(l.metadataStatus()))
                        ? p : null;
            });
            assertThat(page.items()).extracting(io.enclave.discovery.api.Listing::type)
                    .containsExactlyInAnyOrderElementsOf(TYPES);
            assertThat(page.items()).allSatisfy(l -> {
                assertThat(l.title()).startsWith("Demo: ");
                assertThat(l.description()).contains("Demo data");
                assertThat(l.status()).isEqualTo("active");
            });
            assertThat(discovery.proposals()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("pending"));
            assertThat(discovery.issuers()).hasSize(1);

            KuboStore kubo = new KuboStore(URI.create(info.ipfsApiUrl()), new Http(), Duration.ofSeconds(10));
            TrustlessReader reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(10),
                    8L << 20);
            MarketContracts contracts = MarketContracts.of(info.contracts());
            // anvil's development account 9, as the README's newcomer imports it
            Credentials account9 = Credentials.create("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
            assertThat(account9.getAddress()).isEqualToIgnoringCase("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
            try (StoryActor newcomer = new StoryActor("newcomer", account9, info.rpcUrl(), info.chainId(), contracts, kubo,
                    reader)) {
                // the dispute the demo opened is on chain
                assertThat(newcomer.buy().purchase(BigInteger.ONE).state()).isEqualTo(PurchaseState.DISPUTED);
                Listing employment = newcomer.listings.get(new BigInteger(page.items().stream()
                        .filter(l -> l.type().equals("employment")).findFirst().orElseThrow().id()));
                Purchase p = newcomer.buy().buy(employment.id(), Progress.NONE);
                bought = p.id();
                // nobody runs a watcher by hand: the devnet's demo seller delivers
                assertThat(newcomer.buy().awaitKey(p.id(), Duration.ofSeconds(60), Duration.ofMillis(250), Progress.NONE)
                        .state()).isEqualTo(PurchaseState.DELIVERED);
                OpenedCredential opened = newcomer.buy().open(p.id(), Progress.NONE);
                assertThat(opened.proofVerified()).isTrue();
                assertThat(opened.credential().schemaId()).isEqualTo("urn:enclave:schema:employment:1");
                assertThat(opened.credential().predicate().statement()).contains("50000");
            }
        }

        List<String> again = new ArrayList<>();
        try (Devnet devnet = Devnet.start(folder, toolchain, again::add)) {
            assertThat(again).contains("Demo data already in place").noneMatch(m -> m.startsWith("Demo data: "));
            DiscoveryClient discovery = DiscoveryClient.of(devnet.info().discoveryUrl());
            SearchPage page = eventually("the demo listings after a restart", () -> {
                SearchPage p = discovery.search(new DiscoveryClient.Query("demo", null, null, null, null, null, null, null,
                        null, 50, null));
                return p.items().size() >= 5 ? p : null;
            });
            assertThat(page.items()).hasSize(5);
            assertThat(discovery.listing(page.items().stream().filter(l -> l.type().equals("employment")).findFirst()
                    .orElseThrow().id()).orElseThrow().purchaseCount()).isEqualTo(1);
            assertThat(bought).isEqualTo(BigInteger.TWO);
        }
    }

    private static <T> T eventually(String what, Supplier<T> read) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(90);
        RuntimeException last = null;
        while (Instant.now().isBefore(until)) {
            try {
                T t = read.get();
                if (t != null) {
                    return t;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for " + what + (last == null ? "" : ": " + last), last);
    }
}
