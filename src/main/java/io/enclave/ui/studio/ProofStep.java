package io.enclave.ui.studio;

import static io.enclave.ui.studio.StudioLabels.status;

import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.Predicate;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/**
 * The wizard's fourth step: the zero-knowledge proof made in the JVM off the FX thread, with progress and cancel, then
 * verified as a buyer would before the package is offered for review.
 */
final class ProofStep {
    /** What the proof is made of: the checked attestation, the predicate and the context it binds to. */
    record Inputs(CheckedAttestation checked, Predicate predicate, RegistryContext context) {
    }

    /** What the wizard does around this step. */
    interface Listener {
        /** A new proof is running: the previous package is gone. */
        void started();

        /** The package was made and verified. */
        void made(CredentialPackage made, RegistryContext context);

        /** The proof failed or was cancelled: no package. */
        void stopped();
    }

    private final Session session;
    private final StudioService service;
    private final Supplier<Inputs> inputs;
    private final Listener listener;
    private Parent root;
    private CredentialPackage pkg;
    private Task<CredentialPackage> proving;

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

    /** @param inputs what to prove, or null while the earlier steps are not complete */
    ProofStep(Session session, StudioService service, Supplier<Inputs> inputs, Listener listener) {
        this.session = session;
        this.service = service;
        this.inputs = inputs;
        this.listener = listener;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "proof-step", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        proveButton.setOnAction(e -> prove());
        cancelProofButton.setOnAction(e -> {
            if (proving != null) {
                proving.cancel();
            }
        });
    }

    /** The package made by the last proof, or null. */
    CredentialPackage made() {
        return pkg;
    }

    /** Whether a proof is being made. */
    boolean running() {
        return proving != null;
    }

    /** Says what will be proven for whom. */
    void describe(Predicate p, RegistryContext context) {
        proofStatement.setText("Proving \"" + p.statement() + "\" for " + context.holder() + ".");
    }

    /** Forgets the package (an earlier step changed); a running proof keeps its progress line. */
    void reset() {
        pkg = null;
        if (proving == null) {
            proofProgress.setProgress(0);
            status(proofStatus, "", false);
        }
    }

    private void prove() {
        Inputs in = inputs.get();
        if (in == null) {
            return;
        }
        reset();
        proveButton.setDisable(true);
        cancelProofButton.setDisable(false);
        RegistryContext ctx = in.context();
        proving = session.background().run("Generating a proof", w -> {
            w.update("Computing the witness and the proof…", 0);
            CredentialPackage made = service.prove(in.checked(), in.predicate(), ctx,
                    f -> w.update("Proving… " + Math.round(f * 100) + " %", f), w::isCancelled);
            w.update("Verifying the proof as a buyer would…", 1);
            service.verify(made, ctx.fieldElement());
            return made;
        }, made -> {
            done();
            pkg = made;
            status(proofStatus, "Proof generated and verified.", false);
            listener.made(made, ctx);
        }, e -> {
            done();
            status(proofStatus, e instanceof CancellationException ? "Cancelled." : Errors.describe(e), true);
            listener.stopped();
        });
        proofProgress.progressProperty().bind(proving.progressProperty());
        proofStatus.textProperty().bind(proving.messageProperty());
        proving.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            done();
            status(proofStatus, "Cancelled: no package was made.", true);
            listener.stopped();
        });
        listener.started();
    }

    private void done() {
        proofProgress.progressProperty().unbind();
        proofStatus.textProperty().unbind();
        proveButton.setDisable(false);
        cancelProofButton.setDisable(true);
        proving = null;
    }
}
