package io.enclave.storage.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.storage.BlockSource;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.IntegrityException;
import io.enclave.storage.StorageException;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redundancy against a real js-ipfs daemon, local gateways that misbehave on purpose, and a local server that speaks
 * Pinata's pinning protocol (the real Pinata is not reachable from tests).
 */
@ExtendWith(IpfsExtension.class)
class RedundantStorageIT {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.test-only.signature";
    private final Http http = new Http();
    private final List<AutoCloseable> servers = new ArrayList<>();
    private KuboStore kubo;
    private PinataProtocolServer pinataServer;
    private PinataStore pinata;
    private EndpointHealth health;

    @BeforeEach
    void start(IpfsNode ipfs) throws Exception {
        kubo = new KuboStore(URI.create(ipfs.apiUrl()), http, Duration.ofSeconds(5));
        pinataServer = new PinataProtocolServer(kubo, JWT);
        servers.add(pinataServer);
        pinata = new PinataStore(pinataServer.url(), JWT.toCharArray(), http, PinataProtocolServer.timeout());
        health = new EndpointHealth();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        pinata.close();
    }

    private LocalGateway gateway(LocalGateway.Mode mode) throws Exception {
        LocalGateway g = new LocalGateway(kubo, mode);
        servers.add(g);
        return g;
    }

    private RedundantStorage storage(List<BlockSource> sources) {
        TrustlessReader reader = new TrustlessReader(sources, health, Duration.ofMillis(1500), 64L << 20);
        return new RedundantStorage(kubo, List.of(pinata), reader, health);
    }

    @Test
    void putPinsOnPrimaryAndSecondaryUnderTheLocallyComputedCid() throws Exception {
        byte[] content = bytes(700_000, 1);
        RedundantStorage storage = storage(List.of(gateway(LocalGateway.Mode.HONEST).source(http)));
        RedundantStorage.PutResult put = storage.put(content);
        assertThat(put.cid()).isEqualTo(UnixFsImporter.cidOf(content));
        assertThat(put.fullyReplicated()).isTrue();
        assertThat(kubo.isPinned(put.cid())).isTrue();
        assertThat(pinata.isPinned(put.cid())).isTrue();
        assertThat(storage.get(put.cid())).isEqualTo(content);
    }

    @Test
    void everyKindOfBadGatewayIsDetectedAndTheNextOneServesVerifiedBytes() throws Exception {
        byte[] content = bytes(1 << 20, 2);
        Cid cid = kubo.put(content);
        List<LocalGateway> bad = new ArrayList<>();
        for (LocalGateway.Mode m : List.of(LocalGateway.Mode.TAMPERED, LocalGateway.Mode.TRUNCATED,
                LocalGateway.Mode.SHORT_BODY, LocalGateway.Mode.ERROR_500, LocalGateway.Mode.NOT_FOUND,
                LocalGateway.Mode.SLOW)) {
            bad.add(gateway(m));
        }
        LocalGateway good = gateway(LocalGateway.Mode.HONEST);
        List<BlockSource> sources = new ArrayList<>();
        bad.forEach(g -> sources.add(g.source(http)));
        sources.add(good.source(http));
        RedundantStorage storage = storage(sources);

        assertThat(storage.get(cid)).isEqualTo(content);

        for (LocalGateway g : bad) {
            EndpointHealth.Snapshot s = health.of(g.source(http).name());
            assertThat(s.failures()).as(g.url().toString()).isPositive();
            assertThat(s.successes()).isZero();
        }
        assertThat(health.of(bad.get(0).source(http).name()).lastError()).contains("do not hash to");
        assertThat(health.of(bad.get(3).source(http).name()).lastError()).contains("HTTP 502");
        assertThat(health.of(bad.get(5).source(http).name()).lastError()).contains("not complete within");
        assertThat(health.of(good.source(http).name()).successes()).isEqualTo(5);
        // after three failures in a row the bad gateways are asked last: the next read goes to the good one first
        int before = bad.get(0).requests.get();
        assertThat(storage.get(cid)).isEqualTo(content);
        assertThat(bad.get(0).requests.get()).isEqualTo(before);
    }

    @Test
    void whenEverySourceLiesTheReadFailsWithEveryReason() throws Exception {
        Cid cid = kubo.put(bytes(10_000, 3));
        RedundantStorage storage = storage(List.of(gateway(LocalGateway.Mode.TAMPERED).source(http),
                gateway(LocalGateway.Mode.ERROR_500).source(http)));
        assertThatThrownBy(() -> storage.get(cid)).isInstanceOf(StorageException.class)
                .hasMessageContaining("do not hash to").hasMessageContaining("HTTP 502")
                .hasMessageContaining("enclave storage repin");
    }

    @Test
    void theNodeItselfIsAVerifiedSourceAndGatewaysAreTheFallback() throws Exception {
        byte[] content = bytes(300_000, 4);
        Cid cid = kubo.put(content);
        LocalGateway gw = gateway(LocalGateway.Mode.HONEST);
        KuboStore dead = new KuboStore(URI.create("http://127.0.0.1:9"), http, Duration.ofSeconds(1));
        RedundantStorage storage = storage(List.of(dead, gw.source(http)));
        assertThat(storage.get(cid)).isEqualTo(content);
        assertThat(health.of(dead.name()).lastError()).contains("connection refused");
    }

    @Test
    void repinRepairsMissingPinsOnEveryService() throws Exception {
        byte[] content = bytes(400_000, 5);
        RedundantStorage storage = storage(List.of(kubo));
        Cid cid = storage.put(content).cid();
        kubo.unpin(cid);
        pinata.unpin(cid);
        assertThat(storage.check(List.of(cid)).get(0).notPinnedOn()).hasSize(2);

        RedundantStorage.RepairReport report = storage.repin(List.of(cid));
        assertThat(report.failed()).isEmpty();
        assertThat(report.repaired()).hasSize(2);
        assertThat(kubo.isPinned(cid)).isTrue();
        assertThat(pinata.isPinned(cid)).isTrue();
        RedundantStorage.CheckResult check = storage.check(List.of(cid)).get(0);
        assertThat(check.healthy()).isTrue();
        assertThat(storage.repin(List.of(cid)).alreadyPinned()).hasSize(2);
    }

    @Test
    void aPinningServiceThatAnswersAnotherCidIsRefusedAndReported() throws Exception {
        byte[] content = bytes(1234, 6);
        pinataServer.forgedHash = Cid.raw(new byte[] {9}).toString();
        assertThatThrownBy(() -> pinata.put(content)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("nothing refers to");
        RedundantStorage.PutResult put = storage(List.of(kubo)).put(content);
        assertThat(put.fullyReplicated()).isFalse();
        assertThat(put.failures()).singleElement().asString().contains("pinata");
        assertThat(health.of(pinata.name()).failures()).isEqualTo(1);
    }

    @Test
    void aRejectedJwtSaysWhatToDo() {
        try (PinataStore wrong = new PinataStore(pinataServer.url(), "wrong".toCharArray(), http, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> wrong.isPinned(Cid.raw(new byte[0]))).hasMessageContaining("refused the JWT")
                    .hasMessageContaining("API key");
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
