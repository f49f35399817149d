package io.enclave.ui.studio;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.market.Listing;
import io.enclave.market.sell.PublishRequest;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The wizard's last step: listing details (title, description, tags, price) and the publication through
 * {@link io.enclave.market.sell.SellService} — encrypt, upload, pin, Arweave copy, anchor, list — with each step's
 * state, the readable confirmation before each signature, and Resume after a failure (the job lives in the outbox).
 */
final class PublishStep {
    /** The pipeline's steps as the person reads them, with the start of the progress line each one reports. */
    static final List<String[]> STEPS = List.of(
            new String[] {"Encrypt", "Encrypting", "AES-256-GCM under a fresh content key kept wrapped to your account"},
            new String[] {"Upload", "Uploading", "the encrypted package to your IPFS node"},
            new String[] {"Pin", "Pinning", "on the pinning services (none configured: your node keeps it)"},
            new String[] {"Arweave copy", "Keeping a permanent copy", "not configured: skipped"},
            new String[] {"Anchor", "Anchoring", "the credential hash in the CredentialRegistry (you sign)"},
            new String[] {"List", "Creating the listing", "the listing on the Marketplace (you sign)"});

    private final Session session;
    private Parent root;
    private final ApprovalView confirm = new ApprovalView("publish");
    private CredentialPackage pkg;
    private Attestation attestation;
    private String account;
    private String issuerAccount;
    private Listing listed;
    private int current = -1;
    private boolean running;

    @FXML
    private TextField title;
    @FXML
    private TextArea description;
    @FXML
    private TextField tags;
    @FXML
    private TextField price;
    @FXML
    private Label issuer;
    @FXML
    private Button publishButton;
    @FXML
    private Button resumeButton;
    @FXML
    private Label status;
    @FXML
    private GridPane stepsGrid;
    @FXML
    private VBox confirmHost;

    PublishStep(Session session) {
        this.session = session;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "publish-step", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        confirmHost.getChildren().add(confirm);
        session.walletProperty().addListener((o, a, w) -> {
            if (w == null) {
                confirm.dismiss(); // locked: nothing is signed with a key that is gone
            }
        });
        resumeButton.managedProperty().bind(resumeButton.visibleProperty());
        publishButton.managedProperty().bind(publishButton.visibleProperty());
        publishButton.visibleProperty().bind(resumeButton.visibleProperty().not());
        publishButton.setOnAction(e -> publish());
        resumeButton.setOnAction(e -> publish());
        showSteps(-1, null);
    }

    /** Takes the verified package of the review step; {@code issuerAccount} is null for a self-attested one. */
    void prepare(CredentialPackage made, Attestation from, String seller, String issuerAccount, String suggestedTitle) {
        if (running) {
            return;
        }
        this.pkg = made;
        this.attestation = from;
        this.account = seller;
        this.issuerAccount = issuerAccount;
        this.listed = null;
        if (title.getText().isBlank()) {
            title.setText(suggestedTitle);
        }
        issuer.setText(issuerAccount == null ? "none: a self-attested credential cannot be listed as issuer-verified"
                : issuerAccount);
        publishButton.setDisable(issuerAccount == null);
        resumeButton.setVisible(false);
        status("", false);
        showSteps(-1, null);
    }

    /** The listing once published (tests). */
    Listing listed() {
        return listed;
    }

    boolean running() {
        return running;
    }

    /** Stops waiting for a signature (the screen is left): the job stays in the outbox. */
    void stop() {
        confirm.dismiss();
    }

    private void publish() {
        if (pkg == null || running) {
            return;
        }
        PublishRequest request;
        try {
            request = new PublishRequest(title.getText().strip(), description.getText().strip(), wei(price.getText()),
                    issuerAccount, tags(tags.getText()));
        } catch (IllegalArgumentException e) {
            status(e.getMessage(), true);
            return;
        }
        running = true;
        publishButton.setDisable(true);
        resumeButton.setVisible(false);
        status("Publishing…", false);
        showSteps(0, null);
        CredentialPackage p = pkg;
        Attestation from = attestation;
        String seller = account;
        session.background().run("Publishing a credential", w -> {
            try (Seller s = Seller.open(session, seller, confirm)) {
                // with its attestation, each buyer gets the statement proven for it at delivery (per-buyer proof)
                return from == null ? s.sell().publish(p, request, m -> Platform.runLater(() -> progress(m)))
                        : s.sell().publish(p, from, request, m -> Platform.runLater(() -> progress(m)));
            }
        }, listing -> {
            running = false;
            listed = listing;
            showSteps(STEPS.size(), null);
            status("Listed as #" + listing.id() + " for " + price.getText().strip() + " MOCA. Buyers find it in the "
                    + "marketplace; My credentials shows its sales.", false);
        }, e -> {
            running = false;
            confirm.dismiss();
            publishButton.setDisable(false);
            resumeButton.setVisible(true);
            String why = Errors.describe(e);
            int cut = why.indexOf(" Nothing is lost: resume it with");
            status((cut > 0 ? why.substring(0, cut) : why) + " The job is kept in the outbox: fix the cause, then Resume "
                    + "continues from this step.", true);
            showSteps(Math.max(current, 0), why);
        });
    }

    private void progress(String message) {
        for (int i = 0; i < STEPS.size(); i++) {
            if (message.startsWith(STEPS.get(i)[1])) {
                showSteps(i, null);
                return;
            }
        }
    }

    private void showSteps(int at, String error) {
        current = at;
        stepsGrid.getChildren().clear();
        for (int i = 0; i < STEPS.size(); i++) {
            boolean done = i < at;
            boolean here = i == at;
            FontIcon icon = new FontIcon(done ? "fth-check-circle" : here ? (error != null ? "fth-x-circle" : "fth-loader")
                    : "fth-circle");
            icon.getStyleClass().add(done ? "ok-text" : here && error != null ? "error-text" : "text-muted");
            Label name = new Label(STEPS.get(i)[0]);
            name.setId("publish-step-" + i);
            name.getStyleClass().add(done ? "step-done" : here ? "step-current" : "step-pending");
            Label detail = new Label(here && error != null ? "stopped here" : STEPS.get(i)[2]);
            detail.setWrapText(true);
            detail.getStyleClass().add("text-muted");
            stepsGrid.addRow(i, icon, name, detail);
        }
    }

    /** The comma-separated tags field as the listing's tags (checked by {@link PublishRequest}). */
    static List<String> tags(String text) {
        return Arrays.asList(text == null ? new String[0] : text.split(","));
    }

    /** An amount in MOCA (18 decimals) as wei; refuses what is not a positive amount. */
    static BigInteger wei(String text) {
        String s = text == null ? "" : text.strip().replace("_", "");
        try {
            BigDecimal v = new BigDecimal(s);
            if (v.scale() > 18) {
                throw new IllegalArgumentException("The price has more than 18 decimals.");
            }
            return v.movePointRight(18).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Enter the price in MOCA, e.g. 1.5 (not '" + s.toLowerCase(Locale.ROOT)
                    + "').", e);
        }
    }

    private void status(String text, boolean error) {
        status.setText(text);
        status.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            status.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }
}
