package io.enclave.ui.studio;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.PredicateOp;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.web3j.utils.Numeric;

/**
 * The credential studio wizard (holder/seller): choose the schema and import the data (what stays on this computer),
 * import an attestation and see the holder's checks (including that it signs the imported value), choose a predicate
 * and see what stays local against what the proof reveals, prove in the JVM with progress and cancel, review the
 * verified package and save it, then publish and list it through the outbox with each step shown.
 */
public final class StudioController {
    private final Session session;
    private final StudioService service;
    private final StudioImport importer;
    private final ImportStep importStep;
    private final PublishStep publishStep;
    private Parent root;
    private int step;
    private Attestation attestation;
    private StudioService.Checks checks;
    private Predicate predicate;
    private RegistryContext context;
    private CredentialPackage pkg;
    private Task<CredentialPackage> proving;

    @FXML
    private Label step0;
    @FXML
    private Label step5;
    @FXML
    private VBox importPane;
    @FXML
    private VBox publishPane;
    @FXML
    private Label selfAttestedNote;
    @FXML
    private Label step1;
    @FXML
    private Label step2;
    @FXML
    private Label step3;
    @FXML
    private Label step4;
    @FXML
    private VBox attestationPane;
    @FXML
    private VBox predicatePane;
    @FXML
    private VBox proofPane;
    @FXML
    private VBox reviewPane;
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
    @FXML
    private ChoiceBox<PredicateTemplate> predicateChoice;
    @FXML
    private TextField constantField;
    @FXML
    private Label constantHelp;
    @FXML
    private Button previewButton;
    @FXML
    private Label predicateStatus;
    @FXML
    private GridPane localGrid;
    @FXML
    private GridPane revealedGrid;
    @FXML
    private Label proofStatement;
    @FXML
    private ProgressBar proofProgress;
    @FXML
    private Button proveButton;
    @FXML
    private Button cancelProofButton;
    @FXML
    private Label proofStatus;
    @FXML
    private GridPane reviewGrid;
    @FXML
    private TextField saveFile;
    @FXML
    private Button saveButton;
    @FXML
    private Label saveStatus;
    @FXML
    private Button backButton;
    @FXML
    private Button nextButton;

