package io.enclave.ui;

import io.enclave.chain.Actors;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.crypto.Argon2id;
import io.enclave.devnet.DevnetInfo;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.app.Session;
import io.enclave.ui.onboarding.WalletSetup;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import io.enclave.ui.shell.ShellController;
import io.enclave.wallet.UnlockedWallet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Small helpers for the headless screen tests, and the set-up the screen ITs share: a data folder whose settings
 * point at the test's anvil, the main scene shown on the test's stage, a wallet imported from one of anvil's keys and
 * unlocked, the contract suite deployed and the devnet announced to the session.
 */
public final class UiTestSupport {
    /** Cheap key derivation for tests: the wallet format is the same, only the cost differs. */
    public static final Argon2id.Params TEST_KDF = new Argon2id.Params(8 * 1024, 1, 1);
    /** The password of the wallets {@link #unlock} imports. */
    public static final String WALLET_PASSWORD = "a long wallet password";

    private UiTestSupport() {
    }

    /** The main scene over {@code folder} without starting the local devnet. */
    public static Scene scene(Path folder) {
        System.setProperty("enclave.devnet", "off");
        try {
            return StudioApp.createScene(folder, TEST_KDF);
        } finally {
            System.clearProperty("enclave.devnet");
        }
    }

    /** A scene over {@code root} with the stylesheet every screen shares (the main scene has it from StudioApp). */
    public static Scene scene(Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(StudioApp.class.getResource("common.css").toExternalForm());
        return scene;
    }

    /** A new data folder ({@code prefix} names it) whose settings choose the devnet network at {@code rpcUrl}. */
    public static Path devnetHome(String prefix, String rpcUrl) throws Exception {
        Path home = TempDirs.create(prefix);
        new SettingsStore(home).save(Settings.DEFAULTS.withNetwork("devnet", List.of(rpcUrl), AnvilExtension.CHAIN_ID));
        return home;
    }

    /** The main scene over {@code home}, shown on {@code stage} (a TestFX {@code @Start}). */
    public static Scene show(Stage stage, Path home) {
        Scene scene = scene(home);
        stage.setScene(scene);
        stage.show();
        return scene;
    }

    /** Closes what the scene's shell opened (an {@code @AfterEach}). */
    public static void shutdown(Scene scene) throws Exception {
        fx(() -> shell(scene).shutdown());
    }

    /**
     * Imports anvil's key number {@code key} as the session's wallet (password {@link #WALLET_PASSWORD}) and unlocks
     * the session with it, on the FX thread (directly when called there).
     */
    public static UnlockedWallet unlock(Session session, int key) throws Exception {
        UnlockedWallet wallet = new WalletSetup(session.walletFile(), TEST_KDF)
                .importPrivateKey(Anvil.KEYS.get(key).toCharArray(), WALLET_PASSWORD.toCharArray());
        if (Platform.isFxApplicationThread()) {
            session.unlocked(wallet);
        } else {
            fx(() -> session.unlocked(wallet));
        }
        return wallet;
    }

    /** The contract suite deployed by anvil's account 0 (account 1 the guardian) with {@code issuers} registered. */
    public static Deployment deploySuite(Anvil anvil, Path deploymentFile, List<DeployConfig.Issuer> issuers)
            throws Exception {
        return new SuiteDeployer(Actors.manager(anvil, anvil.account(0)), DeploymentFile.open(deploymentFile), m -> { })
                .deploy(DeployConfig.devnet(anvil.account(1).getAddress()).withIssuers(issuers));
    }

    /** The suite's contracts by the names the devnet announces them under. */
    public static Map<String, String> contracts(Deployment d) {
        return Map.of("CredentialRegistry", d.registry(), "Marketplace", d.marketplace(), "TrustStaking", d.staking(),
                "EnclaveGovernor", d.governor(), "EnclaveTimelock", d.timelock());
    }

    /** Announces a devnet on anvil to the session: its IPFS API at {@code ipfsApiUrl}, no gateway, no discovery. */
    public static DevnetInfo devnet(Session session, Anvil anvil, String ipfsApiUrl, Map<String, String> contracts)
            throws Exception {
        DevnetInfo info = new DevnetInfo(0, anvil.chainId(), anvil.rpcUrl(), ipfsApiUrl, "", "", contracts, "");
        fx(() -> session.devnetProperty().set(info));
        return info;
    }

    public static ShellController shell(Scene scene) {
        return (ShellController) scene.getUserData();
    }

    /** Waits (polling on the FX thread) until {@code condition} holds. */
    public static void waitFx(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    public static boolean visible(FxRobot robot, String query) {
        Node n = robot.lookup(query).tryQuery().orElse(null);
        if (n == null || n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens a page through its navigation button as a user does (a click), and waits until the shell shows it. On a
     * loaded machine a robot click can be lost before it reaches the window (seen once in CI: the market page never
     * opened and the next lookup failed); the click is then repeated once, saying so, and a second miss fails with
     * what the shell showed instead.
     */
    public static void navigate(FxRobot robot, String page) throws Exception {
        String query = "#nav-" + page;
        for (int click = 1; ; click++) {
            robot.clickOn(query);
            try {
                waitFx(15, () -> find(robot, query, ToggleButton.class).isSelected());
                return;
            } catch (TimeoutException e) {
                ToggleButton b = find(robot, query, ToggleButton.class);
                String state = "disabled=" + b.isDisabled() + ", visible=" + b.isVisible() + ", selected=" + b.isSelected();
                if (click == 2) {
                    throw new AssertionError("the " + page + " page did not open after two clicks on " + query + " ("
                            + state + ")", e);
                }
                System.err.println("navigate: the click on " + query + " did not open the page (" + state
                        + "); clicking again");
            }
        }
    }

    /** Runs on the FX thread and waits. */
    public static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves light and dark PNGs of the scene (the theme is switched and switched back). */
    public static void screenshots(Scene scene, String name) throws Exception {
        fx(() -> ShellController.applyTheme(false));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + "-light")).get();
        fx(() -> ShellController.applyTheme(true));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name + "-dark")).get();
        fx(() -> ShellController.applyTheme(false));
    }
}
