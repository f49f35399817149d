package io.enclave.ui.issuer;

import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.crypto.Secrets;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.ui.concurrent.Work;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The issuer screen: open or create the password-protected BabyJubJub key, see its public key and whether the
 * network's CredentialRegistry knows it, sign an attribute for a subject into an encrypted attestation file, and list
 * what this key issued (kept in the encrypted vault, without values). The key stays open until closed or the wallet
 * locks.
 */
public final class IssuerController {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Session session;
    private final IssuerService service;
    private Parent root;
    private EddsaAttestationSigner signer;
    private Task<?> running;

    @FXML
    private ProgressIndicator busy;
    @FXML
    private Label busyLabel;
    @FXML
    private Button cancelButton;
    @FXML
    private VBox keyForm;
    @FXML
    private TextField keyFile;
    @FXML
    private PasswordField keyPassword;
    @FXML
    private PasswordField keyRepeat;
    @FXML
    private Button openKeyButton;
    @FXML
    private Button createKeyButton;
    @FXML
    private Label keyStatus;
    @FXML
    private VBox keyInfo;
    @FXML
    private Label openFile;
    @FXML
    private TextField publicAx;
    @FXML
    private TextField publicAy;
    @FXML
    private FontIcon registrationIcon;
    @FXML
    private Label registration;
    @FXML
    private Button checkButton;
    @FXML
    private Button closeKeyButton;
    @FXML
    private VBox issueSection;
    @FXML
    private ChoiceBox<CredentialSchema> schemaChoice;
    @FXML
    private ChoiceBox<Attribute> attributeChoice;
    @FXML
    private Label attributeHelp;
    @FXML
    private TextField valueField;
    @FXML
    private TextField subjectKey;
    @FXML
    private Label subjectAddress;
    @FXML
    private DatePicker expiry;
    @FXML
    private Button issueButton;
    @FXML
    private Label issueStatus;
    @FXML
    private TableView<IssuedAttestation> issuedTable;
    @FXML
    private TableColumn<IssuedAttestation, String> issuedAtColumn;
    @FXML
    private TableColumn<IssuedAttestation, String> subjectColumn;
    @FXML
    private TableColumn<IssuedAttestation, String> whatColumn;
    @FXML
    private TableColumn<IssuedAttestation, String> expiresColumn;
    @FXML
    private TableColumn<IssuedAttestation, String> hashColumn;
    @FXML
    private Label issuedFolder;
    @FXML
    private Button revokeButton;
    @FXML
    private Label revokeStatus;
    @FXML
    private VBox revokeHost;
    /** The one view that asks before the revocation is signed (ids revokeConfirm, revokeSign, revokeReject). */
    private final ApprovalView revokeConfirm = new ApprovalView("revoke");
    private IssuerService.Registration lastRegistration;