    public StudioController(Session session, StudioService service) {
        this.session = session;
        this.service = service;
        this.importer = new StudioImport(service.schemas(), io.enclave.credentials.importer.ImportLimits.DEFAULT);
        this.importStep = new ImportStep(session, importer, this::importChanged);
        this.publishStep = new PublishStep(session);
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("studio", "studio", this);
        }
        refreshAccounts();
        return root;
    }

    @FXML
    private void initialize() {
        importPane.getChildren().add(importStep.view());
        publishPane.getChildren().add(publishStep.view());
        chooseButton.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Attestation file");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Attestations", "*.enclatt", "*"));
            java.io.File f = c.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                attestationFile.setText(f.getPath());
            }
        });
        openButton.setOnAction(e -> openAttestation());
        predicateChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(PredicateTemplate t) {
                return t == null ? "" : t.label();
            }

            @Override
            public PredicateTemplate fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        predicateChoice.valueProperty().addListener((o, a, t) -> describeConstant(t));
        previewButton.setOnAction(e -> preview());
        constantField.textProperty().addListener((o, a, b) -> predicateChanged());
        predicateChoice.valueProperty().addListener((o, a, b) -> predicateChanged());
        proveButton.setOnAction(e -> prove());
        cancelProofButton.setOnAction(e -> {
            if (proving != null) {
                proving.cancel();
            }
        });
        saveButton.setOnAction(e -> save(Path.of(saveFile.getText().strip())));
        backButton.setOnAction(e -> go(step - 1));
        nextButton.setOnAction(e -> go(step + 1));
        go(0);
    }

    private void refreshAccounts() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        String current = accountChoice.getValue();
        List<String> accounts = w.accounts().stream().map(Account::address).toList();
        accountChoice.setItems(FXCollections.observableArrayList(accounts));
        accountChoice.setValue(accounts.contains(current) ? current : accounts.isEmpty() ? null : accounts.get(0));
    }

    /** Shows step {@code n} (0..5); the next step opens only when this one is complete. */
    public void go(int n) {
        step = Math.max(0, Math.min(LAST, n));
        VBox[] panes = {importPane, attestationPane, predicatePane, proofPane, reviewPane, publishPane};
        Label[] labels = {step0, step1, step2, step3, step4, step5};
        for (int i = 0; i <= LAST; i++) {
            panes[i].setVisible(i == step);
            panes[i].setManaged(i == step);
            labels[i].getStyleClass().removeAll("current", "done");
            if (i <= step) {
                labels[i].getStyleClass().add(i == step ? "current" : "done");
            }
        }
        boolean busy = proving != null || publishStep.running();
        backButton.setDisable(step == 0 || busy);
        nextButton.setDisable(!complete(step) || step == LAST || busy);
        if (step == LAST && pkg != null && checks != null) {
            publishStep.prepare(pkg, checks.checked() == null ? null : checks.checked().attestation(),
                    accountChoice.getValue(), checks.issuerAccount(), suggestedTitle(pkg));
        }
    }

    private static final int LAST = 5;

    private boolean complete(int s) {
        return switch (s) {
            case 0 -> importStep.complete();
            case 1 -> checks != null && checks.checked() != null;
            case 2 -> predicate != null;
            case 3 -> pkg != null;
            case 4 -> pkg != null;
            default -> false;
        };
    }

    /** The schema or the imported data changed: what was built on them no longer holds. */
    private void importChanged() {
        if (root == null) {
            return;
        }
        if (attestation != null && checks != null) {
            attestation = null;
            checks = null;
            attestationGrid.getChildren().clear();
            checksGrid.getChildren().clear();
            status(openStatus, "Your data changed: open the attestation again to check it against it.", false);
        }
        resetFrom(1);
        go(step);
    }

    private String suggestedTitle(CredentialPackage made) {
        return schemaTitle(made.schemaId()).replaceAll(" \\(version \\d+\\)", "") + ": " + made.predicate().statement();
    }

    private void openAttestation() {
        UnlockedWallet w = session.wallet();
        String account = accountChoice.getValue();
        String file = attestationFile.getText().strip();
        if (w == null || account == null || file.isEmpty()) {
            status(openStatus, "Choose the attestation file and the account it was issued to.", true);
            return;
        }
        attestation = null;
        checks = null;
        resetFrom(1);
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
            StudioImport.Match match = importer.match(importStep.record(), importStep.schema(), opened.attestation());
            checks = opened.checks().with(new StudioService.Check("Matches your data", match.matches(), match.detail()));
            showAttestation(opened.attestation());
            int row = 0;
            for (StudioService.Check c : checks.lines()) {
                FontIcon icon = new FontIcon(c.passed() ? "fth-check-circle" : "fth-x-circle");
                icon.getStyleClass().add(c.passed() ? "ok-text" : "error-text");
                Label name = new Label(c.name());
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label detail = new Label(c.detail());
                detail.setWrapText(true);
                detail.getStyleClass().add("text-muted");
                checksGrid.addRow(row++, icon, name, detail);
            }
            if (checks.checked() != null) {
                status(openStatus, "All checks passed: an issuer-verified attestation.", false);
                preparePredicates();
            } else {
                status(openStatus, checks.failure(), true);
            }
            go(1);
        }, e -> {
            openButton.setDisable(false);
            status(openStatus, Errors.describe(e), true);
            go(1);
        });
    }

    private record Opened(Attestation attestation, StudioService.Checks checks) {
    }

    private void showAttestation(Attestation a) {
        int row = 0;
        row = detail(attestationGrid, row, "Schema", schemaTitle(a.schemaId()));
        row = detail(attestationGrid, row, "Attribute", a.attribute());
        row = detail(attestationGrid, row, "Subject", String.format("0x%040x", a.subject()));
        row = detail(attestationGrid, row, "Issued", a.issuedAt().toString());
        detail(attestationGrid, row, "Hash", Numeric.toHexString(a.hash()));
    }

    private void preparePredicates() {
        try {
            List<PredicateTemplate> ts = service.predicatesFor(attestation);
            predicateChoice.setItems(FXCollections.observableArrayList(ts));
            predicateChoice.setValue(ts.isEmpty() ? null : ts.get(0));
            if (ts.isEmpty()) {
                status(predicateStatus, "The schema has no predicate over " + attestation.attribute() + ".", true);
            }
        } catch (Exception e) {
            status(predicateStatus, Errors.describe(e), true);
        }
    }

    private void describeConstant(PredicateTemplate t) {
        if (t == null) {
            constantHelp.setText("");
            return;
        }
        constantHelp.setText(t.fromAge() ? "The age in whole years; it holds as of today."
                : t.op() == PredicateOp.IN ? "Several values separated by ';' (up to " + PredicateOp.MAX_SET_SIZE + ")."
                : "One value, written as usual (e.g. 50,000.00 or 2024-01-31).");
    }

    private void predicateChanged() {
        predicate = null;
        localGrid.getChildren().clear();
        revealedGrid.getChildren().clear();
        status(predicateStatus, "", false);
        resetFrom(3);
        go(step);
    }

    private void preview() {
        PredicateTemplate t = predicateChoice.getValue();
        if (attestation == null || t == null) {
            return;
        }
        try {
            Predicate p = service.predicate(attestation, t, constantField.getText());
            context = StudioService.context(session.network(), accountChoice.getValue());
            StudioService.Preview pv = service.preview(attestation, p, context);
            List<StudioService.Check> local = new java.util.ArrayList<>();
            var record = importStep.record();
            if (record != null) {
                for (StudioImport.Value v : StudioImport.values(importStep.schema(), record)) {
                    if (!v.attribute().equals(attestation.attribute())) {
                        local.add(new StudioService.Check(v.attribute(), true, v.value() + " (your data)"));
                    }
                }
            }
            local.addAll(0, pv.staysLocal());
            fill(localGrid, local);
            fill(revealedGrid, pv.revealed());
            if (!service.holds(attestation, p)) {
                status(predicateStatus, "Your attested value does not satisfy \"" + p.statement() + "\": no proof can be "
                        + "made. Choose another constant.", true);
                return;
            }
            predicate = p;
            status(predicateStatus, "Your value satisfies it; the proof reveals only the right-hand side.", false);
            proofStatement.setText("Proving \"" + p.statement() + "\" for " + context.holder() + ".");
        } catch (Exception e) {
            status(predicateStatus, Errors.describe(e), true);
        }
        go(step);
    }

    private void prove() {
        if (checks == null || checks.checked() == null || predicate == null) {
            return;
        }
        pkg = null;
        resetFrom(4);
        proveButton.setDisable(true);
        cancelProofButton.setDisable(false);
        var checked = checks.checked();
        Predicate p = predicate;
        RegistryContext ctx = context;
        proving = session.background().run("Generating a proof", w -> {
            w.update("Computing the witness and the proof…", 0);
            CredentialPackage made = service.prove(checked, p, ctx, f -> w.update("Proving… " + Math.round(f * 100) + " %",
                    f), w::isCancelled);
            w.update("Verifying the proof as a buyer would…", 1);
            service.verify(made, ctx.fieldElement());
            return made;
        }, made -> {
            proofDone();
            pkg = made;
            status(proofStatus, "Proof generated and verified.", false);
            showReview(made);
            go(4);
        }, e -> {
            proofDone();
            status(proofStatus, e instanceof CancellationException ? "Cancelled." : Errors.describe(e), true);
            go(3);
        });
        proofProgress.progressProperty().bind(proving.progressProperty());
        proofStatus.textProperty().bind(proving.messageProperty());
        proving.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            proofDone();
            status(proofStatus, "Cancelled: no package was made.", true);
            go(3);
        });
        go(3);
    }

    private void proofDone() {
        proofProgress.progressProperty().unbind();
        proofStatus.textProperty().unbind();
        proveButton.setDisable(false);
        cancelProofButton.setDisable(true);
        proving = null;
    }

    private void showReview(CredentialPackage made) {
        reviewGrid.getChildren().clear();
        int row = 0;
        row = detail(reviewGrid, row, "Statement", made.predicate().statement());
        row = detail(reviewGrid, row, "Schema", schemaTitle(made.schemaId()));
        row = detail(reviewGrid, row, "Circuit", made.circuitId());
        row = detail(reviewGrid, row, "Issuer", made.issuer().display());
        row = detail(reviewGrid, row, "Bound to", context.holder() + " on chain " + context.chainId());
        row = detail(reviewGrid, row, "Credential hash", Numeric.toHexString(made.credentialHash()));
        detail(reviewGrid, row, "Attribute value", "not in the package");
        String name = "credential-" + Numeric.toHexString(made.credentialHash()).substring(2, 10) + ".json";
        saveFile.setText(session.dataFolder().resolve("credentials").resolve(name).toString());
    }

    /** Saves the reviewed package to {@code file} (public for tests). */
    public void save(Path file) {
        if (pkg == null) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            service.save(pkg, file);
            status(saveStatus, "Saved " + file + ". It holds the proof and public signals only.", false);
        } catch (Exception e) {
            status(saveStatus, Errors.describe(e), true);
        }
    }

    private void resetFrom(int s) {
        if (s <= 2) {
            predicate = null;
            predicateChoice.getItems().clear();
            localGrid.getChildren().clear();
            revealedGrid.getChildren().clear();
        }
        if (s <= 4) {
            pkg = null;
            reviewGrid.getChildren().clear();
            status(saveStatus, "", false);
            if (proving == null) {
                proofProgress.setProgress(0);
                status(proofStatus, "", false);
            }
        }
    }

    private void fill(GridPane grid, List<StudioService.Check> items) {
        grid.getChildren().clear();
        int row = 0;
        for (StudioService.Check c : items) {
            row = detail(grid, row, c.name(), c.detail());
        }
    }

    private static int detail(GridPane grid, int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("text-muted");
        k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    private String schemaTitle(String id) {
        try {
            CredentialSchema s = service.schemas().get(id);
            return s.title() + " (version " + s.version() + ")";
        } catch (Exception e) {
            return id;
        }
    }

    private static void status(Label label, String text, boolean error) {
        if (label.textProperty().isBound()) {
            return;
        }
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            label.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }

    /** The publish step (tests). */
    public Object listedId() {
        return publishStep.listed() == null ? null : publishStep.listed().id();
    }

    /** The package made by the last proof, or null (tests). */
    public CredentialPackage madePackage() {
        return pkg;
    }
}
