package io.enclave.storage.arweave;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Arlocal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against arlocal, whose validation recomputes the deep hash, checks the RSA-PSS signature and, for data sent inline,
 * recomputes the data_root with arweave-js: a transaction it accepts was built byte-for-byte as Arweave expects.
 */
class ArweaveIT {
    private static Arlocal arlocal;
    private static ArweaveWallet wallet;
    private static ArweaveClient client;

    @BeforeAll
    static void start() {
        arlocal = Arlocal.start();
        wallet = ArweaveWallet.generate(4096);
        client = new ArweaveClient(arlocal.url(), Duration.ofSeconds(60));
        arlocal.get("mint/" + wallet.address() + "/1000000000000000000");
    }

    @AfterAll
    static void stop() {
        if (arlocal != null) {
            arlocal.close();
        }
    }

    @Test
    void aProofWithTheSeedTagsIsStoredAndReadBackVerified() {
        byte[] proof = "{\"pi_a\":[\"1\",\"2\"],\"protocol\":\"groth16\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> tags = ArweaveClient.proofTags("application/json", "ZK-Proof", "degree",
                "did:enclave:issuer-1", Instant.parse("2026-11-29T00:00:00Z"));
        ArweaveTransaction tx = client.prepare(wallet, tags, proof);
        client.post(tx, proof);
        client.post(tx, proof);
        arlocal.get("mine");

        ArweaveTransaction back = client.transaction(tx.id());
        assertThat(back.tags()).containsExactlyEntriesOf(tags);
        assertThat(back.ownerAddress()).isEqualTo(wallet.address());
        assertThat(client.read(tx.id())).isEqualTo(proof);
    }

    @Test
    void multiChunkDataRootsMatchArweaveJs() {
        // Sent inline, arlocal recomputes data_root with arweave-js; sizes cover rebalanced and empty last chunks.
        for (int size : new int[] {ArweaveMerkle.MAX_CHUNK + 1000, 2 * ArweaveMerkle.MAX_CHUNK,
            3 * ArweaveMerkle.MAX_CHUNK + 12345}) {
            byte[] data = random(size, size);
            ArweaveTransaction tx = client.prepare(wallet, Map.of("App-Name", "Enclave"), data);
            String json = tx.toJson(data);
            var r = new io.enclave.storage.Http().send(java.net.http.HttpRequest.newBuilder(arlocal.url().resolve("tx"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers
                            .ofString(json)).build(), Duration.ofSeconds(60), 64L << 20);
            assertThat(r.status()).as("size %d: %s", size, r.text()).isEqualTo(200);
        }
    }

    @Test
    void largeDataGoesInChunksWithProofsAndReadsBack() {
        byte[] data = random(700_000, 7);
        ArweaveTransaction tx = client.prepare(wallet, Map.of("App-Name", "Enclave", "Type", "Encrypted-Package"),
                data);
        assertThat(ArweaveMerkle.build(data).chunks()).hasSize(3);
        client.post(tx, data);
        arlocal.get("mine");
        assertThat(client.read(tx.id())).isEqualTo(data);
    }

    @Test
    void theOutboxStepPostsOneTransactionEvenWhenItRunsTwice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.h2.jdbcx.JdbcDataSource vault = new org.h2.jdbcx.JdbcDataSource();
        vault.setURL("jdbc:h2:file:" + dir.resolve("vault"));
        vault.setUser("sa");
        vault.setPassword("");
        io.enclave.storage.outbox.VaultMigrations.migrate(vault);
        ArweaveCopyStep copy = new ArweaveCopyStep(client, wallet, ArweaveClient.proofTags("application/octet-stream",
                "Encrypted-Package", "degree", "did:enclave:issuer-1", Instant.parse("2026-11-29T00:00:00Z")));
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> ids = new java.util.ArrayList<>();
        // the first run posts, then "crashes" before its result is recorded; the retry must post the same transaction
        io.enclave.storage.outbox.OutboxStep crashingOnce = new io.enclave.storage.outbox.PublicationSteps.Named(
                copy.name(), ctx -> {
                    byte[] id = copy.run(ctx);
                    ids.add(new String(id, StandardCharsets.US_ASCII));
                    if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("simulated crash after the post");
                    }
                    return id;
                });
        var outbox = new io.enclave.storage.outbox.Outbox(vault, Map.of("k", java.util.List.of(
                io.enclave.storage.outbox.PublicationSteps.encrypt(), crashingOnce)),
                new io.enclave.storage.outbox.Backoff(Duration.ZERO, Duration.ZERO, 3), java.time.Clock.systemUTC());
        outbox.enqueue("job", "k", "secret package".getBytes(StandardCharsets.UTF_8));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.runDue()).isEqualTo(1);
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
        arlocal.get("mine");
        byte[] pkg = outbox.result("job", "encrypt").orElseThrow();
        assertThat(client.read(ids.get(0))).isEqualTo(pkg);
        assertThat(client.transaction(ids.get(0)).tags()).containsEntry("Type", "Encrypted-Package");
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
