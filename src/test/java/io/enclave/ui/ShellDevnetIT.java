package io.enclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.TempDirs;
import io.enclave.testsupport.Toolchain;
import io.enclave.ui.shell.ShellController;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * With no network configured, the studio starts the local devnet in the background and shows it when it is up. This
 * run asks for a bare devnet ({@code studio --no-demo}): no demo data is seeded, and a brand-new wallet gets test MOCA
 * from the wallet screen's devnet button.
 */
@ExtendWith(ApplicationExtension.class)
class ShellDevnetIT {
    private Scene scene;
    private Path folder;

    @Start
    void start(Stage stage) throws Exception {
        ManagedProcess.sweep();
        folder = TempDirs.create("enclave-devnet-ui-");
        System.setProperty("enclave.devnet.folder", folder.toString());
        System.setProperty("enclave.toolchain", Toolchain.projectDir().toString());
        System.setProperty("enclave.devnet", "bare");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene = StudioApp.createScene(folder.resolve("home"), UiTestSupport.TEST_KDF);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void startsTheDevnetAndShowsItsEndpoints(FxRobot robot) throws Exception {
        ShellController shell = (ShellController) scene.getUserData();
        UiTestSupport.navigate(robot, "network");
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.lookup("#emptyTitle").queryAs(Label.class);
        try {
            assertThat(title.getText()).isIn("Starting the local devnet", "Local devnet running");
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, shell::devnetRunning);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(title.getText()).isEqualTo("Local devnet running");
            Label status = robot.lookup("#networkStatus").queryAs(Label.class);
            assertThat(status.getText()).startsWith("Devnet · chain 31337");
            assertThat(robot.lookup("#devnetDetails").queryParent().getChildrenUnmodifiable())
                    .anySatisfy(n -> assertThat(((Label) n).getText()).isEqualTo("Marketplace"));
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "devnet-light")).get();
            WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()))
                    .get();
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "devnet-dark")).get();
            WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()))
                    .get();
            assertThat(folder.resolve("demo-seeded")).as("a bare devnet seeds no demo data").doesNotExist();
            // the status bar watches the devnet's own discovery server and IPFS node, not the Settings defaults
            Label discovery = robot.lookup("#discoveryStatus").queryAs(Label.class);
            Label ipfs = robot.lookup("#ipfsStatus").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> up(discovery) && up(ipfs));

            // a brand-new wallet has nothing; the devnet's button gives it 100 test MOCA
            String key = org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(
                    org.web3j.crypto.Keys.createEcKeyPair().getPrivateKey(), 64);
            var wallet = new io.enclave.ui.onboarding.WalletSetup(shell.session().walletFile(), UiTestSupport.TEST_KDF)
                    .importPrivateKey(key.toCharArray(), "a long wallet password".toCharArray());
            WaitForAsyncUtils.asyncFx(() -> shell.session().unlocked(wallet)).get();
            UiTestSupport.navigate(robot, "wallet");
            Label balance = robot.lookup("#balanceLabel").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> balance.getText().startsWith("0"));
            robot.clickOn("#faucetButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> balance.getText().startsWith("100"));
            WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "wallet-devnet-faucet")).get();
        } finally {
            WaitForAsyncUtils.asyncFx(shell::shutdown).get();
            System.clearProperty("enclave.devnet.folder");
            System.clearProperty("enclave.devnet");
        }
        assertThat(folder.resolve("devnet.json")).doesNotExist();
    }

    /** The status bar's verdict, from the tooltip the health watch sets (the label alone starts as "Discovery"). */
    private static boolean up(Label l) {
        return l.getTooltip() != null && l.getTooltip().getText().contains(" is up");
    }
}
