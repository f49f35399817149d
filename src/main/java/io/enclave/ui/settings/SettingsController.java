package io.enclave.ui.settings;

import io.enclave.chain.Network;
import io.enclave.crypto.Secrets;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/** Networks and endpoints, auto-lock, theme, data folder, and vault backup export/restore. */
public final class SettingsController {
    private final Session session;
    private final Runnable onSaved;
    private Parent root;
    private Task<?> backupTask;

    @FXML
    private Label settingsProblem;
    @FXML
    private ChoiceBox<String> networkChoice;
    @FXML
    private TextArea rpcUrls;
    @FXML
    private TextField chainId;
    @FXML
    private TextField ipfsApi;
    @FXML
    private TextField pinataApi;
    @FXML
    private TextArea gateways;
    @FXML
    private TextField discoveryUrl;
    @FXML
    private Spinner<Integer> autoLock;
    @FXML
    private javafx.scene.control.CheckBox autoDeliver;
    @FXML
    private ChoiceBox<String> themeChoice;
    @FXML
    private TextField dataFolder;
    @FXML
    private Button saveButton;
    @FXML
    private Button revertButton;
    @FXML
    private Label saveStatus;
    @FXML
    private PasswordField backupPassword;
    @FXML
    private Button exportButton;
    @FXML
    private Button restoreButton;
    @FXML
    private ProgressIndicator backupProgress;
    @FXML
    private Button backupCancel;
    @FXML
    private Label backupStatus;

    public SettingsController(Session session, Runnable onSaved) {
        this.session = session;
        this.onSaved = onSaved;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("settings", "settings", this);
        }
        fill(session.settings());
        return root;
    }

    @FXML
    private void initialize() {
        for (Network n : Network.presets()) {
            networkChoice.getItems().add(n.name());
        }
        themeChoice.getItems().setAll("Light", "Dark");
        autoLock.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 24 * 60, 10));
        dataFolder.setText(session.dataFolder().toString());
        saveButton.setOnAction(e -> save());
        revertButton.setOnAction(e -> {
            fill(session.settings());
            status(saveStatus, "", null);
        });
        exportButton.setOnAction(e -> exportBackup());
        restoreButton.setOnAction(e -> restoreBackup());
        backupCancel.setOnAction(e -> {
            if (backupTask != null) {
                backupTask.cancel();
                backupBusy(false);
                status(backupStatus, "Cancelled.", null);
            }
        });
        if (session.settingsProblem() != null) {
            settingsProblem.setText(session.settingsProblem());
            settingsProblem.setVisible(true);
            settingsProblem.setManaged(true);
        }
        if (Backups.pending(session.dataFolder())) {
            status(backupStatus, "A restored vault is waiting: restart Enclave to use it.", "ok-text");
        }
    }

    private void fill(Settings s) {
        networkChoice.setValue(s.network());
        rpcUrls.setText(String.join("\n", s.rpcUrls()));
        chainId.setText(s.chainId() == 0 ? "" : Long.toString(s.chainId()));
        ipfsApi.setText(s.ipfsApiUrl());
        pinataApi.setText(s.pinataApiUrl());
        gateways.setText(String.join("\n", s.gatewayUrls()));
        discoveryUrl.setText(s.discoveryUrl());
        autoLock.getValueFactory().setValue(s.autoLockMinutes());
        themeChoice.setValue(s.dark() ? "Dark" : "Light");
        autoDeliver.setSelected(s.autoDeliver());
    }

    /** Reads the form into settings; a bad value raises an exception that names the field. */
    Settings read() {
        long id;
        String idText = chainId.getText().trim();
        try {
            id = idText.isEmpty() ? 0 : Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Chain id '" + idText + "' is not a number.", e);
        }
        autoLock.increment(0); // commits a typed value
        Settings cur = session.settings();
        return new Settings(networkChoice.getValue(), lines(rpcUrls.getText()), id, ipfsApi.getText().trim(),
                pinataApi.getText().trim(), lines(gateways.getText()), discoveryUrl.getText().trim(), autoLock.getValue(),
                "Dark".equals(themeChoice.getValue()), cur.onboarded(), autoDeliver.isSelected());
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private void save() {
        Settings s;
        try {
            s = read();
        } catch (IllegalArgumentException e) {
            status(saveStatus, e.getMessage(), "error-text");
            return;
        }
        try {
            boolean themeChanged = s.dark() != session.settings().dark();
            session.updateSettings(s);
            if (themeChanged) {
                io.enclave.ui.shell.ShellController.applyTheme(s.dark());
            }
            fill(s);
            status(saveStatus, "Saved.", "ok-text");
            onSaved.run();
        } catch (RuntimeException e) {
            status(saveStatus, Errors.describe(e), "error-text");
        }
    }

    private char[] backupPasswordOrComplain() {
        if (backupPassword.getText().length() < 8) {
            status(backupStatus, "Type a backup password of at least 8 characters first.", "error-text");
            return null;
        }
        char[] pw = backupPassword.getText().toCharArray();
        backupPassword.clear();
        return pw;
    }

    private void exportBackup() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the encrypted backup");
        chooser.setInitialFileName("enclave-backup.enclbak");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            exportTo(f.toPath());
        }
    }

    /** Exports the vault to {@code file} with the typed password (the file chooser, or tests). */
    public void exportTo(Path file) {
        char[] pw = backupPasswordOrComplain();
        if (pw == null) {
            return;
        }
        backupBusy(true);
        status(backupStatus, "Encrypting the backup…", null);
        backupTask = session.background().run("export backup", p -> {
            Backups.export(session.vault(), pw, file);
            return file;
        }, done -> {
            backupBusy(false);
            status(backupStatus, "Backup written to " + done + ". Keep its password: it cannot be recovered.", "ok-text");
        }, e -> {
            backupBusy(false);
            status(backupStatus, Errors.describe(e), "error-text");
        });
    }

    private void restoreBackup() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose an Enclave backup");
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            restoreFrom(f.toPath());
        }
    }

    /** Restores {@code file} with the typed password; it takes effect at the next start. */
    public void restoreFrom(Path file) {
        char[] pw = backupPasswordOrComplain();
        if (pw == null) {
            return;
        }
        var wallet = session.wallet();
        if (wallet == null) {
            Secrets.wipe(pw);
            status(backupStatus, "Unlock the wallet first: a restored vault is encrypted with its key.", "error-text");
            return;
        }
        backupBusy(true);
        status(backupStatus, "Decrypting and checking the backup…", null);
        backupTask = session.background().run("restore backup", p -> {
            byte[] key = wallet.deriveVaultKey();
            try {
                Backups.restore(session.dataFolder(), file, pw, key);
            } finally {
                Secrets.wipe(key);
            }
            return file;
        }, done -> {
            backupBusy(false);
            status(backupStatus, "Backup checked and restored. Restart Enclave to switch to it; the current vault is "
                    + "kept as vault.mv.db.before-restore.", "ok-text");
        }, e -> {
            backupBusy(false);
            Secrets.wipe(pw);
            status(backupStatus, "Nothing was restored: " + Errors.describe(e), "error-text");
        });
    }

    private void backupBusy(boolean busy) {
        backupProgress.setVisible(busy);
        backupCancel.setVisible(busy);
        exportButton.setDisable(busy);
        restoreButton.setDisable(busy);
    }

    private static void status(Label l, String text, String style) {
        l.setText(text);
        l.getStyleClass().removeAll("error-text", "ok-text");
        if (style != null) {
            l.getStyleClass().add(style);
        }
    }
}
