package io.enclave.discovery.indexer;

import static io.enclave.chain.Actors.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.discovery.DbFixture;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.discovery.server.DiscoveryServer;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The indexer against the real contract suite, deployed by the Java deployer on anvil: sales delivered, refunded and
 * disputed, a governance vote that resolves the dispute, slashes the seller's vouchers and changes an issuer's royalty,
 * a withdrawal request, a revocation — and every table the indexer fills, checked against what the chain did.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IndexerSuiteIT {
    private static final BigInteger PRICE = ETHER;
    private static final byte[] WRAPPED_KEY = Numeric.hexStringToByteArray("0x04" + "ab".repeat(144));
    private static final List<String> TABLES = List.of("listings", "purchases", "disputes", "vouches", "stake_withdrawals",
            "slashing_events", "issuers", "credentials", "circuits", "governance_proposals", "governance_votes",
            "platform_config", "accounts", "marketplace_analytics", "chain_events");

    private Actors suite;

    @Test
    void indexesEveryFlowOfTheRealContracts(Anvil anvil, Postgres.Schema schema, @TempDir Path dir) throws Exception {
        long start = anvil.blockNumber().longValueExact() + 1;
        suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
        Credentials seller = Actors.fresh(anvil);
        Credentials buyer = Actors.fresh(anvil);
        Credentials buyer2 = Actors.fresh(anvil);
        Credentials voucher = Actors.fresh(anvil);
        TransactionReceipt vouched = suite.staking(voucher).vouch(seller.getAddress(), ETHER.multiply(BigInteger.TEN)).send();
        BigInteger shares = suite.staking(voucher).getVouchedEvents(vouched).get(0).shares;
        anvil.mine(1);

        BigInteger l1 = anchorAndList(seller, "cv-1");
        BigInteger p1 = purchase(buyer, l1);
        suite.market(seller).deliverKey(p1, WRAPPED_KEY).send();

        BigInteger l2 = anchorAndList(seller, "cv-2");
        BigInteger p2 = purchase(buyer2, l2);
        anvil.increaseTime(suite.config.deliveryWindow() + 1);
        suite.market(buyer2).refund(p2).send();
        suite.market(seller).updatePrice(l2, PRICE.multiply(BigInteger.TWO)).send();
        suite.market(seller).removeListing(l2).send();

        BigInteger p3 = purchase(buyer2, l1);
        suite.market(seller).deliverKey(p3, WRAPPED_KEY).send();
        suite.market(buyer2).openDispute(p3, bytes32("evidence")).send();
        Marketplace market = suite.market(voucher);
        TrustStaking staking = suite.staking(voucher);
        CredentialRegistry registry = suite.registry(voucher);
        String verifier = suite.deployment.verifiers().values().iterator().next();
        passProposal(voucher, List.of(suite.deployment.marketplace(), suite.deployment.staking(),
                suite.deployment.registry(), suite.deployment.registry()), List.of(
                hex(market.resolveDispute(p3, true, PRICE).encodeFunctionCall()),
                hex(staking.slash(seller.getAddress(), BigInteger.valueOf(2000), buyer2.getAddress(), ETHER)
                        .encodeFunctionCall()),
                hex(registry.setIssuerRoyalty(suite.issuer.getAddress(), BigInteger.valueOf(300)).encodeFunctionCall()),
                hex(registry.registerCircuit(BigInteger.valueOf(900), verifier, BigInteger.valueOf(9)).encodeFunctionCall())),
                "Dispute #" + p3 + ": undecryptable key");

        suite.registry(seller).anchor(bytes32("cv-3"), suite.issuer.getAddress(), bytes32("schema-b"), bytes32("d"),
                new byte[32]).send();
        suite.registry(seller).revoke(bytes32("cv-3")).send();
        suite.staking(voucher).requestWithdrawal(seller.getAddress(), shares.divide(BigInteger.TWO)).send();

        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put(EventMappings.MARKETPLACE, suite.deployment.marketplace());
        contracts.put(EventMappings.REGISTRY, suite.deployment.registry());
        contracts.put(EventMappings.STAKING, suite.deployment.staking());
        contracts.put(EventMappings.GOVERNOR, suite.deployment.governor());
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = new Indexer(db.dataSource(), new io.enclave.discovery.indexer.Web3ChainSource(anvil.rpcUrl()),
                    new IndexerConfig(contracts, start, 0, 7, 100_000, 5_000, Duration.ofMillis(10)),
                    new SimpleMeterRegistry());
            ix.catchUp();
            assertDirectDecodingMatchesTheWrappers(anvil, new IndexerConfig(contracts, start, 0, 7, 100_000, 5_000,
                    Duration.ofMillis(10)), start);
            String s = lower(seller);
            String b1 = lower(buyer);
            String b2 = lower(buyer2);
            String issuer = lower(suite.issuer);
            assertEverything(db, s, b1, b2, lower(voucher), issuer, l1, l2, p1, p2, p3);
            assertThat(DbFixture.column(db, "SELECT verifier || ':' || public_inputs || ':' || credential_index || ':'"
                    + " || issuer_key_index || ':' || is_active FROM circuits WHERE circuit_id = 900"))
                    .containsExactly(verifier.toLowerCase(Locale.ROOT) + ":9:0:0:true");

            try (DiscoveryServer server = new DiscoveryServer(db.dataSource(), new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT), db::activeConnections, new DiscoveryServer.Settings("127.0.0.1", 0, 0, 0, 30))
                    .start("127.0.0.1", 0)) {
                var proposals = DiscoveryClient.of("http://127.0.0.1:" + server.port()).proposals();
                assertThat(proposals).singleElement().satisfies(p -> {
                    assertThat(p.status()).isEqualTo("executed");
                    assertThat(p.proposer()).isEqualTo(lower(voucher));
                    assertThat(p.forWei()).isEqualTo(ETHER.multiply(BigInteger.TEN).toString());
                    assertThat(p.againstWei()).isEqualTo("0");
                    assertThat(p.voters()).isEqualTo(1);
                    assertThat(p.targets()).hasSize(4);
                    assertThat(p.description()).startsWith("Dispute #" + p3);
                });
            }

            Map<String, List<String>> before = dump(db);
            long middle = Long.parseLong(DbFixture.one(db, "SELECT min(block_number) FROM chain_events"
                    + " WHERE event_name = 'Marketplace.DisputeOpened'"));
            assertThat(ix.reindexFrom(middle)).isPositive();
            assertThat(DbFixture.one(db, "SELECT status FROM purchases WHERE purchase_id = " + p3)).isEqualTo("delivered");
            assertThat(DbFixture.count(db, "SELECT count(*) FROM governance_proposals")).isZero();
            assertThat(DbFixture.one(db, "SELECT royalty_bps FROM issuers")).isEqualTo("500");
            ix.catchUp();
            assertThat(dump(db)).isEqualTo(before);
        }
    }

    private void assertEverything(DiscoveryDatabase db, String s, String b1, String b2, String voucher, String issuer,
            BigInteger l1, BigInteger l2, BigInteger p1, BigInteger p2, BigInteger p3) throws Exception {
        BigInteger fee = PRICE.multiply(BigInteger.valueOf(250)).divide(BigInteger.valueOf(10_000));
        BigInteger royalty = PRICE.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
        assertThat(DbFixture.column(db, "SELECT listing_id || ':' || status || ':' || price_wei || ':' || purchase_count"
                + " || ':' || seller || ':' || issuer || ':' || key_commitment FROM listings ORDER BY listing_id"))
                .containsExactly(
                l1 + ":active:" + PRICE + ":2:" + s + ":" + issuer + ":" + Numeric.toHexString(bytes32("key")),
                l2 + ":removed:" + PRICE.multiply(BigInteger.TWO) + ":1:" + s + ":" + issuer + ":"
                        + Numeric.toHexString(bytes32("key")));
        assertThat(DbFixture.column(db, "SELECT purchase_id || ':' || status || ':' || buyer || ':' || seller || ':'"
                + " || price_wei || ':' || COALESCE(seller_amount_wei::text, '-') || ':' || COALESCE(fee_wei::text, '-')"
                + " || ':' || COALESCE(royalty_wei::text, '-') || ':' || COALESCE(refunded_wei::text, '-') || ':'"
                + " || COALESCE(buyer_won::text, '-') FROM purchases ORDER BY purchase_id")).containsExactly(
                p1 + ":delivered:" + b1 + ":" + s + ":" + PRICE + ":" + PRICE.subtract(fee).subtract(royalty) + ":" + fee
                        + ":" + royalty + ":-:-",
                p2 + ":refunded:" + b2 + ":" + s + ":" + PRICE + ":-:-:-:" + PRICE + ":-",
                p3 + ":resolved:" + b2 + ":" + s + ":" + PRICE + ":" + PRICE.subtract(fee).subtract(royalty) + ":" + fee
                        + ":" + royalty + ":-:true");
        assertThat(DbFixture.column(db, "SELECT royalty_issuer FROM purchases WHERE royalty_issuer IS NOT NULL"))
                .containsOnly(issuer);
        assertThat(DbFixture.column(db, "SELECT purchase_id || ':' || buyer || ':' || buyer_wins || ':' || clawed_back_wei"
                + " || ':' || evidence_digest FROM disputes")).containsExactly(p3 + ":" + b2 + ":true:" + PRICE + ":"
                + Numeric.toHexString(bytes32("evidence")));
        assertThat(DbFixture.column(db, "SELECT voucher || ':' || subject || ':' || amount_wei FROM vouches"))
                .containsExactly(voucher + ":" + s + ":" + ETHER.multiply(BigInteger.TEN));
        assertThat(DbFixture.column(db, "SELECT subject || ':' || bps || ':' || amount_wei || ':' || beneficiary || ':'"
                + " || compensation_wei FROM slashing_events")).containsExactly(s + ":2000:" + ETHER.multiply(BigInteger.TWO)
                + ":" + b2 + ":" + ETHER);
        assertThat(DbFixture.column(db, "SELECT kind || ':' || voucher || ':' || subject || ':' || amount_wei"
                + " FROM stake_withdrawals")).containsExactly("requested:" + voucher + ":" + s + ":"
                + ETHER.multiply(BigInteger.valueOf(4)));
        assertThat(DbFixture.column(db, "SELECT address || ':' || issuer_id || ':' || babyjub_x || ':' || babyjub_y || ':'"
                + " || royalty_bps || ':' || is_active FROM issuers")).containsExactly(issuer + ":1:11:22:300:true");
        assertThat(DbFixture.column(db, "SELECT credential_hash || ':' || holder || ':' || issuer || ':' || status"
                + " || ':' || COALESCE(revoked_by, '-') FROM credentials ORDER BY anchored_block")).containsExactly(
                Numeric.toHexString(bytes32("cv-1")) + ":" + s + ":" + issuer + ":valid:-",
                Numeric.toHexString(bytes32("cv-2")) + ":" + s + ":" + issuer + ":valid:-",
                Numeric.toHexString(bytes32("cv-3")) + ":" + s + ":" + issuer + ":revoked:" + s);
        assertThat(DbFixture.column(db, "SELECT schema_id || ':' || credentials FROM credential_schemas ORDER BY 1"))
                .hasSize(2);
        assertThat(DbFixture.count(db, "SELECT count(*) FROM circuits WHERE is_active"))
                .isEqualTo(suite.config.circuits().size() + 1);
        assertThat(DbFixture.column(db, "SELECT status || ':' || (eta_seconds IS NOT NULL) || ':' || targets"
                + " FROM governance_proposals")).containsExactly("executed:true:" + String.join(",",
                lowerHex(suite.deployment.marketplace()), lowerHex(suite.deployment.staking()),
                lowerHex(suite.deployment.registry()), lowerHex(suite.deployment.registry())));
        assertThat(DbFixture.column(db, "SELECT voter || ':' || support || ':' || weight FROM governance_votes"))
                .containsExactly(voucher + ":1:" + ETHER.multiply(BigInteger.TEN));
        assertThat(DbFixture.column(db, "SELECT key || '=' || (value->>'feeBps') FROM platform_config"
                + " WHERE key = 'Marketplace.ParamsChanged'")).containsExactly("Marketplace.ParamsChanged=250");
        assertThat(DbFixture.column(db, "SELECT key FROM platform_config WHERE key = 'TrustStaking.ParamsChanged'"))
                .hasSize(1);
        int rep = Reputation.score(new Reputation.Inputs(ETHER.multiply(BigInteger.valueOf(6)), 1, 1, 2, 1,
                ETHER.multiply(BigInteger.TWO)));
        assertThat(DbFixture.column(db, "SELECT stake_received || ':' || distinct_vouchers || ':' || completed_sales || ':'"
                + " || refunds || ':' || slashes || ':' || slashed_amount || ':' || active_listings || ':' || reputation"
                + " FROM accounts WHERE address = '" + s + "'"))
                .containsExactly(ETHER.multiply(BigInteger.valueOf(6)) + ":1:1:2:1:"
                + ETHER.multiply(BigInteger.TWO) + ":1:" + rep);
        assertThat(DbFixture.column(db, "SELECT metric_type || ':' || sum(count) FROM marketplace_analytics"
                + " GROUP BY metric_type ORDER BY 1")).containsExactly("credential_anchored:3", "dispute:1",
                "dispute_resolved:1", "key_delivered:2", "listing_created:2", "purchase:3", "refund:1", "royalty:2", "slash:1",
                "vouch:1");
        assertThat(DbFixture.column(db, "SELECT DISTINCT contract FROM chain_events ORDER BY 1")).hasSize(4);
    }

    /**
     * The indexer reads eth_getLogs with its own streaming parser and decodes with its own ABI decoder: on every log the
     * suite emitted, both must give what web3j's parser and the generated wrappers give.
     */
    private static void assertDirectDecodingMatchesTheWrappers(Anvil anvil, IndexerConfig config, long start)
            throws Exception {
        Map<String, EventDecoder> direct = EventMappings.decoders(config.contracts());
        Map<String, EventDecoder> wrappers = EventMappings.decoders(EventMappings.DECLARATIONS, config.contracts(),
                WrapperEventDecoder::new);
        List<String> topics = direct.values().stream().map(EventDecoder::topic).distinct().toList();
        long head = anvil.blockNumber().longValueExact();
        List<RawLog> logs;
        try (Web3ChainSource chain = new Web3ChainSource(anvil.rpcUrl())) {
            logs = chain.logs(start, head, config.addresses(), topics);
        }
        Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        try {
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(head)), config.addresses());
            filter.addOptionalTopics(topics.toArray(String[]::new));
            List<RawLog> viaWeb3j = new ArrayList<>();
            for (EthLog.LogResult<?> r : web3j.ethGetLogs(filter).send().getLogs()) {
                Log l = (Log) r.get();
                viaWeb3j.add(new RawLog(l.getAddress().toLowerCase(Locale.ROOT), l.getTopics().stream()
                        .map(t -> t.toLowerCase(Locale.ROOT)).toList(), l.getData(), l.getBlockNumber().longValueExact(),
                        l.getBlockHash(), l.getTransactionHash(), l.getLogIndex().intValueExact()));
            }
            assertThat(logs).isEqualTo(viaWeb3j);
        } finally {
            web3j.shutdown();
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (RawLog l : logs) {
            String key = EventMappings.key(l.address(), l.topics().get(0));
            DecodedEvent mine = direct.get(key).decode(l);
            assertThat(mine.args()).as(mine.name()).isEqualTo(wrappers.get(key).decode(l).args());
            names.add(mine.name());
        }
        assertThat(names).contains("Marketplace.ListingCreated", "Marketplace.CredentialPurchased",
                "Marketplace.KeyDelivered", "Marketplace.RoyaltyPaid", "Marketplace.Refunded", "Marketplace.PriceUpdated",
                "Marketplace.ListingRemoved", "Marketplace.DisputeOpened", "Marketplace.DisputeResolved",
                "Marketplace.ParamsChanged", "CredentialRegistry.CredentialAnchored", "CredentialRegistry.CredentialRevoked",
                "CredentialRegistry.IssuerRegistered", "CredentialRegistry.IssuerRoyaltyChanged",
                "CredentialRegistry.CircuitRegistered", "TrustStaking.Vouched", "TrustStaking.WithdrawalRequested",
                "TrustStaking.Slashed", "TrustStaking.ParamsChanged", "EnclaveGovernor.ProposalCreated",
                "EnclaveGovernor.VoteCast", "EnclaveGovernor.ProposalQueued", "EnclaveGovernor.ProposalExecuted");
    }

    private Map<String, List<String>> dump(DiscoveryDatabase db) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, new ArrayList<>(DbFixture.column(db, "SELECT (to_jsonb(t) - 'updated_at' - 'metadata_next_try')::text"
                    + " FROM " + table + " t ORDER BY 1")));
        }
        return out;
    }

    private void passProposal(Credentials voter, List<String> targets, List<byte[]> calls, String description)
            throws Exception {
        EnclaveGovernor governor = suite.governor(voter);
        List<BigInteger> values = targets.stream().map(t -> BigInteger.ZERO).toList();
        governor.propose(targets, values, calls, description).send();
        byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
        BigInteger id = governor.hashProposal(targets, values, calls, descriptionHash).send();
        suite.anvil.mine((int) suite.config.votingDelayBlocks() + 1);
        governor.castVote(id, BigInteger.ONE).send();
        suite.anvil.mine((int) suite.config.votingPeriodBlocks() + 1);
        governor.queue(targets, values, calls, descriptionHash).send();
        suite.anvil.increaseTime(suite.config.timelockDelay() + 1);
        governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send();
        assertThat(governor.state(id).send()).isEqualTo(BigInteger.valueOf(7));
    }

    private BigInteger anchorAndList(Credentials seller, String label) throws Exception {
        suite.registry(seller).anchor(bytes32(label), suite.issuer.getAddress(), bytes32("schema"), bytes32("digest"),
                new byte[32]).send();
        Marketplace market = suite.market(seller);
        TransactionReceipt r = market.createListing(bytes32(label), PRICE, bytes32("meta"), bytes32("key")).send();
        return market.getListingCreatedEvents(r).get(0).listingId;
    }

    private BigInteger purchase(Credentials buyer, BigInteger listingId) throws Exception {
        Marketplace market = suite.market(buyer);
        TransactionReceipt r = market.purchase(listingId, Actors.publicKey(buyer), PRICE).send();
        return market.getCredentialPurchasedEvents(r).get(0).purchaseId;
    }

    private static String lower(Credentials c) {
        return c.getAddress().toLowerCase(Locale.ROOT);
    }

    private static String lowerHex(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static byte[] hex(String hex) {
        return Numeric.hexStringToByteArray(hex);
    }

    private static byte[] bytes32(String label) {
        return Hash.sha3(label.getBytes(StandardCharsets.UTF_8));
    }
}
