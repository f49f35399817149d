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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The indexer's database connection is killed (pg_terminate_backend) in the middle of its batches, again and again:
 * each interrupted batch rolls back whole, the indexer resumes from the committed cursor, and the result has every
 * event exactly once.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IndexerCrashIT {
    static final int PER_TX = 500;
    static final int TXS = 6;

    @Test
    void killedMidBatchItResumesWithNoGapAndNoDuplicate(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        String seller = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
        for (int i = 0; i < TXS; i++) {
            m.listMany(1 + (long) i * PER_TX, PER_TX, seller, MarketFixture.digestOf("doc"));
        }
        m.sync();
        int total = PER_TX * TXS;
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            IndexerConfig cfg = new IndexerConfig(m.asContracts(), 0, 0, 1, 1, 5_000, Duration.ofMillis(10));
            Indexer ix = new Indexer(db.dataSource(), new Web3ChainSource(anvil.rpcUrl()), cfg,
                    new SimpleMeterRegistry());
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger kills = new AtomicInteger();
            Thread killer = new Thread(() -> {
                try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
                    while (!done.get() && kills.get() < 4) {
                        try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = 'enclave-discovery' AND state IN ('active', 'idle in transaction')"
                                + " AND pid <> pg_backend_pid()")) {
                            rs.next();
                            kills.addAndGet(rs.getInt(1));
                        }
                        Thread.sleep(15);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "killer");
            killer.start();
            int failures = 0;
            try {
                while (true) {
                    try {
                        if (ix.step() == Indexer.Step.CAUGHT_UP) {
                            break;
                        }
                    } catch (SQLException e) {
                        failures++;
                    }
                }
            } finally {
                done.set(true);
                killer.join();
            }
            assertThat(kills.get()).isPositive();
            assertThat(failures).isPositive();
            assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(total);
            assertThat(DbFixture.one(db, "SELECT count(*) || ':' || min(listing_id) || ':' || max(listing_id) FROM listings"))
                    .isEqualTo(total + ":1:" + total);
            assertThat(DbFixture.count(db, "SELECT sum(count) FROM marketplace_analytics WHERE metric_type = 'listing_created'"))
                    .isEqualTo(total);
            assertThat(DbFixture.count(db, "SELECT active_listings FROM accounts WHERE address = '" + seller + "'"))
                    .isEqualTo(total);
        }
    }
}
