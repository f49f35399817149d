package io.enclave.ui.onboarding;

import io.enclave.chain.Network;
import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import java.io.File;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * First launch (create or import a wallet, pick the network) and the lock screen. The recovery phrase of a new
 * wallet is shown once and kept as a {@code char[]} until the wallet file is written; three random words must be
 * typed back before the password step.
 */
public final class OnboardingController {
    private static final int CONFIRM_WORDS = 3;

    private final Session session;
    private final Consumer<UnlockedWallet> onUnlocked;
    private final Argon2id.Params kdf;
    private final SecureRandom random = new SecureRandom();
    private Parent root;
    private Mnemonic mnemonic;
    private int[] asked = new int[CONFIRM_WORDS];
    private boolean importing;

    @FXML
    private VBox welcomePage;
    @FXML
    private VBox phrasePage;
    @FXML
    private VBox confirmPage;
    @FXML
    private VBox importPage;
    @FXML
    private VBox passwordPage;
    @FXML
    private VBox unlockPage;
    private StackPane pageHost;
    @FXML
    private ChoiceBox<String> networkChoice;
    @FXML
    private Label networkHint;
    @FXML
    private Button createButton;
    @FXML
    private Button importButton;
    @FXML
    private GridPane phraseGrid;
    @FXML
    private Button phraseBackButton;
    @FXML
    private Button phraseDoneButton;
    @FXML
    private Label confirmLabel1;
    @FXML
    private Label confirmLabel2;
    @FXML
    private Label confirmLabel3;
    @FXML
    private TextField confirm1;
    @FXML
    private TextField confirm2;
    @FXML
    private TextField confirm3;
    @FXML
    private Label confirmError;
    @FXML
    private Button confirmBackButton;
    @FXML
    private Button confirmButton;
    @FXML
    private TabPane importTabs;
    @FXML
    private TextArea importPhrase;
    @FXML
    private PasswordField importKey;
    @FXML
    private Button keystoreChoose;
    @FXML
    private Label keystorePath;
    @FXML
    private PasswordField keystorePassword;
    @FXML
    private Label importError;
    @FXML
    private Button importBackButton;
    @FXML
    private Button importNextButton;
    @FXML
    private PasswordField password;
    @FXML
    private ProgressBar strengthBar;
    @FXML
    private Label strengthLabel;
    @FXML
    private PasswordField passwordRepeat;
    @FXML
    private Label passwordError;
    @FXML
    private Button passwordBackButton;
    @FXML
    private Button finishButton;
    @FXML
    private ProgressIndicator finishProgress;
    @FXML
    private Label unlockText;
    @FXML
    private PasswordField unlockPassword;
    @FXML
    private Label unlockError;
    @FXML
    private Button unlockButton;
    @FXML
    private ProgressIndicator unlockProgress;

    private Path keystoreFile;

    public OnboardingController(Session session, Argon2id.Params kdf, Consumer<UnlockedWallet> onUnlocked) {
        this.session = session;
        this.kdf = kdf;
        this.onUnlocked = onUnlocked;
    }

