package io.enclave.ui.settings;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import io.enclave.vault.Activity;
import io.enclave.vault.Vault;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Settings: validation, persistence, and the encrypted vault backup round trip (wrong password first). */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    private Path home;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        home = TempDirs.create("enclave-ui-settings-");
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void validatesSavesAndBacksUp(FxRobot robot) throws Exception {
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.navigate(robot, "settings");

        // A bad URL is refused with the field named; nothing is written.
        fx(() -> find(robot, "#rpcUrls", TextArea.class).setText("localhost:8545"));
        robot.clickOn("#saveSettings");
        assertThat(find(robot, "#saveStatus", Label.class).getText()).contains("RPC URL must start with http://");
        assertThat(home.resolve("settings.json")).doesNotExist();
        fx(() -> find(robot, "#chainId", TextField.class).setText("31337x"));
        fx(() -> find(robot, "#rpcUrls", TextArea.class).setText("http://127.0.0.1:8545\n\n https://rpc.example.org "));
        robot.clickOn("#saveSettings");
        assertThat(find(robot, "#saveStatus", Label.class).getText()).contains("Chain id '31337x' is not a number");

        fx(() -> {
            find(robot, "#chainId", TextField.class).setText("31337");
            find(robot, "#discoveryUrl", TextField.class).setText("https://discovery.example.org");
            @SuppressWarnings("unchecked")
            Spinner<Integer> lock = robot.lookup("#autoLock").queryAs(Spinner.class);
            lock.getEditor().setText("25");
        });
        robot.clickOn("#saveSettings");
        assertThat(find(robot, "#saveStatus", Label.class).getText()).startsWith("Saved");
        Settings saved = new SettingsStore(home).load();
        assertThat(saved.rpcUrls()).containsExactly("http://127.0.0.1:8545", "https://rpc.example.org");
        assertThat(saved.chainId()).isEqualTo(31337);
        assertThat(saved.autoLockMinutes()).isEqualTo(25);
        assertThat(saved.discoveryUrl()).isEqualTo("https://discovery.example.org");
        assertThat(session.network().rpcUrls()).containsExactly("http://127.0.0.1:8545", "https://rpc.example.org");
        UiTestSupport.screenshots(scene, "settings");

        // Backup and restore need the unlocked wallet: the vault is encrypted with its key.
        var wallet = UiTestSupport.unlock(session, 0);
        fx(() -> UiTestSupport.shell(scene).show("settings")); // unlocking opens the wallet page
        byte[] vaultKey = wallet.deriveVaultKey();
        UiTestSupport.navigate(robot, "settings");

        // Backup: a short password is refused; the export is encrypted (no plaintext hash in the file).
        String hash = "0x" + "ab".repeat(32);
        session.vault().activity().insert(new Activity(hash, 31337, "0x" + "11".repeat(20), "0x" + "22".repeat(20), 0,
                BigInteger.ONE, "0x", BigInteger.valueOf(21000), BigInteger.TEN, BigInteger.ONE, Activity.Kind.SEND,
                Activity.Status.CONFIRMED, null, "transfer to a friend", "0x00", 1L, BigInteger.valueOf(21000), null,
                Instant.now(), Instant.now()));
        Path backup = home.resolve("backup.enclbak");
        SettingsController controller = UiTestSupport.shell(scene).settingsScreen();
        fx(() -> find(robot, "#backupPassword", TextField.class).setText("short"));
        fx(() -> controller.exportTo(backup));
        assertThat(find(robot, "#backupStatus", Label.class).getText()).contains("at least 8 characters");
        fx(() -> find(robot, "#backupPassword", TextField.class).setText("backup password 1"));
        fx(() -> controller.exportTo(backup));
        waitFx(60, () -> find(robot, "#backupStatus", Label.class).getText().startsWith("Backup written"));
        assertThat(new String(Files.readAllBytes(backup), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("transfer to a friend").doesNotContain("ab".repeat(32));

        // Restore: the wrong password restores nothing; the right one waits for the next start.
        fx(() -> find(robot, "#backupPassword", TextField.class).setText("wrong password 2"));
        fx(() -> controller.restoreFrom(backup));
        waitFx(60, () -> find(robot, "#backupStatus", Label.class).getText().startsWith("Nothing was restored"));
        assertThat(Backups.pending(home)).isFalse();
        fx(() -> find(robot, "#backupPassword", TextField.class).setText("backup password 1"));
        fx(() -> controller.restoreFrom(backup));
        waitFx(60, () -> find(robot, "#backupStatus", Label.class).getText().startsWith("Backup checked and restored"));
        assertThat(Backups.pending(home)).isTrue();
        assertThat(find(robot, "#backupPassword", TextField.class).getText()).isEmpty();

        // At the next start the restored vault replaces the live one (after the live one is closed).
        Path other = TempDirs.create("enclave-ui-restore-");
        Files.move(home.resolve("restore"), other.resolve("restore"));
        Backups.applyPending(other);
        assertThat(Backups.pending(other)).isFalse();
        List<Activity> restored = Vault.open(other, vaultKey).activity().recent(31337, null, 10);
        assertThat(restored).extracting(Activity::hash).containsExactly(hash);
    }
}
