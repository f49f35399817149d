package io.enclave.ui.purchases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.VerifiableCredentialExport;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.ui.app.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiConsumer;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.web3j.utils.Numeric;

/**
 * The credential panel of My purchases: an opened purchase's statement, the verification badge, what was checked on
 * this computer and on chain, and the export as JSON or as a W3C Verifiable Credential 2.0 document.
 */
final class CredentialView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VBox box;
    private final Label verifyBadge;
    private final Label statement;
    private final GridPane grid;
    private final BiConsumer<Boolean, String> status;

    /** @param status shows an outcome on the screen's status line (ok, text) */
    CredentialView(VBox box, Label verifyBadge, Label statement, GridPane grid, BiConsumer<Boolean, String> status) {
        this.box = box;
        this.verifyBadge = verifyBadge;
        this.statement = statement;
        this.grid = grid;
        this.status = status;
    }

    /** Shows the opened credential, or hides the panel for null. */
    void show(OpenedCredential c) {
        box.setVisible(c != null);
        box.setManaged(c != null);
        if (c == null) {
            return;
        }
        CredentialPackage pkg = c.credential();
        statement.setText(pkg.predicate().statement());
        boolean expired = pkg.expiredAt(Instant.now());
        if (expired) {
            verifyBadge.setText("Expired");
            verifyBadge.getStyleClass().setAll("label", "badge", "warn");
        } else if (Boolean.TRUE.equals(c.proofVerified())) {
            verifyBadge.setText("✓ Proof verified");
            verifyBadge.getStyleClass().setAll("label", "badge", "ok");
        } else {
            verifyBadge.setText("Proof not checked");
            verifyBadge.getStyleClass().setAll("label", "badge", "warn");
        }
        grid.getChildren().clear();
        int r = 0;
        r = PurchasesController.line(grid, r, "Schema", pkg.schemaId(), false);
        r = PurchasesController.line(grid, r, "Issuer", issuer(pkg), false);
        r = PurchasesController.line(grid, r, "Valid", Words.when(pkg.validFrom()) + " to " + Words.when(pkg.validUntil())
                + (expired ? " (expired)" : ""), false);
        r = PurchasesController.line(grid, r, "Proof", "Groth16, circuit " + pkg.circuitId() + ": "
                + (c.proofVerified() == null ? "not checked (this app has no verifying key for the circuit)"
                : c.proofVerified() ? "verified on this computer" : "does not verify"), false);
        r = PurchasesController.line(grid, r, "On chain", onChainWords(c), false);
        PurchasesController.line(grid, r, "Credential hash", Numeric.toHexString(pkg.credentialHash()), true);
    }

    /** The on-chain line of an opened credential: the anchor, and the chain verifier's verdict when it was asked. */
    static String onChainWords(OpenedCredential c) {
        String anchored = "the package is the one the registry anchored";
        if (c.onChain() == null) {
            return anchored + "; the proof was not checked on chain (tick \"Also check on chain\" and open again)";
        }
        var v = c.onChain();
        String verdict = switch (v.outcome()) {
            case ACCEPTED -> "the circuit's verifier contract accepts the proof";
            case REJECTED -> "the circuit's verifier contract REJECTS the proof: " + v.reason();
            case UNAVAILABLE -> "not checked on chain: " + v.reason();
        };
        return anchored + "; " + verdict + (v.registryRecord() == null || v.registryRecord().isBlank() ? ""
                : "; registry: " + v.registryRecord());
    }

    private static String issuer(CredentialPackage pkg) {
        String ax = pkg.issuer().ax().toString(16);
        String key = ax.length() > 12 ? ax.substring(0, 6) + "…" + ax.substring(ax.length() - 6) : ax;
        return (pkg.issuer().selfAttested() ? "self-attested (no issuer vouches for the value), key " : "issuer key ") + key;
    }

    /** Asks where to save, then exports (JSON or W3C VC). */
    void exportWithChooser(Window owner, String purchaseId, OpenedCredential c, boolean vc) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(vc ? "Export as a W3C Verifiable Credential" : "Export the credential package as JSON");
        chooser.setInitialFileName("purchase-" + purchaseId + (vc ? ".vc.json" : ".json"));
        java.io.File f = chooser.showSaveDialog(owner);
        if (f != null) {
            export(c, f.toPath(), vc);
        }
    }

    /**
     * Writes the credential to {@code file}: the package as JSON, or a W3C Verifiable Credential 2.0 document. Neither
     * holds a secret (the value stays with the seller; the proof is what was bought).
     */
    void export(OpenedCredential c, Path file, boolean vc) {
        ObjectNode doc = vc ? VerifiableCredentialExport.toVerifiableCredential(c.credential()) : c.credential().toJson();
        try {
            Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
            status.accept(true, "Saved " + file);
        } catch (IOException | UncheckedIOException e) {
            status.accept(false, "Could not write " + file + ": " + e.getMessage());
        }
    }
}
