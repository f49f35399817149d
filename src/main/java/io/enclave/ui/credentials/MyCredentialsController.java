package io.enclave.ui.credentials;

import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.market.Progress;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.ui.concurrent.Work;
import io.enclave.ui.studio.Seller;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * "My credentials": the seller's saved and published credentials with their status (draft, publishing, published,
 * listed, sold N, delisted, revoked), and update price, delist, re-pin and revoke — each a background task, each
 * transaction shown in words before it is signed.
 */
public final class MyCredentialsController {
    private final Session session;
    private final MyCredentialsService service = new MyCredentialsService(SchemaRegistry.builtIn());
    private final ApprovalView confirm = new ApprovalView("credentials");
    private Parent root;
    private boolean busy;

    @FXML
    private ChoiceBox<String> accountChoice;
    @FXML
    private Button refreshButton;
    @FXML
    private TableView<MyCredentialsService.Row> table;
    @FXML
    private TableColumn<MyCredentialsService.Row, String> titleColumn;
    @FXML
    private TableColumn<MyCredentialsService.Row, String> statusColumn;
    @FXML
    private TableColumn<MyCredentialsService.Row, String> priceColumn;
    @FXML
    private TableColumn<MyCredentialsService.Row, String> listingColumn;
    @FXML
    private TableColumn<MyCredentialsService.Row, String> hashColumn;
    @FXML
    private Label selectedLabel;
    @FXML
    private TextField priceField;
    @FXML
    private Button priceButton;
    @FXML
    private Button delistButton;
    @FXML
    private Button repinButton;
    @FXML
    private Button revokeButton;
    @FXML
    private Label status;
    @FXML
    private VBox confirmHost;
    @FXML
    private Button deleteDataButton;
    @FXML
    private VBox deleteHost;
    private DeleteDataPanel deletePanel;

