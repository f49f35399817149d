package io.enclave.ui.studio;

import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The credential studio wizard (holder/seller), one step per class: the schema and the data ({@link ImportStep}), the
 * attestation and its checks ({@link AttestationStep}), the predicate and its preview ({@link PredicateStep}), the proof
 * ({@link ProofStep}), the review ({@link ReviewStep}), and the publication and listing ({@link PublishStep}). This
 * controller only navigates: it shows one step, opens the next when the current one is complete ({@link WizardNav}),
 * and tells later steps when an earlier one changed.
 */
public final class StudioController {
    private final Session session;
    private final StudioService service;
    private final ImportStep importStep;
    private final AttestationStep attestationStep;
    private final PredicateStep predicateStep;
    private final ProofStep proofStep;
    private boolean shown;
    private final ReviewStep reviewStep;
    private final PublishStep publishStep;
    private Parent root;
    private int step;

    @FXML
    private Label step0;
    @FXML
    private Label step1;
    @FXML
    private Label step2;
    @FXML
    private Label step3;
    @FXML
    private Label step4;
    @FXML
    private Label step5;
    @FXML
    private VBox importPane;
    @FXML
    private VBox attestationPane;
    @FXML
    private VBox predicatePane;
    @FXML
    private VBox proofPane;
    @FXML
    private VBox reviewPane;
    @FXML
    private VBox publishPane;
    @FXML
    private Button backButton;
    @FXML
    private Button nextButton;

    public StudioController(Session session, StudioService service) {
        this.session = session;
        this.service = service;
        StudioImport importer = new StudioImport(service.schemas(), ImportLimits.DEFAULT);
        this.importStep = new ImportStep(session, importer, this::importChanged);
        this.attestationStep = new AttestationStep(session, service, importer, importStep, new AttestationStep.Listener() {
            @Override
            public void cleared() {
                resetFrom(WizardNav.PREDICATE);
            }

            @Override
            public void opened() {
                if (attestationStep.complete()) {
                    predicateStep.offer(attestationStep.attestation());
                }
                go(WizardNav.ATTESTATION);
            }
        });
        this.predicateStep = new PredicateStep(session, service, importStep, attestationStep::attestation,
                attestationStep::account, new PredicateStep.Listener() {
                    @Override
                    public void changed() {
                        resetFrom(WizardNav.PROOF);
                        go(step);
                    }

                    @Override
                    public void previewed() {
                        if (predicateStep.complete()) {
                            proofStep.describe(predicateStep.predicate(), predicateStep.context());
                        }
                        go(step);
                    }
                });
        this.proofStep = new ProofStep(session, service, this::proofInputs, new ProofStep.Listener() {
            @Override
            public void started() {
                reviewStep.clear();
                holdCircuits();
                go(WizardNav.PROOF);
            }

            @Override
            public void made(CredentialPackage made, RegistryContext context) {
                reviewStep.show(made, context);
                holdCircuits(); // the proof is made: its circuit is released now
                go(WizardNav.REVIEW);
            }

            @Override
            public void stopped() {
                go(WizardNav.PROOF);
            }
        });
        this.reviewStep = new ReviewStep(session, service);
        this.publishStep = new PublishStep(session);
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("studio", "studio", this);
        }
        attestationStep.refreshAccounts();
        return root;
    }

    @FXML
    private void initialize() {
        importPane.getChildren().add(importStep.view());
        attestationPane.getChildren().add(attestationStep.view());
        predicatePane.getChildren().add(predicateStep.view());
        proofPane.getChildren().add(proofStep.view());
        reviewPane.getChildren().add(reviewStep.view());
        publishPane.getChildren().add(publishStep.view());
        backButton.setOnAction(e -> go(step - 1));
        nextButton.setOnAction(e -> go(step + 1));
        go(WizardNav.IMPORT);
    }

    /** Shows step {@code n} (0..5); the next step opens only when this one is complete. */
    public void go(int n) {
        step = WizardNav.clamp(n);
        VBox[] panes = {importPane, attestationPane, predicatePane, proofPane, reviewPane, publishPane};
        Label[] labels = {step0, step1, step2, step3, step4, step5};
        for (int i = 0; i <= WizardNav.LAST; i++) {
            panes[i].setVisible(i == step);
            panes[i].setManaged(i == step);
            labels[i].getStyleClass().removeAll("current", "done");
            if (i <= step) {
                labels[i].getStyleClass().add(i == step ? "current" : "done");
            }
        }
        boolean busy = proofStep.running() || publishStep.running();
        WizardNav.Progress progress = new WizardNav.Progress(importStep.complete(), attestationStep.complete(),
                predicateStep.complete(), proofStep.made() != null);
        backButton.setDisable(!WizardNav.canGoBack(step, busy));
        nextButton.setDisable(!WizardNav.canGoNext(step, progress.complete(step), busy));
        StudioService.Checks checks = attestationStep.checks();
        CredentialPackage pkg = proofStep.made();
        if (step == WizardNav.PUBLISH && pkg != null && checks != null) {
            String title = StudioWords.suggestedTitle(StudioWords.schemaTitle(service.schemas(), pkg.schemaId()),
                    pkg.predicate().statement());
            publishStep.prepare(pkg, checks.checked() == null ? null : checks.checked().attestation(),
                    attestationStep.account(), checks.issuerAccount(), title);
        }
    }

    private ProofStep.Inputs proofInputs() {
        StudioService.Checks checks = attestationStep.checks();
        if (checks == null || checks.checked() == null || !predicateStep.complete()) {
            return null;
        }
        return new ProofStep.Inputs(checks.checked(), predicateStep.predicate(), predicateStep.context());
    }

    /** The schema or the imported data changed: what was built on them no longer holds. */
    private void importChanged() {
        if (root == null) {
            return;
        }
        attestationStep.dataChanged();
        resetFrom(WizardNav.PREDICATE);
        go(step);
    }

    /** Forgets what steps {@code from} and later built on an earlier step that changed. */
    private void resetFrom(int from) {
        if (from <= WizardNav.PREDICATE) {
            predicateStep.reset();
        }
        if (from <= WizardNav.REVIEW) {
            proofStep.reset();
            reviewStep.clear();
        }
        holdCircuits();
    }

    /**
     * The shell shows ({@code true}) or leaves the studio. While it is shown with a proof still to make, the session
     * keeps the circuits loaded (the warm-up's range circuit); otherwise they are released at once.
     */
    public void shown(boolean shown) {
        this.shown = shown;
        holdCircuits();
    }

    private void holdCircuits() {
        session.holdCircuits(shown && proofStep.made() == null);
    }

    /** Saves the reviewed package to {@code file} (public for tests). */
    public void save(Path file) {
        reviewStep.save(file);
    }

    /** The publish step (tests). */
    public Object listedId() {
        return publishStep.listed() == null ? null : publishStep.listed().id();
    }

    /** The package made by the last proof, or null (tests). */
    public CredentialPackage madePackage() {
        return proofStep.made();
    }
}