    /** Loads the view. */
    public Parent view() {
        if (root == null) {
            root = Views.load("onboarding", "onboarding", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        for (Network n : Network.presets()) {
            networkChoice.getItems().add(n.name());
        }
        networkChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : switch (name) {
                    case "mainnet" -> "Moca Chain mainnet";
                    case "testnet" -> "Moca Chain testnet";
                    default -> "Local devnet (on this computer)";
                };
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        networkChoice.setValue(session.settings().network());
        networkChoice.valueProperty().addListener((o, a, b) -> networkHint.setText(hint(b)));
        networkHint.setText(hint(networkChoice.getValue()));
        createButton.setOnAction(e -> startCreate());
        importButton.setOnAction(e -> {
            importing = true;
            importError.setText("");
            show(importPage);
        });
        phraseBackButton.setOnAction(e -> {
            forgetMnemonic();
            show(welcomePage);
        });
        phraseDoneButton.setOnAction(e -> askWords());
        confirmBackButton.setOnAction(e -> show(phrasePage));
        confirmButton.setOnAction(e -> checkWords());
        importBackButton.setOnAction(e -> show(welcomePage));
        importNextButton.setOnAction(e -> checkImport());
        keystoreChoose.setOnAction(e -> chooseKeystore());
        passwordBackButton.setOnAction(e -> show(importing ? importPage : confirmPage));
        password.textProperty().addListener((o, a, b) -> showStrength());
        finishButton.setOnAction(e -> finish());
        unlockButton.setOnAction(e -> unlock());
        showStrength();
        showStart();
    }

    private static String hint(String network) {
        return switch (network == null ? "" : network) {
            case "mainnet" -> "Moca Chain mainnet (chain 2288): real MOCA. Its public RPC needs an API key; add it in "
                    + "Settings.";
            case "testnet" -> "Moca Chain testnet (chain 222888): test MOCA from a faucet, no real value.";
            default -> "A private chain on this computer, started by Enclave. Nothing here is real money.";
        };
    }

    /** The welcome page, or the lock screen when a wallet exists. */
    public void showStart() {
        if (unlockPassword == null) {
            view();
            return; // initialize() shows the start page
        }
        forgetMnemonic();
        unlockPassword.clear();
        unlockError.setText("");
        if (session.walletExists()) {
            unlockText.setText("Your keys stay encrypted on this computer until you unlock them with your password.");
            show(unlockPage);
            unlockPassword.requestFocus();
        } else {
            show(welcomePage);
        }
    }

    private void show(Node page) {
        if (pageHost == null) {
            pageHost = (StackPane) welcomePage.getParent();
        }
        for (Node n : List.of(welcomePage, phrasePage, confirmPage, importPage, passwordPage, unlockPage)) {
            n.setVisible(n == page);
        }
        // Only the current page stays in the scene: hidden pages would still cost CSS and skins (cold start).
        pageHost.getChildren().setAll(page);
    }

    private void rememberNetwork() {
        String chosen = networkChoice.getValue();
        if (!chosen.equals(session.settings().network())) {
            session.updateSettings(session.settings().withNetwork(chosen, List.of(), 0));
        }
    }

    private void startCreate() {
        importing = false;
        forgetMnemonic();
        mnemonic = Mnemonic.generate(12);
        phraseGrid.getChildren().clear();
        char[] phrase = mnemonic.phrase();
        try {
            List<String> words = words(phrase);
            for (int i = 0; i < words.size(); i++) {
                Label number = new Label((i + 1) + ".");
                number.getStyleClass().add("phrase-number");
                number.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                number.setPrefWidth(24);
                number.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
                Label word = new Label(words.get(i));
                word.setId("word" + (i + 1));
                word.getStyleClass().add("phrase-word");
                HBox cell = new HBox(6, number, word);
                cell.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                phraseGrid.add(cell, i / 4, i % 4);
            }
        } finally {
            Secrets.wipe(phrase);
        }
        show(phrasePage);
    }

    private static List<String> words(char[] phrase) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= phrase.length; i++) {
            if (i == phrase.length || phrase[i] == ' ') {
                if (i > start) {
                    out.add(new String(phrase, start, i - start));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private void askWords() {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < mnemonic.wordCount(); i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, random);
        asked = positions.subList(0, CONFIRM_WORDS).stream().sorted().mapToInt(Integer::intValue).toArray();
        Label[] labels = {confirmLabel1, confirmLabel2, confirmLabel3};
        TextField[] fields = {confirm1, confirm2, confirm3};
        for (int i = 0; i < CONFIRM_WORDS; i++) {
            labels[i].setText("Word " + (asked[i] + 1));
            fields[i].clear();
        }
        confirmError.setText("");
        show(confirmPage);
        confirm1.requestFocus();
    }

    private void checkWords() {
        TextField[] fields = {confirm1, confirm2, confirm3};
        char[] phrase = mnemonic.phrase();
        try {
            List<String> words = words(phrase);
            for (int i = 0; i < CONFIRM_WORDS; i++) {
                String typed = fields[i].getText().trim().toLowerCase(Locale.ROOT);
                if (!typed.equals(words.get(asked[i]))) {
                    confirmError.setText("Word " + (asked[i] + 1) + " does not match. Check your paper, or go back to "
                            + "see the words again.");
                    fields[i].requestFocus();
                    return;
                }
            }
        } finally {
            Secrets.wipe(phrase);
        }
        for (TextField f : fields) {
            f.clear();
        }
        // The words are no longer needed on screen.
        phraseGrid.getChildren().clear();
        finishButton.setText("Create wallet");
        show(passwordPage);
        password.requestFocus();
    }

    private void chooseKeystore() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a keystore file");
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            setKeystoreFile(f.toPath());
        }
    }

    /** Sets the keystore to import (the file chooser, or tests). */
    public void setKeystoreFile(Path file) {
        keystoreFile = file;
        keystorePath.setText(file.getFileName().toString());
    }

    private void checkImport() {
        int tab = importTabs.getSelectionModel().getSelectedIndex();
        String problem = switch (tab) {
            case 0 -> importPhrase.getText().isBlank() ? "Type or paste your recovery phrase." : null;
            case 1 -> importKey.getText().isBlank() ? "Paste the private key." : null;
            default -> keystoreFile == null ? "Choose the keystore file." : null;
        };
        if (problem != null) {
            importError.setText(problem);
            return;
        }
        importError.setText("");
        finishButton.setText("Import wallet");
        show(passwordPage);
        password.requestFocus();
    }

    private void showStrength() {
        char[] pw = password.getText().toCharArray();
        PasswordStrength.Result r = PasswordStrength.of(pw);
        Secrets.wipe(pw);
        strengthBar.setProgress(password.getText().isEmpty() ? 0 : Math.max(0.08, r.score() / 4.0));
        strengthBar.getStyleClass().removeIf(c -> c.startsWith("strength-"));
        strengthBar.getStyleClass().add("strength-" + r.score());
        strengthLabel.setText(password.getText().isEmpty() ? "At least 8 characters; a few words are easy to type and "
                + "hard to guess." : r.label() + ". " + r.advice());
    }

    private void finish() {
        char[] pw = password.getText().toCharArray();
        PasswordStrength.Result r = PasswordStrength.of(pw);
        if (!r.acceptable()) {
            Secrets.wipe(pw);
            passwordError.setText("Choose a stronger password: " + r.advice());
            return;
        }
        if (!password.getText().equals(passwordRepeat.getText())) {
            Secrets.wipe(pw);
            passwordError.setText("The two passwords differ. Type the same password twice.");
            return;
        }
        passwordError.setText("");
        rememberNetwork();
        WalletSetup setup = new WalletSetup(session.walletFile(), kdf);
        io.enclave.ui.concurrent.Work<UnlockedWallet> work;
        if (!importing) {
            Mnemonic m = mnemonic;
            mnemonic = null;
            work = p -> {
                p.update("Encrypting the wallet…", -1);
                return setup.fromMnemonic(m, pw);
            };
        } else {
            int tab = importTabs.getSelectionModel().getSelectedIndex();
            if (tab == 0) {
                char[] phrase = importPhrase.getText().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                        .toCharArray();
                work = p -> setup.importPhrase(phrase, pw);
            } else if (tab == 1) {
                char[] key = importKey.getText().toCharArray();
                work = p -> setup.importPrivateKey(key, pw);
            } else {
                char[] ksPw = keystorePassword.getText().toCharArray();
                Path file = keystoreFile;
                work = p -> setup.importKeystore(file, ksPw, pw);
            }
        }
        busy(true);
        session.background().run("create wallet", work, w -> {
            busy(false);
            clearSecrets();
            session.updateSettings(session.settings().withOnboarded(true));
            onUnlocked.accept(w);
        }, error -> {
            busy(false);
            passwordError.setText(Errors.describe(error));
        });
    }

    private void busy(boolean b) {
        finishProgress.setVisible(b);
        finishButton.setDisable(b);
        passwordBackButton.setDisable(b);
    }

    private void unlock() {
        if (unlockPassword.getText().isEmpty()) {
            unlockError.setText("Type your wallet password.");
            return;
        }
        char[] pw = unlockPassword.getText().toCharArray();
        unlockPassword.clear();
        unlockError.setText("");
        unlockProgress.setVisible(true);
        unlockButton.setDisable(true);
        WalletSetup setup = new WalletSetup(session.walletFile(), kdf);
        session.background().run("unlock wallet", p -> setup.unlock(pw), w -> {
            unlockProgress.setVisible(false);
            unlockButton.setDisable(false);
            onUnlocked.accept(w);
        }, error -> {
            unlockProgress.setVisible(false);
            unlockButton.setDisable(false);
            unlockError.setText(Errors.describe(error));
            unlockPassword.requestFocus();
        });
    }

    private void clearSecrets() {
        password.clear();
        passwordRepeat.clear();
        importPhrase.clear();
        importKey.clear();
        keystorePassword.clear();
        keystoreFile = null;
        keystorePath.setText("No file chosen");
    }

    private void forgetMnemonic() {
        if (mnemonic != null) {
            mnemonic.close();
            mnemonic = null;
        }
        if (phraseGrid != null) {
            phraseGrid.getChildren().clear();
        }
    }
}