    public MyCredentialsController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("credentials", "credentials", this);
        }
        refreshAccounts();
        refresh();
        return root;
    }

    @FXML
    private void initialize() {
        confirmHost.getChildren().add(confirm);
        deletePanel = new DeleteDataPanel(session, service, confirm, () -> refresh());
        deleteHost.getChildren().add(deletePanel);
        deleteDataButton.setOnAction(e -> {
            MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
            if (r != null && accountChoice.getValue() != null) {
                deletePanel.open(r, accountChoice.getValue());
            }
        });
        session.walletProperty().addListener((o, a, w) -> {
            if (w == null) {
                confirm.dismiss(); // locked: nothing is signed with a key that is gone
            }
        });
        titleColumn.setCellValueFactory(c -> text(c.getValue().title()));
        statusColumn.setCellValueFactory(c -> text(c.getValue().statusText()));
        priceColumn.setCellValueFactory(c -> text(c.getValue().price() == null || c.getValue().price().signum() == 0 ? ""
                : moca(c.getValue().price())));
        listingColumn.setCellValueFactory(c -> text(c.getValue().listingId() == null ? "" : "#" + c.getValue().listingId()));
        hashColumn.setCellValueFactory(c -> text(c.getValue().credentialHash().substring(0, 14) + "…"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> selected(r));
        refreshButton.setOnAction(e -> refresh());
        accountChoice.valueProperty().addListener((o, a, b) -> {
            if (a != null && b != null && !a.equals(b)) {
                refresh();
            }
        });
        priceButton.setOnAction(e -> {
            MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
            BigInteger wei;
            try {
                wei = new BigDecimal(priceField.getText().strip()).movePointRight(18).toBigIntegerExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                status("Enter the new price in MOCA, e.g. 2.5.", true);
                return;
            }
            act("Changing the price", (s, p) -> service.updatePrice(s, r, wei, p), "Price changed to "
                    + priceField.getText().strip() + " MOCA.");
        });
        delistButton.setOnAction(e -> {
            MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
            act("Delisting", (s, p) -> service.delist(s, r, p), "Delisted: buyers no longer see it.");
        });
        repinButton.setOnAction(e -> {
            MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
            act("Re-pinning", (s, p) -> p.step("Pinned " + String.join(", ", service.repin(s, r))), "Pinned again on "
                    + "your IPFS node.");
        });
        revokeButton.setOnAction(e -> {
            MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
            act("Revoking", (s, p) -> service.revoke(s, r, p), "Revoked in the registry. Delist it too if it is listed.");
        });
        selected(null);
    }

    private void refreshAccounts() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        Views.setItemsKeepingChoice(accountChoice, w.accounts().stream().map(Account::address).toList());
    }

    /** Reads the list again (public for tests). */
    public void refresh() {
        refresh(null);
    }

    private void refresh(String after) {
        String account = accountChoice.getValue();
        if (session.wallet() == null || account == null || busy) {
            status(session.wallet() == null ? "Unlock the wallet to see your credentials." : "", session.wallet() == null);
            return;
        }
        busy = true;
        refreshButton.setDisable(true);
        status("Reading your credentials from the vault and the chain…", false);
        session.background().run("Reading my credentials", w -> {
            try (Seller s = Seller.open(session, account, confirm)) {
                return service.rows(s, session.dataFolder().resolve("credentials"));
            }
        }, rows -> {
            busy = false;
            refreshButton.setDisable(false);
            MyCredentialsService.Row was = table.getSelectionModel().getSelectedItem();
            table.setItems(FXCollections.observableArrayList(rows));
            if (was != null) {
                rows.stream().filter(r -> r.credentialHash().equals(was.credentialHash())).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
            status(after != null ? after : rows.size() + (rows.size() == 1 ? " credential." : " credentials."), false);
        }, e -> {
            busy = false;
            refreshButton.setDisable(false);
            status(Errors.describe(e), true);
        });
    }

    private void selected(MyCredentialsService.Row r) {
        boolean listed = r != null && r.listingId() != null && r.price() != null && r.price().signum() > 0;
        boolean anchored = r != null && r.status() != MyCredentialsService.Status.DRAFT
                && r.status() != MyCredentialsService.Status.PUBLISHING && r.status() != MyCredentialsService.Status.REVOKED;
        selectedLabel.setText(r == null ? "Select a credential." : r.title() + " — " + r.statusText());
        priceField.setDisable(!listed || busy);
        priceButton.setDisable(!listed || busy);
        delistButton.setDisable(!listed || busy);
        repinButton.setDisable(r == null || r.packageCid() == null || busy);
        revokeButton.setDisable(!anchored || busy);
        deleteDataButton.setDisable(r == null || busy || deletePanel.running());
        if (r != null && r.status() == MyCredentialsService.Status.DRAFT) {
            status("A saved package, not published: publish it from the Credential studio.", false);
        } else if (r != null && r.status() == MyCredentialsService.Status.PUBLISHING) {
            status("Its publication has not finished: the Publications page shows the step it stopped at.", false);
        }
    }

    /** An action on the selected credential with the seller's services. */
    private interface Action {
        void run(Seller seller, Progress progress) throws Exception;
    }

    private void act(String what, Action action, String done) {
        MyCredentialsService.Row r = table.getSelectionModel().getSelectedItem();
        String account = accountChoice.getValue();
        if (r == null || account == null || busy) {
            return;
        }
        busy = true;
        selected(r);
        status(what + "…", false);
        Consumer<String> line = m -> Platform.runLater(() -> status(m, false));
        session.background().run(what, (Work<Void>) w -> {
            try (Seller s = Seller.open(session, account, confirm)) {
                action.run(s, line::accept);
            }
            return null;
        }, v -> {
            busy = false;
            refresh(done);
        }, e -> {
            busy = false;
            confirm.dismiss();
            selected(table.getSelectionModel().getSelectedItem());
            status(Errors.describe(e), true);
        });
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    static String moca(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString() + " MOCA";
    }

    private void status(String text, boolean error) {
        status.setText(text);
        status.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            status.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }
}
