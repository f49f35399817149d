package io.enclave.ui.studio;

import static io.enclave.ui.studio.StudioLabels.detail;
import static io.enclave.ui.studio.StudioLabels.status;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.web3j.utils.Numeric;

/**
 * The wizard's fifth step: the verified package as a buyer will see it (statement, schema, circuit, issuer, binding,
 * hash — never the attribute's value), and an optional save to a file.
 */
final class ReviewStep {
    private final Session session;
    private final StudioService service;
    private Parent root;
    private CredentialPackage pkg;

    @FXML
    private GridPane reviewGrid;
    @FXML
    private TextField saveFile;
    @FXML
    private Button saveButton;
    @FXML
    private Label saveStatus;

    ReviewStep(Session session, StudioService service) {
        this.session = session;
        this.service = service;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "review-step", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        saveButton.setOnAction(e -> save(Path.of(saveFile.getText().strip())));
    }

    /** Shows a freshly made package, and suggests a file for it in the data folder. */
    void show(CredentialPackage made, RegistryContext context) {
        pkg = made;
        reviewGrid.getChildren().clear();
        int row = 0;
        row = detail(reviewGrid, row, "Statement", made.predicate().statement());
        row = detail(reviewGrid, row, "Schema", StudioWords.schemaTitle(service.schemas(), made.schemaId()));
        row = detail(reviewGrid, row, "Circuit", made.circuitId());
        row = detail(reviewGrid, row, "Issuer", made.issuer().display());
        row = detail(reviewGrid, row, "Bound to", context.holder() + " on chain " + context.chainId());
        row = detail(reviewGrid, row, "Credential hash", Numeric.toHexString(made.credentialHash()));
        detail(reviewGrid, row, "Attribute value", "not in the package");
        String name = StudioWords.packageFileName(Numeric.toHexString(made.credentialHash()));
        saveFile.setText(session.dataFolder().resolve("credentials").resolve(name).toString());
    }

    /** Forgets the package (an earlier step changed). */
    void clear() {
        pkg = null;
        reviewGrid.getChildren().clear();
        status(saveStatus, "", false);
    }

    /** Saves the reviewed package to {@code file}. */
    void save(Path file) {
        if (pkg == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            service.save(pkg, file);
            status(saveStatus, "Saved " + file + ". It holds the proof and public signals only.", false);
        } catch (Exception e) {
            status(saveStatus, Errors.describe(e), true);
        }
    }
}
