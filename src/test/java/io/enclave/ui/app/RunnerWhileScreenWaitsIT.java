package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.Confirmation;
import io.enclave.chain.Network;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.market.Approver;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.zk.CircuitRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The runtime's background outbox runner and a screen that waits for the user to confirm a transaction, on anvil,
 * both signing for the same account: the runner's pass is not held by the screen's open confirmation (jobs are locked,
 * not passes), and the two transactions land with distinct nonces although the screen's was prepared with the nonce
 * the runner then used (the chain layer takes the nonce again, one sender at a time, when it signs).
 */
@ExtendWith(AnvilExtension.class)
class RunnerWhileScreenWaitsIT {
    private static final String SCREEN_TARGET = String.format("0x%040x", 0xa11ce);
    private static final String RUNNER_TARGET = String.format("0x%040x", 0xb0b);

    @Test
    void theRunnerSendsWhileAScreenConfirmationIsOpenAndBothLandWithTheirOwnNonces(Anvil anvil, @TempDir Path dir)
            throws Exception {
        Fixture f = Fixture.of(anvil, dir);
        UnlockedWallet wallet = f.wallet();
        String me = f.me();
        Vault vault = f.vault();
        Network network = f.network();

        // The screen's confirmation stays open until the test answers it; anything else is approved at once, the way
        // the runner's automatic key deliveries are.
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        AtomicReference<Confirmation> open = new AtomicReference<>();
        Approver approver = c -> {
            if (!SCREEN_TARGET.equalsIgnoreCase(c.to())) {
                return true;
            }
            open.set(c);
            asked.countDown();
            try {
                return answered.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
        List<String> events = new CopyOnWriteArrayList<>();
        AppServices services = new AppServices(network, vault, wallet.signer(me), "http://127.0.0.1:9", approver,
                events::add, Duration.ofMillis(200), CircuitRegistry.classPath());
        try {
            services.outbox().register("pay", List.of(new PublicationSteps.Named("send", ctx -> {
                String to = new String(ctx.input(), StandardCharsets.US_ASCII);
                TransactionReceipt r = services.chain().send("Pay " + ctx.jobId(), to, BigInteger.ONE, "0x", m -> { });
                return r.getTransactionHash().getBytes(StandardCharsets.US_ASCII);
            })));
            long first = pendingNonce(anvil, me);

            services.outbox().enqueue("screen", "pay", SCREEN_TARGET.getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Boolean> screen = CompletableFuture.supplyAsync(() -> services.outbox().runJob("screen"));
            assertThat(asked.await(2, TimeUnit.MINUTES)).as("the screen asks for its confirmation").isTrue();
            assertThat(open.get().nonce()).as("prepared with the account's next nonce").isEqualTo(first);

            services.outbox().enqueue("runner", "pay", RUNNER_TARGET.getBytes(StandardCharsets.US_ASCII));
            services.start(false);
            JobView runnerJob = awaitDone(services, "runner", Duration.ofMinutes(2));
            assertThat(runnerJob.state()).as("the runner went on while the screen's confirmation was open: " + events)
                    .isEqualTo(JobView.State.DONE);
            assertThat(screen).as("the screen is still waiting for its answer").isNotDone();
            assertThat(services.outbox().job("screen").orElseThrow().state()).isEqualTo(JobView.State.PENDING);
            Transaction runnerTx = landed(anvil, services, "runner");
            assertThat(runnerTx.getNonce().longValueExact()).as("the runner took the nonce the screen had prepared with")
                    .isEqualTo(first);
            assertThat(runnerTx.getTo()).isEqualToIgnoringCase(RUNNER_TARGET);

            answered.countDown();
            assertThat(screen.get(2, TimeUnit.MINUTES)).as("the confirmed job finishes").isTrue();
            Transaction screenTx = landed(anvil, services, "screen");
            assertThat(screenTx.getNonce().longValueExact()).as("signed with the next free nonce, not the stale one")
                    .isEqualTo(first + 1);
            assertThat(screenTx.getTo()).isEqualToIgnoringCase(SCREEN_TARGET);
            assertThat(screenTx.getValue()).isEqualTo(BigInteger.ONE);
            assertThat(minedNonce(anvil, me)).isEqualTo(first + 2);
        } finally {
            answered.countDown();
            services.close();
        }
    }

    @Test
    void sendersOfOneAccountStartingTogetherEachGetTheirOwnNonce(Anvil anvil, @TempDir Path dir) throws Exception {
        Fixture f = Fixture.of(anvil, dir);
        UnlockedWallet wallet = f.wallet();
        String me = f.me();
        Vault vault = f.vault();
        Network network = f.network();
        // Every sender prepares (reads the same pending nonce), then all confirm at once.
        int senders = 4;
        CyclicBarrier confirmTogether = new CyclicBarrier(senders);
        Approver approver = c -> {
            try {
                confirmTogether.await(2, TimeUnit.MINUTES);
                return true;
            } catch (Exception e) {
                return false;
            }
        };
        try (AppServices services = new AppServices(network, vault, wallet.signer(me), "http://127.0.0.1:9", approver,
                s -> { }, Duration.ofMinutes(1), CircuitRegistry.classPath())) {
            long first = pendingNonce(anvil, me);
            List<CompletableFuture<TransactionReceipt>> sends = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String to = String.format("0x%040x", 0xc0de00 + i);
                sends.add(CompletableFuture.supplyAsync(() -> services.chain().send("Pay " + to, to, BigInteger.ONE, "0x",
                        m -> { })));
            }
            List<Long> nonces = new ArrayList<>();
            for (CompletableFuture<TransactionReceipt> s : sends) {
                TransactionReceipt r = s.get(3, TimeUnit.MINUTES);
                assertThat(r.isStatusOK()).isTrue();
                nonces.add(anvil.web3j().ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction()
                        .orElseThrow().getNonce().longValueExact());
            }
            assertThat(nonces).containsExactlyInAnyOrder(first, first + 1, first + 2, first + 3);
            assertThat(minedNonce(anvil, me)).isEqualTo(first + senders);
        }
    }

    private static JobView awaitDone(AppServices services, String job, Duration bound) throws InterruptedException {
        Instant until = Instant.now().plus(bound);
        JobView v = services.outbox().job(job).orElseThrow();
        while (v.state() != JobView.State.DONE && Instant.now().isBefore(until)) {
            TimeUnit.MILLISECONDS.sleep(100); // polling for the condition, bounded
            v = services.outbox().job(job).orElseThrow();
        }
        return v;
    }

    /** The job's transaction, with its successful receipt (awaited by the anvil helper). */
    private static Transaction landed(Anvil anvil, AppServices services, String job) throws Exception {
        String hash = new String(services.outbox().result(job, "send").orElseThrow(), StandardCharsets.US_ASCII);
        assertThat(anvil.receipt(hash).isStatusOK()).as(job + "'s transaction succeeded").isTrue();
        return anvil.web3j().ethGetTransactionByHash(hash).send().getTransaction().orElseThrow();
    }

    private static long pendingNonce(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().longValueExact();
    }

    private static long minedNonce(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }

    /** The suite on anvil, a wallet holding anvil's third key, its encrypted vault and the devnet network. */
    private record Fixture(UnlockedWallet wallet, String me, Vault vault, Network network) {
        static Fixture of(Anvil anvil, Path dir) throws Exception {
            Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)),
                    DeploymentFile.open(dir.resolve("deployment.json")), m -> { })
                    .deploy(DeployConfig.devnet(anvil.account(1).getAddress()));
            UnlockedWallet wallet = new WalletSetup(dir.resolve("wallet.json"), UiTestSupport.TEST_KDF)
                    .importPrivateKey(Anvil.KEYS.get(2).toCharArray(), "a long wallet password".toCharArray());
            byte[] vaultKey = wallet.deriveVaultKey();
            Vault vault;
            try {
                vault = Vault.open(dir.resolve("vault"), vaultKey);
            } finally {
                Arrays.fill(vaultKey, (byte) 0);
            }
            Network network = Network.preset("devnet").withRpcUrls(List.of(anvil.rpcUrl()))
                    .withChainId(anvil.chainId()).withContracts(UiTestSupport.contracts(d));
            return new Fixture(wallet, wallet.accounts().get(0).address().toLowerCase(Locale.ROOT), vault, network);
        }
    }
}
