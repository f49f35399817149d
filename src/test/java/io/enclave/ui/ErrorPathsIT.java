package io.enclave.ui;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.app.Session;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The error paths through the real screens: a wrong password at the lock screen; the RPC going away and coming back
 * (anvil behind a relay that is cut and restored: status bar and wallet say so, then recover on their own); the IPFS
 * node and the discovery API down, shown in the status bar and on the marketplace screen with what to do.
 */
@ExtendWith({AnvilExtension.class, ApplicationExtension.class})
class ErrorPathsIT {
    private static final String PASSWORD = "orbit lantern quietly 47 meadows";
    private static TcpRelay rpc;
    private static String deadUrl;
    private static Path home;
    private Scene scene;

    @BeforeAll
    static void setUp(Anvil anvil) throws Exception {
        home = TempDirs.create("enclave-ui-errors-");
        rpc = new TcpRelay(URI.create(anvil.rpcUrl()).getPort());
        try (ServerSocket free = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + free.getLocalPort(); // closed again: nothing listens there
        }
        new SettingsStore(home).save(new Settings("devnet", List.of(rpc.url()), AnvilExtension.CHAIN_ID, deadUrl,
                "https://api.pinata.cloud", List.of(), deadUrl, 10, false, true));
        new WalletSetup(home.resolve("wallet.json"), UiTestSupport.TEST_KDF)
                .importPrivateKey(Anvil.KEYS.get(0).toCharArray(), PASSWORD.toCharArray()).close();
    }

    @AfterAll
    static void tearDown() throws Exception {
        rpc.close();
    }

    @Start
    void start(Stage stage) {
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> UiTestSupport.shell(scene).shutdown());
    }

    @Test
    void wrongPasswordRpcDownAndBackIpfsAndDiscoveryDown(FxRobot robot) throws Exception {
        Session session = UiTestSupport.shell(scene).session();

        // The lock screen refuses a wrong password and says so; nothing is unlocked.
        waitFx(10, () -> visible(robot, "#unlockPassword"));
        robot.clickOn("#unlockPassword").write("not my password");
        robot.clickOn("#unlockButton");
        waitFx(30, () -> find(robot, "#unlockError", Label.class).getText().startsWith("Wrong password"));
        assertThat(session.wallet()).isNull();
        UiTestSupport.screenshots(scene, "error-wrong-password");
        fx(() -> find(robot, "#unlockPassword", TextField.class).setText(PASSWORD));
        robot.clickOn("#unlockButton");
        waitFx(30, () -> session.wallet() != null);

        // Everything but the chain is down: the status bar says which, and the tooltip what to do.
        Label network = find(robot, "#networkStatus", Label.class);
        waitFx(30, () -> network.getText().contains("· block "));
        waitFx(30, () -> !find(robot, "#balanceLabel", Label.class).getText().equals("—"));
        Label discovery = find(robot, "#discoveryStatus", Label.class);
        Label ipfs = find(robot, "#ipfsStatus", Label.class);
        waitFx(30, () -> discovery.getText().equals("Discovery down") && ipfs.getText().equals("IPFS down"));
        assertThat(discovery.getTooltip().getText()).contains(deadUrl).contains("Check the discovery URL in Settings");
        assertThat(ipfs.getTooltip().getText()).contains(deadUrl).contains("fix the IPFS API URL in Settings");

        // The RPC goes away: the status bar and the wallet say so.
        rpc.stop();
        waitFx(30, () -> network.getText().endsWith("· not answering"));
        assertThat(network.getTooltip().getText()).contains(rpc.url()).contains("Check the RPC URL in Settings");
        robot.clickOn("#refreshButton");
        waitFx(30, () -> visible(robot, "#walletError"));
        assertThat(find(robot, "#walletError", Label.class).getText()).startsWith("Balances could not be read.")
                .contains("No RPC endpoint").contains(rpc.url()).contains("add another RPC URL");
        assertThat(find(robot, "#balanceLabel", Label.class).getText()).isEqualTo("—");
        UiTestSupport.screenshots(scene, "error-rpc-down");

        // It comes back: both recover without a click.
        rpc.start();
        waitFx(30, () -> network.getText().contains("· block "));
        waitFx(30, () -> !visible(robot, "#walletError") && !find(robot, "#balanceLabel", Label.class).getText().equals("—"));
        UiTestSupport.screenshots(scene, "error-rpc-back");

        // The marketplace with discovery down: the search fails with the URL and what to do.
        robot.clickOn("#nav-market");
        // BuyerJourneyIT once found the market page missing right after this click returned: wait for it
        waitFx(60, () -> robot.lookup("#searchButton").tryQuery().isPresent());
        robot.clickOn("#searchButton");
        waitFx(30, () -> visible(robot, "#browseError"));
        assertThat(find(robot, "#browseError", Label.class).getText()).startsWith("The marketplace search failed.")
                .contains(deadUrl).contains("is unreachable").contains("Check the discovery URL in Settings");
        UiTestSupport.screenshots(scene, "error-discovery-down");
    }
}
