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
import org.h2.jdbcx.JdbcDataSource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The publication pipeline the crash tests run, in the child JVM and in the test that resumes after the kill. */
final class PublicationFixture {
    static final String KIND = "publish";
    static final byte[] LISTING_PREFIX = "enclave-listing:".getBytes(StandardCharsets.US_ASCII);

    private PublicationFixture() {
    }

    static DataSource vault(String file) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file);
        ds.setUser("sa");
        ds.setPassword("");
        VaultMigrations.migrate(ds);
        return ds;
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
