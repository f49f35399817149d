package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.DbFixture;
import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The indexer against a real anvil and PostgreSQL: a scripted history, idempotent re-indexing and reorgs. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IndexerIT {
    static final BigInteger MOCA = BigInteger.TEN.pow(18);
    static final String BUYER = "0x00000000000000000000000000000000000000b1";
    static final String VOUCHER_1 = "0x00000000000000000000000000000000000000a1";
    static final String VOUCHER_2 = "0x00000000000000000000000000000000000000a2";
    static final String ISSUER = "0x00000000000000000000000000000000000000c1";

    static String addr(Anvil anvil, int i) {
        return anvil.account(i).getAddress().toLowerCase(Locale.ROOT);
    }

    static Indexer indexer(DiscoveryDatabase db, Anvil anvil, MarketFixture market, int range) {
        IndexerConfig cfg = new IndexerConfig(market.asContracts(), 0, 0, range, 100_000, 5_000, Duration.ofMillis(10));
        return new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), cfg,
                new SimpleMeterRegistry());
    }

    /** Listings, purchases, refunds, disputes, vouches, slashes and registry events, one transaction each. */
    static void scriptedHistory(Anvil anvil, MarketFixture m) throws Exception {
        String a = addr(anvil, 1);
        String b = addr(anvil, 2);
        m.list(1, a, MOCA, MarketFixture.digestOf("doc-1"));
        m.list(2, a, MOCA.multiply(BigInteger.TWO), MarketFixture.digestOf("doc-2"));
        m.list(3, a, MOCA, MarketFixture.digestOf("doc-3"));
        m.list(4, b, MOCA.multiply(BigInteger.valueOf(5)), MarketFixture.digestOf("doc-4"));
        m.updatePrice(2, MOCA.multiply(BigInteger.valueOf(3)));
        m.remove(3);
        m.purchase(10, 1, BUYER, MOCA);
        m.deliver(10, a, MOCA);
        m.purchase(11, 2, BUYER, MOCA.multiply(BigInteger.valueOf(3)));
        m.refund(11, BUYER, MOCA.multiply(BigInteger.valueOf(3)));
        m.purchase(12, 4, BUYER, MOCA.multiply(BigInteger.valueOf(5)));
        m.dispute(12, BUYER, MarketFixture.digestOf("evidence"));
        m.refund(12, BUYER, MOCA.multiply(BigInteger.valueOf(5)));
        m.vouch(VOUCHER_1, a, MOCA.multiply(BigInteger.valueOf(100)));
        m.vouch(VOUCHER_2, a, MOCA.multiply(BigInteger.valueOf(5)));
        m.vouch(VOUCHER_1, a, MOCA);
        m.vouch(VOUCHER_1, b, MOCA);
        m.slash(b, MOCA);
        m.registerIssuer(ISSUER, 7, 500);
        m.anchor(MarketFixture.credentialOf(1), a, ISSUER);
        m.unrelated(7);
        m.sync();
    }

    @Test
    void indexesAScriptedHistory(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        scriptedHistory(anvil, m);
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = indexer(db, anvil, m, 2);
            assertThat(ix.catchUp()).isGreaterThan(3);
            assertHistory(db, anvil);
            assertThat(ix.lagBlocks()).isZero();
            assertThat(ix.step()).isEqualTo(Indexer.Step.CAUGHT_UP);
        }
    }

    static void assertHistory(DiscoveryDatabase db, Anvil anvil) throws Exception {
        String a = addr(anvil, 1);
        String b = addr(anvil, 2);
        assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(20);
        assertThat(DbFixture.column(db, "SELECT listing_id || ':' || status || ':' || price_wei || ':' || purchase_count"
                + " FROM listings ORDER BY listing_id")).containsExactly(
                "1:active:" + MOCA + ":1", "2:active:" + MOCA.multiply(BigInteger.valueOf(3)) + ":1",
                "3:removed:" + MOCA + ":0", "4:active:" + MOCA.multiply(BigInteger.valueOf(5)) + ":1");
        assertThat(DbFixture.column(db, "SELECT purchase_id || ':' || status || ':' || seller FROM purchases ORDER BY 1"))
                .containsExactly("10:delivered:" + a, "11:refunded:" + a, "12:refunded:" + b);
        assertThat(DbFixture.count(db, "SELECT count(*) FROM disputes")).isEqualTo(1);
        assertThat(DbFixture.column(db, "SELECT distinct_vouchers || ':' || completed_sales || ':' || refunds || ':' || slashes"
                + " FROM accounts WHERE address = '" + a + "'")).containsExactly("2:1:1:0");
        assertThat(DbFixture.column(db, "SELECT distinct_vouchers || ':' || refunds || ':' || slashes || ':' || reputation"
                + " FROM accounts WHERE address = '" + b + "'")).containsExactly("1:1:1:0");
        int repA = Reputation.score(new Reputation.Inputs(MOCA.multiply(BigInteger.valueOf(106)), 2, 1, 1, 0, BigInteger.ZERO));
        assertThat(DbFixture.count(db, "SELECT reputation FROM accounts WHERE address = '" + a + "'")).isEqualTo(repA);
        assertThat(DbFixture.count(db, "SELECT count(*) FROM listings WHERE seller = '" + a + "' AND seller_reputation = "
                + repA)).isEqualTo(3);
        assertThat(DbFixture.column(db, "SELECT issuer_id || ':' || royalty_bps || ':' || is_active FROM issuers"))
                .containsExactly("7:500:true");
        assertThat(DbFixture.column(db, "SELECT holder || ':' || status FROM credentials")).containsExactly(a + ":valid");
        assertThat(DbFixture.count(db, "SELECT credentials FROM credential_schemas")).isEqualTo(1);
        assertThat(DbFixture.column(db, "SELECT metric_type || ':' || sum(count) FROM marketplace_analytics"
                + " GROUP BY metric_type ORDER BY 1")).containsExactly("credential_anchored:1", "dispute:1", "key_delivered:1",
                "listing_created:4", "purchase:3", "refund:2", "slash:1", "vouch:4");
    }

    @Test
    void aGetLogsAnswerLargerThanABatchIsIndexedInSeveralBatchesAtBlockBoundaries(Anvil anvil, Postgres.Schema schema)
            throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        scriptedHistory(anvil, m);
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            // One getLogs range covers the whole history (20 events); batches of at least 3 events each.
            IndexerConfig cfg = new IndexerConfig(m.asContracts(), 0, 0, 1000, 100_000, 3, Duration.ofMillis(10));
            Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), cfg, new SimpleMeterRegistry());
            java.util.List<Long> cursors = new java.util.ArrayList<>();
            while (ix.step() == Indexer.Step.INDEXED) {
                cursors.add(DbFixture.count(db, "SELECT next_block FROM indexer_cursor"));
                // every batch commits whole blocks: no block's events are half indexed
                assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events WHERE block_number >= "
                        + cursors.get(cursors.size() - 1))).isZero();
            }
            assertThat(cursors.size()).isGreaterThanOrEqualTo(5);
            assertThat(cursors).isSorted();
            assertHistory(db, anvil);
        }
    }

    @Test
    void reindexingFromABlockRebuildsTheSameState(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        scriptedHistory(anvil, m);
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = indexer(db, anvil, m, 1000);
            ix.catchUp();
            long middle = Long.parseLong(DbFixture.one(db, "SELECT block_number FROM chain_events WHERE event_name ="
                    + " 'Marketplace.PriceUpdated'"));
            assertThat(ix.reindexFrom(middle)).isEqualTo(16);
            assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(4);
            assertThat(DbFixture.count(db, "SELECT count(*) FROM purchases")).isZero();
            ix.catchUp();
            assertHistory(db, anvil);
            assertThat(ix.reindexFrom(0)).isEqualTo(20);
            ix.catchUp();
            assertHistory(db, anvil);
        }
    }

    @Test
    void everyListingCarriesItsSellersCurrentReputationAcrossBatches(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        String a = addr(anvil, 1);
        m.vouch(VOUCHER_1, a, MOCA.multiply(BigInteger.valueOf(100)));
        m.list(1, a, MOCA, MarketFixture.digestOf("doc-1"));
        m.sync();
        String listed = "SELECT listing_id || ':' || seller_reputation FROM listings ORDER BY listing_id";
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = indexer(db, anvil, m, 1000);
            ix.catchUp();
            String reputation = DbFixture.one(db, "SELECT reputation FROM accounts WHERE address = '" + a + "'");
            assertThat(Integer.parseInt(reputation)).isPositive();
            assertThat(DbFixture.column(db, listed)).containsExactly("1:" + reputation);

            // A later batch lists again without changing the reputation: the new listing carries it too.
            m.list(2, a, MOCA, MarketFixture.digestOf("doc-2"));
            m.sync();
            ix.catchUp();
            assertThat(DbFixture.one(db, "SELECT reputation FROM accounts WHERE address = '" + a + "'")).isEqualTo(reputation);
            assertThat(DbFixture.column(db, listed)).containsExactly("1:" + reputation, "2:" + reputation);

            // A batch that changes it (a second voucher) updates every listing of the seller, old and new.
            m.vouch(VOUCHER_2, a, MOCA.multiply(BigInteger.valueOf(100)));
            m.list(3, a, MOCA, MarketFixture.digestOf("doc-3"));
            m.sync();
            ix.catchUp();
            String higher = DbFixture.one(db, "SELECT reputation FROM accounts WHERE address = '" + a + "'");
            assertThat(Integer.parseInt(higher)).isGreaterThan(Integer.parseInt(reputation));
            assertThat(DbFixture.column(db, listed)).containsExactly("1:" + higher, "2:" + higher, "3:" + higher);
        }
    }

    @Test
    void aReorgIsRolledBackToTheCommonAncestor(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        String a = addr(anvil, 1);
        Fork fork = Fork.afterListing(anvil, m, a);
        long forkBlock = fork.block();
        m.list(2, a, MOCA, MarketFixture.digestOf("doc-2"));
        m.purchase(10, 1, BUYER, MOCA);
        m.deliver(10, a, MOCA);
        m.vouch(VOUCHER_1, a, MOCA);
        m.sync();
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            Indexer ix = indexer(db, anvil, m, 1000);
            ix.catchUp();
            assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(5);
            assertThat(DbFixture.one(db, "SELECT completed_sales FROM accounts WHERE address = '" + a + "'")).isEqualTo("1");

            // The chain drops the last four blocks and grows a longer, different branch.
            fork.otherBranch();

            Indexer.Step first = ix.step();
            assertThat(first).isEqualTo(Indexer.Step.REORG);
            assertThat(DbFixture.count(db, "SELECT max(number) FROM indexed_blocks")).isLessThanOrEqualTo(forkBlock);
            ix.catchUp();
            assertOtherBranch(db);
            assertThat(DbFixture.one(db, "SELECT completed_sales || ':' || distinct_vouchers FROM accounts WHERE address = '"
                    + a + "'")).isEqualTo("0:0");
            assertThat(DbFixture.count(db, "SELECT count(*) FROM vouches")).isZero();
        }
    }

    @Test
    void aBatchReadAheadBeforeAReorgIsRolledBackToo(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        String a = addr(anvil, 1);
        Fork fork = Fork.afterListing(anvil, m, a);
        long forkBlock = fork.block();
        m.list(2, a, MOCA, MarketFixture.digestOf("doc-2"));
        m.sync();
        m.purchase(10, 1, BUYER, MOCA);
        m.sync();
        m.deliver(10, a, MOCA);
        m.sync();
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            // One block per batch: while block forkBlock + 1 is written, forkBlock + 2 (the purchase) is read ahead.
            IndexerConfig cfg = new IndexerConfig(m.asContracts(), forkBlock, 0, 1, 1, 5_000, Duration.ofMillis(10));
            Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), cfg, new SimpleMeterRegistry());
            while (DbFixture.count(db, "SELECT COALESCE(max(next_block), 0) FROM indexer_cursor") <= forkBlock + 1) {
                assertThat(ix.step()).isEqualTo(Indexer.Step.INDEXED);
            }
            assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(2);

            // The purchase block, already read ahead, leaves the chain with the rest of that branch.
            fork.otherBranch();

            ix.catchUp();
            assertOtherBranch(db);
            String onChain = anvil.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                    BigInteger.valueOf(forkBlock + 1)), false).send().getBlock().getHash();
            assertThat(DbFixture.one(db, "SELECT hash FROM indexed_blocks WHERE number = " + (forkBlock + 1)))
                    .isEqualTo(onChain.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The set-up both reorg tests share: listing 1 in its own block, then a snapshot of the chain there (the common
     * ancestor). Whatever the test adds after it is dropped by {@link #otherBranch}.
     */
    private record Fork(Anvil anvil, MarketFixture market, String snapshot, long block) {
        static Fork afterListing(Anvil anvil, MarketFixture m, String seller) throws Exception {
            m.list(1, seller, MOCA, MarketFixture.digestOf("doc-1"));
            m.sync();
            return new Fork(anvil, m, anvil.snapshot(), anvil.blockNumber().longValueExact());
        }

        /** Reverts to the fork and grows a longer, different branch: listing 1 repriced, 6 blocks, purchase 20 of it. */
        void otherBranch() throws Exception {
            anvil.revert(snapshot);
            market.resetNonce();
            market.updatePrice(1, MOCA.multiply(BigInteger.TEN));
            anvil.mine(6);
            market.purchase(20, 1, BUYER, MOCA);
            market.sync();
        }
    }

    /** What the database holds once the indexer has followed {@link Fork#otherBranch}: that branch's events only. */
    private static void assertOtherBranch(DiscoveryDatabase db) throws Exception {
        assertThat(DbFixture.column(db, "SELECT event_name FROM chain_events ORDER BY block_number, log_index"))
                .containsExactly("Marketplace.ListingCreated", "Marketplace.PriceUpdated", "Marketplace.CredentialPurchased");
        assertThat(DbFixture.column(db, "SELECT listing_id || ':' || price_wei || ':' || purchase_count FROM listings"))
                .containsExactly("1:" + MOCA.multiply(BigInteger.TEN) + ":1");
        assertThat(DbFixture.column(db, "SELECT purchase_id || ':' || status FROM purchases")).containsExactly("20:escrowed");
        assertThat(DbFixture.column(db, "SELECT metric_type || ':' || sum(count) FROM marketplace_analytics"
                + " GROUP BY metric_type HAVING sum(count) <> 0 ORDER BY 1"))
                .containsExactly("listing_created:1", "purchase:1");
    }
}
