package io.enclave.ui.studio;

import static io.enclave.ui.studio.StudioLabels.detail;
import static io.enclave.ui.studio.StudioLabels.status;

import io.enclave.credentials.attest.Attestation;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.web3j.utils.Numeric;

/**
 * The wizard's second step: the attestation file the issuer sent, decrypted with the chosen account's key and checked
 * off the FX thread (signature, issuer on chain, expiry, revocation, and that it signs the value of the imported data).
 */
final class AttestationStep {
    /** What the wizard does around this step. */
    interface Listener {
        /** A new opening started: what was built on the previous attestation no longer holds. */
        void cleared();

        /** The opening finished, passed or not ({@link #complete()} says which). */
        void opened();
    }

    private final Session session;
    private final StudioService service;
    private final StudioImport importer;
    private final ImportStep data;
    private final Listener listener;
    private Parent root;
    private Attestation attestation;
    private StudioService.Checks checks;

    @FXML
    private TextField attestationFile;
    @FXML
    private Button chooseButton;
    @FXML
    private ChoiceBox<String> accountChoice;
    @FXML
    private Button openButton;
    @FXML
    private Label openStatus;
    @FXML
    private GridPane attestationGrid;
    @FXML
    private GridPane checksGrid;

    AttestationStep(Session session, StudioService service, StudioImport importer, ImportStep data, Listener listener) {
        this.session = session;
        this.service = service;
        this.importer = importer;
        this.data = data;
        this.listener = listener;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "attestation-step", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        chooseButton.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Attestation file");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Attestations", "*.enclatt", "*"));
            java.io.File f = c.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                attestationFile.setText(f.getPath());
            }
        });
        openButton.setOnAction(e -> open());
    }

    /** Lists the unlocked wallet's accounts, keeping the chosen one when it is still there. */
    void refreshAccounts() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        Views.setItemsKeepingChoice(accountChoice, w.accounts().stream().map(Account::address).toList());
    }

    /** The account the attestation was issued to (the holder). */
    String account() {
        return accountChoice.getValue();
    }

    /** The opened attestation, or null. */
    Attestation attestation() {
        return attestation;
    }

    /** The holder's checks of the opened attestation, or null. */
    StudioService.Checks checks() {
        return checks;
    }

    /** Whether every check passed. */
    boolean complete() {
        return checks != null && checks.checked() != null;
    }

    /** The imported data changed: an opened attestation must be checked against it again. */
    void dataChanged() {
        if (attestation != null && checks != null) {
            attestation = null;
            checks = null;
            attestationGrid.getChildren().clear();
            checksGrid.getChildren().clear();
            status(openStatus, "Your data changed: open the attestation again to check it against it.", false);
        }
    }

    private void open() {
        UnlockedWallet w = session.wallet();
        String account = accountChoice.getValue();
        String file = attestationFile.getText().strip();
        if (w == null || account == null || file.isEmpty()) {
            status(openStatus, "Choose the attestation file and the account it was issued to.", true);
            return;
        }
        attestation = null;
        checks = null;
        listener.cleared();
        attestationGrid.getChildren().clear();
        checksGrid.getChildren().clear();
        status(openStatus, "Opening…", false);
        openButton.setDisable(true);
        var network = session.network();
        session.background().run("Checking the attestation", p -> {
            p.update("Decrypting with your account key…", -1);
            Attestation a = service.open(Path.of(file), w, account);
            p.update("Checking signature, issuer, expiry and revocation…", -1);
            return new Opened(a, service.check(a, network));
        }, opened -> {
            openButton.setDisable(false);
            attestation = opened.attestation();
            StudioImport.Match match = importer.match(data.record(), data.schema(), opened.attestation());
            checks = opened.checks().with(new StudioService.Check("Matches your data", match.matches(), match.detail()));
            show(opened.attestation());
            if (checks.checked() != null) {
                status(openStatus, "All checks passed: an issuer-verified attestation.", false);
            } else {
                status(openStatus, checks.failure(), true);
            }
            listener.opened();
        }, e -> {
            openButton.setDisable(false);
            status(openStatus, Errors.describe(e), true);
            listener.opened();
        });
    }

    private record Opened(Attestation attestation, StudioService.Checks checks) {
    }

    private void show(Attestation a) {
        int row = 0;
        row = detail(attestationGrid, row, "Schema", StudioWords.schemaTitle(service.schemas(), a.schemaId()));
        row = detail(attestationGrid, row, "Attribute", a.attribute());
        row = detail(attestationGrid, row, "Subject", String.format("0x%040x", a.subject()));
        row = detail(attestationGrid, row, "Issued", a.issuedAt().toString());
        detail(attestationGrid, row, "Hash", Numeric.toHexString(a.hash()));
        row = 0;
        for (StudioService.Check c : checks.lines()) {
            FontIcon icon = new FontIcon(c.passed() ? "fth-check-circle" : "fth-x-circle");
            icon.getStyleClass().add(c.passed() ? "ok-text" : "error-text");
            Label name = new Label(c.name());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label detail = new Label(c.detail());
            detail.setWrapText(true);
            detail.getStyleClass().add("text-muted");
            checksGrid.addRow(row++, icon, name, detail);
        }
    }
}
