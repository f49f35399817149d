package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.chain.Actors;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.sell.PublishRequest;
import io.enclave.market.trust.TrustService;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.RpcProxy;
import io.enclave.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every log scan of the market starts at the suite's deployment block and pages in bounded ranges: the suite is
 * deployed late on a chain, the trade spans many more blocks than one page, and the RPC refuses wide ranges as public
 * providers do. Every use case still finds its events, and no eth_getLogs reaches before the deployment or wider than
 * the page.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class LogPagingIT {
    private static final int PAGE = 25;
    private static final int PROVIDER_LIMIT = 16;

    @Test
    void scansStartAtTheDeploymentAndPageInBoundedRanges(Anvil anvil, IpfsNode ipfs, @TempDir Path dir) throws Exception {
        anvil.mine(4 * PAGE);
        long firstSuiteBlock = anvil.blockNumber().longValueExact() + 1;
        MarketFixture fx = new MarketFixture(anvil, ipfs, dir);
        try (RpcProxy proxy = new RpcProxy(anvil.rpcUrl());
             MarketFixture.Person seller = person(fx, proxy, Actors.fresh(anvil));
             MarketFixture.Person buyer = person(fx, proxy, Actors.fresh(anvil));
             MarketFixture.Person voucher = person(fx, proxy, Actors.fresh(anvil))) {
            proxy.refuseLogRangesWiderThan(PROVIDER_LIMIT);

            assertThat(seller.chain.creationBlock(fx.contracts.marketplace())).isGreaterThanOrEqualTo(firstSuiteBlock);
            Listing listing = seller.sell().publish(MarketFixture.credential(8001), new PublishRequest("Salary", "", PRICE,
                    fx.suite.issuer.getAddress()), Progress.NONE);
            anvil.mine(3 * PAGE);
            Purchase p = buyer.buy().buy(listing.id(), Progress.NONE);
            anvil.mine(3 * PAGE);
            // the watcher's first pass reads from the deployment: the listing and the purchase lie pages apart
            assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::purchaseId).containsExactly(p.id());
            anvil.mine(3 * PAGE);
            assertThat(buyer.buy().open(p.id(), Progress.NONE).proofVerified()).isTrue();

            GovernanceService gov = new GovernanceService(voucher.chain);
            TrustService trust = new TrustService(voucher.chain, gov, fx.kubo);
            trust.vouch(seller.chain.account(), PRICE, Progress.NONE);
            anvil.mine(3 * PAGE);
            Reputation r = trust.reputation(seller.chain.account());
            assertThat(r.vouchers()).isEqualTo(1);
            assertThat(r.deliveries()).isEqualTo(1);
            Proposal proposed = gov.propose(List.of(gov.unpause(fx.contracts.marketplace())), "Unpause", Progress.NONE);
            anvil.mine(3 * PAGE);
            assertThat(gov.all()).extracting(Proposal::id).contains(proposed.id());

            List<JsonNode> getLogs = proxy.requests("eth_getLogs");
            assertThat(getLogs).hasSizeGreaterThan(20);
            for (JsonNode req : getLogs) {
                JsonNode f = req.path("params").path(0);
                long from = Long.decode(f.path("fromBlock").asText());
                long to = Long.decode(f.path("toBlock").asText());
                assertThat(from).as("eth_getLogs %s", f).isGreaterThanOrEqualTo(firstSuiteBlock);
                assertThat(to - from + 1).as("eth_getLogs %s", f).isBetween(1L, (long) PAGE);
            }
            assertThat(getLogs).as("pages the provider refused were asked again in halves")
                    .anyMatch(r2 -> span(r2) > PROVIDER_LIMIT).anyMatch(r2 -> span(r2) <= PROVIDER_LIMIT);
        }
    }

    private static long span(JsonNode req) {
        JsonNode f = req.path("params").path(0);
        return Long.decode(f.path("toBlock").asText()) - Long.decode(f.path("fromBlock").asText()) + 1;
    }

    private static MarketFixture.Person person(MarketFixture fx, RpcProxy proxy, org.web3j.crypto.Credentials key) {
        MarketFixture.Person p = fx.new Person(key, Vault.inMemory("paging-" + UUID.randomUUID()), Duration.ofSeconds(30),
                proxy.url());
        p.chain.logPage(PAGE);
        return p;
    }
}
