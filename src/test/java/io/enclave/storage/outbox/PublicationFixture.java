package io.enclave.storage.outbox;

import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The publication pipeline the crash tests run, in the child JVM and in the test that resumes after the kill. */
final class PublicationFixture {
    static final String KIND = "publish";
    static final byte[] LISTING_PREFIX = "enclave-listing:".getBytes(StandardCharsets.US_ASCII);

    private PublicationFixture() {
    }

    /** The test's vault key (a real vault is keyed by the wallet; see Vault and UnlockedWallet.deriveVaultKey). */
    static final byte[] VAULT_KEY = java.util.HexFormat.of().parseHex(
            "7a6b5c4d3e2f10011223344556677889900aabbccddeeff0f1e2d3c4b5a69788");

    /** The encrypted vault in {@code dir}, as the app opens it. */
    static DataSource vault(String dir) {
        return io.enclave.vault.Vault.open(java.nio.file.Path.of(dir), VAULT_KEY).dataSource();
    }

    /** The Arweave copy step against {@code node}, tagged with the job so a test can count its transactions. */
    static OutboxStep arweave(String node, byte[] jwk, String job) {
        Map<String, String> tags = new java.util.LinkedHashMap<>(io.enclave.storage.arweave.ArweaveClient.proofTags(
                "application/octet-stream", "Encrypted-Package", "degree", "did:enclave:issuer-1",
                java.time.Instant.parse("2026-11-29T00:00:00Z")));
        tags.put("Test-Job", job);
        return new io.enclave.storage.arweave.ArweaveCopyStep(new io.enclave.storage.arweave.ArweaveClient(
                URI.create(node), Duration.ofSeconds(20)), io.enclave.storage.arweave.ArweaveWallet.fromJwk(jwk), tags);
    }

    /**
     * {@code crashAt} is {@code <step>:before} or {@code <step>:effect} (after the step's side effects, before its
     * result is recorded) or empty; at that point the pipeline announces it on {@code signal} and waits to be killed.
     */
    static Outbox outbox(DataSource vault, String ipfsApi, Web3j web3j, long chainId, Credentials sender,
                         OutboxStep arweave, String crashAt, PrintStream signal) {
        Http http = new Http();
        KuboStore primary = new KuboStore(URI.create(ipfsApi), http, Duration.ofSeconds(10));
        KuboStore secondary = new KuboStore(URI.create(ipfsApi + "/"), http, Duration.ofSeconds(10));
        OutboxStep anchor = new AnvilStep(PublicationSteps.ANCHOR, web3j, chainId, sender,
                ctx -> PublicationSteps.cid(ctx).toBytes());
        OutboxStep list = new AnvilStep(PublicationSteps.LIST, web3j, chainId, sender, ctx -> {
            byte[] cid = PublicationSteps.cid(ctx).toBytes();
            byte[] data = new byte[LISTING_PREFIX.length + cid.length];
            System.arraycopy(LISTING_PREFIX, 0, data, 0, LISTING_PREFIX.length);
            System.arraycopy(cid, 0, data, LISTING_PREFIX.length, cid.length);
            return data;
        });
        List<OutboxStep> steps = new ArrayList<>();
        for (OutboxStep s : PublicationSteps.pipeline(primary, List.of(secondary), arweave, anchor, list)) {
            steps.add(crashAt.isEmpty() ? s : new Crashing(s, crashAt, signal));
        }
        return new Outbox(vault, Map.of(KIND, steps), new Backoff(Duration.ZERO, Duration.ofSeconds(1), 5),
                Clock.systemUTC());
    }

    static Web3j web3j(String rpc) {
        return Web3j.build(new HttpService(rpc));
    }

    /** Announces the crash point and blocks until the parent kills this JVM with SIGKILL. */
    private record Crashing(OutboxStep step, String crashAt, PrintStream signal) implements OutboxStep {
        @Override
        public String name() {
            return step.name();
        }

        @Override
        public byte[] run(StepContext ctx) throws Exception {
            stopIf(name() + ":before");
            byte[] result = step.run(ctx);
            stopIf(name() + ":effect");
            return result;
        }

        private void stopIf(String point) throws InterruptedException {
            if (point.equals(crashAt)) {
                signal.println("CRASH-POINT " + point);
                signal.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
