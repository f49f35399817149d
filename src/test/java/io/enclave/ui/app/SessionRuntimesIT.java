package io.enclave.ui.app;

import static io.enclave.ui.UiTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.chain.Actors;
import io.enclave.chain.Confirmation;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.devnet.DevnetInfo;
import io.enclave.market.MarketException;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.wallet.WalletException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.web3j.utils.Numeric;

/**
 * The session's market runtimes against anvil with the suite deployed: one per account used, built lazily and reused,
 * each acting as its own account; only the first account's runs the vault's outbox; a transaction of any runtime is
 * asked about where the working thread scoped its view (else in a card); locking closes them all.
 */
@ExtendWith({AnvilExtension.class, ApplicationExtension.class})
class SessionRuntimesIT {
    private static final String SELLER = String.format("0x%040x", 42);

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void oneRuntimePerAccountAskedAboutWhereTheScreenSaysAndClosedAtLock(Anvil anvil, @TempDir Path dir) throws Exception {
        Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)),
                DeploymentFile.open(dir.resolve("deployment.json")), m -> { })
                .deploy(DeployConfig.devnet(anvil.account(1).getAddress()));
        Session session = new Session(TempDirs.create("enclave-runtimes-"));
        var wallet = new WalletSetup(session.walletFile(), UiTestSupport.TEST_KDF)
                .importPrivateKey(Anvil.KEYS.get(0).toCharArray(), "a long wallet password".toCharArray());
        String first = wallet.accounts().get(0).address().toLowerCase(Locale.ROOT);
        String second = wallet.importKey(Numeric.hexStringToByteArray(Anvil.KEYS.get(2)), "second").address()
                .toLowerCase(Locale.ROOT);
        String dead = "http://127.0.0.1:9";
        fx(() -> {
            session.updateSettings(new Settings("devnet", List.of(anvil.rpcUrl()), anvil.chainId(), dead,
                    "https://api.pinata.cloud", List.of(), dead, 10, false, true));
            session.devnetProperty().set(new DevnetInfo(0, anvil.chainId(), anvil.rpcUrl(), dead, "", "",
                    UiTestSupport.contracts(d), ""));
            session.unlocked(wallet);
        });
        assertThat(session.runtimeAccounts()).as("nothing is built before it is used").isEmpty();

        AppServices other = session.services(second);
        assertThat(other.account()).isEqualTo(second);
        assertThat(other.chain().account()).isEqualTo(second);
        assertThat(session.runningServices()).as("the outbox runner is the first account's").isNull();
        AppServices mine = session.services();
        assertThat(mine.account()).isEqualTo(first);
        assertThat(session.services(first.toUpperCase(Locale.ROOT).replace("0X", "0x"))).isSameAs(mine);
        assertThat(session.services(second)).as("built once per account").isSameAs(other);
        assertThat(session.runningServices()).isSameAs(mine);
        assertThat(session.runtimeAccounts()).containsExactly(second, first);
        assertThat(other.outbox()).as("one background runner per vault: another account's jobs run inline")
                .isNotSameAs(mine.outbox());

        // A vouch by the second account on a thread that scoped its screen's view: asked there, from that account.
        List<Confirmation> asked = new ArrayList<>();
        BigInteger nonce = nonce(anvil, second);
        CompletableFuture<Throwable> declined = CompletableFuture.supplyAsync(() -> {
            try (var here = session.approvals().scope(c -> asked.add(c) && false)) {
                other.trust().vouch(SELLER, BigInteger.TEN.pow(18), m -> { });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(declined.get(60, TimeUnit.SECONDS)).isInstanceOf(MarketException.Declined.class);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).from()).isEqualToIgnoringCase(second);
        assertThat(asked.get(0).function()).isEqualTo("vouch");
        assertThat(session.approvals().open()).as("a scoped question never shows a card").isFalse();
        assertThat(nonce(anvil, second)).as("declined: nothing sent").isEqualTo(nonce);

        // Without a scope the question goes to a card; with no screen to show it on, the answer is "no".
        assertThatThrownBy(() -> CompletableFuture.supplyAsync(() ->
                other.trust().vouch(SELLER, BigInteger.TEN.pow(18), m -> { }))
                .get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(MarketException.Declined.class);

        fx(session::lock);
        assertThat(session.runtimeAccounts()).isEmpty();
        assertThat(session.runningServices()).isNull();
        assertThatThrownBy(() -> session.services(second)).isInstanceOf(WalletException.class);
        assertThat(nonce(anvil, second)).isEqualTo(nonce);
    }

    private static BigInteger nonce(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                .send().getTransactionCount();
    }
}