    public IssuerController(Session session, IssuerService service) {
        this.session = session;
        this.service = service;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("issuer", "issuer", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        busy.managedProperty().bind(busy.visibleProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        keyFile.setText(service.defaultKeyFile().toString());
        openKeyButton.setOnAction(e -> openKey());
        createKeyButton.setOnAction(e -> createKey());
        closeKeyButton.setOnAction(e -> closeKey());
        checkButton.setOnAction(e -> checkRegistration());
        cancelButton.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });

        List<CredentialSchema> schemas = service.schemas().all().stream()
                .sorted(Comparator.comparing(CredentialSchema::id)).toList();
        schemaChoice.setItems(FXCollections.observableArrayList(schemas));
        schemaChoice.setConverter(converter(s -> s.title() + " (version " + s.version() + ")"));
        attributeChoice.setConverter(converter(Attribute::name));
        schemaChoice.valueProperty().addListener((o, a, s) -> {
            attributeChoice.setItems(FXCollections.observableArrayList(s == null ? List.of() : s.attributes()));
            if (s != null && !s.attributes().isEmpty()) {
                attributeChoice.setValue(s.attributes().get(0));
            }
        });
        attributeChoice.valueProperty().addListener((o, a, at) -> describe(at));
        schemaChoice.setValue(schemas.stream().filter(s -> s.type().equals("employment")).findFirst()
                .orElse(schemas.get(0)));
        subjectKey.textProperty().addListener((o, a, t) -> showSubject(t));
        expiry.setConverter(new javafx.util.converter.LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE,
                DateTimeFormatter.ISO_LOCAL_DATE));
        expiry.setValue(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        // An old verdict under changed input misleads: any edit clears it.
        valueField.textProperty().addListener((o, a, b) -> status(issueStatus, "", false));
        subjectKey.textProperty().addListener((o, a, b) -> status(issueStatus, "", false));
        attributeChoice.valueProperty().addListener((o, a, b) -> status(issueStatus, "", false));
        expiry.valueProperty().addListener((o, a, b) -> status(issueStatus, "", false));
        issueButton.setOnAction(e -> issue());

        issuedAtColumn.setCellValueFactory(c -> text(WHEN.format(c.getValue().issuedAt())));
        subjectColumn.setCellValueFactory(c -> text(shortHex(c.getValue().subject())));
        whatColumn.setCellValueFactory(c -> text(schemaTitle(c.getValue().schemaId()) + " · "
                + c.getValue().attribute()));
        expiresColumn.setCellValueFactory(c -> text(c.getValue().expiresAt().minusSeconds(1).atZone(ZoneOffset.UTC)
                .toLocalDate().toString()));
        hashColumn.setCellValueFactory(c -> text(shortHex(c.getValue().hash())));
        issuedFolder.setText("Attestation files are written to " + service.issuedFolder()
                + ". Send each to its subject; it opens only with their wallet key.");
        revokeHost.getChildren().setAll(revokeConfirm);
        revokeButton.setOnAction(e -> revoke());
        // what was shown is about one row: choosing another answers "no"
        issuedTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> revokeConfirm.dismiss());
        revokeConfirm.visibleProperty().addListener((o, was, shown) -> {
            if (shown) {
                busy.setVisible(false); // nothing runs while the person reads the confirmation
                if (root instanceof javafx.scene.control.ScrollPane sp) {
                    // the confirmation is at the bottom: bring it into view once it has its height
                    javafx.application.Platform.runLater(() -> {
                        sp.layout();
                        sp.setVvalue(sp.getVmax());
                    });
                }
            } else if (running != null && running.isRunning()) {
                busy.setVisible(true);
            }
        });
        session.walletProperty().addListener((o, a, w) -> {
            if (w == null) {
                closeKey();
            }
        });
    }

    private void describe(Attribute a) {
        if (a == null) {
            attributeHelp.setText("");
            return;
        }
        String how = switch (a.encoding()) {
            case INTEGER, SIGNED_INTEGER -> a.decimals() > 0 ? "Write the amount as usual, e.g. 82,500.00 (up to "
                    + a.decimals() + " decimals); it is signed in minor units" : "A whole number";
            case DATE -> "A date, e.g. 2026-06-30";
            case BOOLEAN -> "yes or no";
            case STRING -> "Text (holders can prove it equals a value or is in a set)";
        };
        boolean unit = a.unit() != null && !a.unit().isEmpty() && a.decimals() == 0;
        attributeHelp.setText(a.description() + ". " + how + (unit ? ", in " + a.unit() : "") + ".");
        valueField.setPromptText(switch (a.encoding()) {
            case DATE -> "2026-06-30";
            case BOOLEAN -> "yes";
            case STRING -> "Acme Ltd";
            default -> a.decimals() > 0 ? "82500.00" : "42";
        });
    }

    private void showSubject(String key) {
        subjectAddress.getStyleClass().remove("error-text");
        if (key == null || key.isBlank()) {
            subjectAddress.setText("The holder copies it from Wallet → Receive → Your public key; the attestation is issued "
                    + "to its address.");
            return;
        }
        try {
            subjectAddress.setText("Subject address " + IssuerService.subjectAddress(key));
        } catch (IllegalArgumentException e) {
            subjectAddress.setText(e.getMessage());
            subjectAddress.getStyleClass().add("error-text");
        }
    }

    private void openKey() {
        Path file = Path.of(keyFile.getText().strip());
        char[] pw = keyPassword.getText().toCharArray();
        keyPassword.clear();
        keyRepeat.clear();
        run("Opening the signing key", p -> {
            try {
                p.update("Deriving the key from your password…", -1);
                return service.open(file, pw);
            } finally {
                Secrets.wipe(pw);
            }
        }, s -> keyOpened(file, s), e -> status(keyStatus, Errors.describe(e), true));
    }

    private void createKey() {
        Path file = Path.of(keyFile.getText().strip());
        if (!keyPassword.getText().equals(keyRepeat.getText())) {
            status(keyStatus, "The two passwords differ: type the same password twice to create a key.", true);
            return;
        }
        char[] pw = keyPassword.getText().toCharArray();
        keyPassword.clear();
        keyRepeat.clear();
        run("Creating a signing key", p -> {
            try {
                p.update("Generating the key and encrypting it with your password…", -1);
                service.create(file, pw);
                p.update("Opening it…", -1);
                return service.open(file, pw);
            } finally {
                Secrets.wipe(pw);
            }
        }, s -> keyOpened(file, s), e -> status(keyStatus, Errors.describe(e), true));
    }

    private void keyOpened(Path file, EddsaAttestationSigner opened) {
        if (signer != null) {
            signer.close();
        }
        signer = opened;
        Issuer pub = opened.issuer();
        status(keyStatus, "", false);
        openFile.setText(file.toAbsolutePath().toString());
        publicAx.setText(pub.ax().toString());
        publicAy.setText(pub.ay().toString());
        show(keyForm, false);
        show(keyInfo, true);
        issueSection.setDisable(false);
        checkRegistration();
        refreshIssued();
    }

    /** Wipes the open key and goes back to the key form. */
    public void closeKey() {
        if (signer != null) {
            signer.close();
            signer = null;
        }
        if (keyInfo == null) {
            return;
        }
        show(keyForm, true);
        show(keyInfo, false);
        issueSection.setDisable(true);
        issuedTable.getItems().clear();
        publicAx.clear();
        publicAy.clear();
        issueStatus.setText("");
    }

    private void checkRegistration() {
        EddsaAttestationSigner s = signer;
        if (s == null) {
            return;
        }
        Issuer pub = s.issuer();
        registration.setText("Checking the CredentialRegistry…");
        registrationIcon.setIconLiteral("fth-loader");
        registrationIcon.getStyleClass().removeAll("ok-text", "warn-text", "error-text");
        run("Checking issuer registration", p -> {
            p.update("Reading the CredentialRegistry…", -1);
            return service.registration(session.network(), pub);
        }, r -> {
            lastRegistration = r;
            registration.setText(r.message());
            boolean ok = r.state() == IssuerService.Registration.State.REGISTERED;
            registrationIcon.setIconLiteral(ok ? "fth-check-circle" : "fth-alert-triangle");
            registrationIcon.getStyleClass().add(ok ? "ok-text" : "warn-text");
        }, e -> registration.setText(Errors.describe(e)));
    }

    private void issue() {
        EddsaAttestationSigner s = signer;
        CredentialSchema schema = schemaChoice.getValue();
        Attribute attribute = attributeChoice.getValue();
        if (s == null || schema == null || attribute == null) {
            status(issueStatus, "Open the signing key and choose a schema and an attribute.", true);
            return;
        }
        if (expiry.getValue() == null) {
            status(issueStatus, "Choose the date until which the attestation is valid.", true);
            return;
        }
        String value = valueField.getText();
        String key = subjectKey.getText();
        LocalDate until = expiry.getValue();
        try {
            IssuerService.parseValue(attribute, value);
            IssuerService.subjectAddress(key);
        } catch (IllegalArgumentException e) {
            status(issueStatus, e.getMessage(), true);
            return;
        }
        String ax = IssuerService.keyId(s.issuer());
        run("Signing an attestation", p -> {
            p.update("Signing with EdDSA-Poseidon and encrypting to the subject…", -1);
            IssuedAttestation issued = service.issue(s, schema, attribute.name(), value, key, until);
            new IssuedLog(session.vault()).add(ax, issued);
            return issued;
        }, issued -> {
            valueField.clear();
            status(issueStatus, "Signed for " + issued.subject() + ", saved to " + issued.file().getFileName()
                    + ". Hash " + shortHex(issued.hash()) + ".", false);
            refreshIssued();
        }, e -> status(issueStatus, Errors.describe(e), true));
    }

    /**
     * Prepares CredentialRegistry.revokeAttestation for the selected row, shows its confirmation in the one
     * {@link ApprovalView}, and signs and sends it only after "Sign and send".
     */
    private void revoke() {
        IssuedAttestation row = issuedTable.getSelectionModel().getSelectedItem();
        var w = session.wallet();
        IssuerService.Registration r = lastRegistration;
        if (row == null || w == null) {
            status(revokeStatus, "Select the attestation to revoke.", true);
            return;
        }
        if (r == null || r.account() == null) {
            status(revokeStatus, "Only a registered issuer can revoke: check the registration first.", true);
            return;
        }
        if (w.account(r.account()).isEmpty()) {
            status(revokeStatus, "The registered issuer account " + r.account() + " is not in this wallet: import it "
                    + "to revoke.", true);
            return;
        }
        String registry = session.network().contracts().get("CredentialRegistry");
        var accounts = w.accounts();
        String from = r.account();
        revokeButton.setDisable(true);
        status(revokeStatus, "", false);
        revokeConfirm.setPurpose("Revoke the attestation " + shortHex(row.hash()) + " (" + schemaTitle(row.schemaId())
                + " · " + row.attribute() + "): holders' checks fail once it is mined");
        run("Revoking an attestation", p -> {
            p.update("Simulating and estimating fees…", -1);
            var tx = session.walletService().prepareCall(from, registry, IssuerService.revokeCallData(row.hash()),
                    accounts);
            p.update(tx.willSucceed() ? "Check the transaction, then sign it or reject it."
                    : "This transaction would fail, so it cannot be sent: reject it.", -1);
            if (!session.approvals().askIn(revokeConfirm, tx.confirmation())) { // Reject, or the wallet locked
                return null;
            }
            p.update("Signing and sending…", -1);
            return session.walletService().send(tx, w);
        }, hash -> {
            revokeButton.setDisable(false);
            if (hash == null) {
                status(revokeStatus, "Rejected: nothing was signed or sent.", false);
            } else {
                status(revokeStatus, "Revocation sent " + hash + ". Holders' checks fail once it is mined.", false);
            }
        }, e -> {
            revokeButton.setDisable(false);
            status(revokeStatus, Errors.describe(e), true);
        });
        running.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            revokeButton.setDisable(false);
            status(revokeStatus, "Cancelled: nothing was signed or sent.", false);
        });
    }

    private void refreshIssued() {
        EddsaAttestationSigner s = signer;
        if (s == null || session.wallet() == null) {
            return;
        }
        String ax = IssuerService.keyId(s.issuer());
        run("Reading issued attestations", p -> new IssuedLog(session.vault()).list(ax, 500),
                list -> issuedTable.setItems(FXCollections.observableArrayList(list)),
                e -> status(issueStatus, Errors.describe(e), true));
    }

    private <T> void run(String name, Work<T> work, Consumer<T> ok, Consumer<Throwable> failed) {
        busy.setVisible(true);
        cancelButton.setVisible(true);
        Task<T> task = session.background().run(name, work, v -> {
            done();
            ok.accept(v);
        }, e -> {
            done();
            failed.accept(e);
        });
        busyLabel.textProperty().bind(task.messageProperty());
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            done();
            busyLabel.setText(name + ": cancelled.");
        });
        running = task;
    }

    private void done() {
        busyLabel.textProperty().unbind();
        busyLabel.setText("");
        busy.setVisible(false);
        cancelButton.setVisible(false);
        running = null;
    }

    private static void status(Label label, String text, boolean error) {
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            label.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }

    private static void show(VBox box, boolean visible) {
        box.setVisible(visible);
        box.setManaged(visible);
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    private String schemaTitle(String id) {
        try {
            return service.schemas().get(id).title();
        } catch (io.enclave.credentials.schema.SchemaException e) {
            return id;
        }
    }

    static String shortHex(String hex) {
        return hex.length() <= 14 ? hex : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 6);
    }

    private static <T> StringConverter<T> converter(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** The open key's public half, or null (tests). */
    public Issuer openIssuer() {
        return signer == null ? null : signer.issuer();
    }
}
