package io.enclave.discovery.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.discovery.DbFixture;
import io.enclave.discovery.MarketFixture;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.discovery.db.DiscoveryDatabase;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.Postgres;
import io.enclave.testsupport.PostgresExtension;
import io.enclave.testsupport.Toolchain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code enclave discovery serve} as a real process: killed with SIGKILL while indexing, restarted, stopped with SIGTERM. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ServeProcessIT {
    static final int PER_TX = 250;
    static final int TXS = 8;

    static ManagedProcess serve(Anvil anvil, Postgres.Schema schema, String contract, int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ManagedProcess.start("discovery-serve", List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.enclave.Launcher", "discovery", "serve", "--contracts", "Marketplace=" + contract,
                "--port", Integer.toString(port),
                "--rate-limit", "0"), Map.of("ENCLAVE_DB_URL", schema.jdbcUrl(), "ENCLAVE_DB_USER", schema.server().user(),
                "ENCLAVE_RPC_URL", anvil.rpcUrl()), Toolchain.projectDir());
    }

    @Test
    void killedWithSigkillItResumesWithNoGapAndNoDuplicate(Anvil anvil, Postgres.Schema schema) throws Exception {
        MarketFixture m = MarketFixture.deploy(anvil, 0);
        String seller = anvil.account(1).getAddress().toLowerCase(Locale.ROOT);
        for (int i = 0; i < TXS; i++) {
            m.listMany(1 + (long) i * PER_TX, PER_TX, seller, MarketFixture.digestOf("doc"));
        }
        m.sync();
        int total = PER_TX * TXS;
        try (DiscoveryDatabase db = DbFixture.open(schema)) {
            int port = Toolchain.freePort();
            DiscoveryClient client = DiscoveryClient.of("http://127.0.0.1:" + port);
            try (ManagedProcess first = serve(anvil, schema, m.address(), port)) {
                first.awaitReady(() -> {
                    try {
                        return DbFixture.count(db, "SELECT count(*) FROM indexed_blocks") > 0;
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                }, Duration.ofSeconds(180));
                // SIGKILL the JVM itself (the managed process is a watchdog shell around it).
                for (long pid : first.pids()) {
                    ProcessHandle.of(pid).ifPresent(h -> {
                        if (h.info().command().orElse("").endsWith("java")) {
                            h.destroyForcibly();
                        }
                    });
                }
                for (long pid : first.pids()) {
                    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                }
            }
            long afterKill = DbFixture.count(db, "SELECT count(*) FROM chain_events");
            assertThat(DbFixture.count(db, "SELECT count(*) FROM listings")).isEqualTo(afterKill);
            try (ManagedProcess second = serve(anvil, schema, m.address(), port)) {
                second.awaitReady(() -> {
                    try {
                        return client.health().lagBlocks() == 0 && client.health().indexedThroughBlock() > 0;
                    } catch (RuntimeException e) {
                        return false;
                    }
                }, Duration.ofSeconds(180));
                assertThat(DbFixture.count(db, "SELECT count(*) FROM chain_events")).isEqualTo(total);
                assertThat(DbFixture.one(db, "SELECT count(*) || ':' || min(listing_id) || ':' || max(listing_id)"
                        + " FROM listings")).isEqualTo(total + ":1:" + total);
                assertThat(client.search(new DiscoveryClient.Query(null, null, null, null, seller, null, null, null, null,
                        1, null)).items()).hasSize(1);
                for (long pid : second.pids()) {
                    ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").endsWith("java")).ifPresent(h -> {
                        h.destroy();
                        h.onExit().orTimeout(20, TimeUnit.SECONDS).join();
                    });
                }
            }
        }
    }
}
