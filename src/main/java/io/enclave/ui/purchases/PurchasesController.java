package io.enclave.ui.purchases;

import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.AppServices;
import io.enclave.ui.app.Session;
import io.enclave.ui.app.Words;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * "My purchases": what this wallet bought, from its vault, with the chain's state in words (waiting for the key,
 * delivered, opened and verified, rejected, refundable, disputed); opening a delivered purchase decrypts and verifies
 * it on this computer and shows the credential, which can be exported as JSON or as a W3C Verifiable Credential;
 * a refund after the delivery deadline; a dispute with a statement and an evidence file uploaded to IPFS. While a
 * purchase waits for its key the list refreshes itself.
 */
public final class PurchasesController {
    private final Session session;
    private final Map<BigInteger, OpenedCredential> opened = new ConcurrentHashMap<>();
    private final Map<BigInteger, String> titles = new ConcurrentHashMap<>();
    private Parent root;
    private long chainTime;
    private Task<?> loading;
    private Task<?> acting;
    private Timeline poll;
    private CredentialView credential;
    private DisputeForm disputeForm;

    @FXML
    private Label purchaseCount;
    @FXML
    private ProgressIndicator listProgress;
    @FXML
    private Button refreshButton;
    @FXML
    private Label listError;
    @FXML
    private TableView<PurchaseRow> table;
    @FXML
    private TableColumn<PurchaseRow, String> idColumn;
    @FXML
    private TableColumn<PurchaseRow, String> titleColumn;
    @FXML
    private TableColumn<PurchaseRow, String> priceColumn;
    @FXML
    private TableColumn<PurchaseRow, String> stateColumn;
    @FXML
    private Label noSelection;
    @FXML
    private VBox detail;
    @FXML
    private Label detailTitle;
    @FXML
    private Label stateBadge;
    @FXML
    private Label explain;
    @FXML
    private GridPane grid;
    @FXML
    private Button openButton;
    @FXML
    private javafx.scene.control.CheckBox onChainBox;
    @FXML
    private Button refundButton;
    @FXML
    private Button disputeButton;
    @FXML
    private ProgressIndicator actionProgress;
    @FXML
    private Label actionStatus;
    @FXML
    private VBox disputeBox;
    @FXML
    private TextArea disputeText;
    @FXML
    private Button attachButton;
    @FXML
    private Label attachedFile;
    @FXML
    private Button disputeCancel;
    @FXML
    private Button disputeSend;
    @FXML
    private VBox credentialBox;
    @FXML
    private Label verifyBadge;
    @FXML
    private Label statement;
    @FXML
    private GridPane credentialGrid;
    @FXML
    private Button exportJsonButton;
    @FXML
    private Button exportVcButton;

    public PurchasesController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("purchases", "purchases", this);
            poll = new Timeline(new KeyFrame(Duration.seconds(4), e -> pollWaiting()));
            poll.setCycleCount(Timeline.INDEFINITE);
            root.sceneProperty().addListener((o, a, scene) -> {
                if (scene == null) {
                    poll.stop();
                }
            });
        }
        poll.play();
        refresh();
        return root;
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().purchase().id().toString()));
        titleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        priceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Words.moca(c.getValue().purchase().amount())));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().stateWords()));
        table.setItems(FXCollections.observableArrayList());
        table.setPlaceholder(new Label("Nothing bought yet: find a credential in the Marketplace and buy it."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showDetail(b));
        refreshButton.setOnAction(e -> refresh());
        openButton.setOnAction(e -> open());
        refundButton.setOnAction(e -> refund());
        credential = new CredentialView(credentialBox, verifyBadge, statement, credentialGrid, this::status);
        disputeForm = new DisputeForm(disputeBox, disputeText, attachedFile, disputeSend, this::status);
        disputeButton.setOnAction(e -> disputeForm.show(true));
        disputeCancel.setOnAction(e -> disputeForm.show(false));
        attachButton.setOnAction(e -> disputeForm.choose(root.getScene().getWindow()));
        disputeSend.setOnAction(e -> dispute());
        exportJsonButton.setOnAction(e -> exportWithChooser(false));
        exportVcButton.setOnAction(e -> exportWithChooser(true));
        listError.managedProperty().bind(listError.visibleProperty());
    }

    /** Reloads the purchases from the vault and their state from the chain, off the FX thread. */
    public void refresh() {
        if (loading != null) {
            return;
        }
        listProgress.setVisible(true);
        loading = session.background().run("read my purchases", p -> load(), this::show, e -> {
            loading = null;
            listProgress.setVisible(false);
            listError.setText("Your purchases could not be read: " + Errors.describe(e));
            listError.setVisible(true);
        });
    }

    private void pollWaiting() {
        if (loading == null && acting == null && session.wallet() != null && table.getItems().stream()
                .anyMatch(r -> r.purchase().state() == PurchaseState.ESCROWED)) {
            refresh();
        }
    }

    private record Loaded(List<PurchaseRow> rows, long chainTime) {
    }

    private Loaded load() {
        AppServices s = session.services();
        long now = s.chain().chainTime();
        List<PurchaseRow> rows = new ArrayList<>();
        for (MarketStore.OwnPurchase own : s.ownPurchases()) {
            Purchase p = s.buy().purchase(own.purchaseId());
            rows.add(new PurchaseRow(p, title(s, p.listingId()), p.refundableAt(now), own.proofVerified()));
        }
        return new Loaded(rows, now);
    }

    private String title(AppServices s, BigInteger listingId) {
        String known = titles.get(listingId);
        if (known != null) {
            return known;
        }
        try {
            var m = s.listings().get(listingId).metadata();
            if (m != null) {
                titles.put(listingId, m.title());
                return m.title();
            }
        } catch (MarketException e) {
            // the listing's metadata is unreachable now (IPFS down): the id stands in, and it is read again next time
        }
        return "Listing #" + listingId;
    }

    private void show(Loaded loaded) {
        loading = null;
        listProgress.setVisible(false);
        listError.setVisible(false);
        chainTime = loaded.chainTime();
        PurchaseRow selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(loaded.rows());
        long waiting = loaded.rows().stream().filter(r -> r.purchase().state() == PurchaseState.ESCROWED && !r.refundable())
                .count();
        purchaseCount.setText(loaded.rows().size() + " purchase" + (loaded.rows().size() == 1 ? "" : "s")
                + (waiting > 0 ? " · " + waiting + " waiting for the key" : ""));
        if (selected != null) {
            loaded.rows().stream().filter(r -> r.purchase().id().equals(selected.purchase().id())).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        } else if (!loaded.rows().isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    private void showDetail(PurchaseRow row) {
        detail.setVisible(row != null);
        noSelection.setVisible(row == null);
        if (row == null) {
            return;
        }
        Purchase p = row.purchase();
        detailTitle.setText(row.title());
        stateBadge.setText(row.stateWords());
        stateBadge.getStyleClass().setAll("label", "badge", row.badgeStyle());
        explain.setText(PurchaseWords.explain(row));
        grid.getChildren().clear();
        int r = 0;
        r = line(grid, r, "Purchase", "#" + p.id() + " of listing #" + p.listingId(), false);
        boolean escrowed = p.state() == PurchaseState.ESCROWED;
        r = line(grid, r, "Paid", Words.moca(p.amount()) + (escrowed ? " (in escrow until the key arrives)"
                : p.state() == PurchaseState.REFUNDED ? " (refunded)" : ""), false);
        if (escrowed) {
            r = line(grid, r, "Key due by", Words.when(p.deliverBy()), false);
        }
        if (p.disputeBy() != null && p.state() != PurchaseState.DISPUTED && p.state() != PurchaseState.RESOLVED) {
            r = line(grid, r, "Dispute until", Words.when(p.disputeBy()), false);
        }
        r = line(grid, r, "Bought with", p.buyer(), true);
        if (p.note() != null && p.state() != PurchaseState.REJECTED && p.state() != PurchaseState.OPENED) {
            line(grid, r, "Note", p.note(), false);
        }
        boolean busy = acting != null;
        openButton.setText(p.state() == PurchaseState.OPENED ? "Open again" : "Open and verify");
        openButton.setDisable(busy || !row.canOpen());
        refundButton.setDisable(busy || !row.refundable());
        disputeButton.setDisable(busy || !row.canDispute(chainTime));
        if (!row.canDispute(chainTime)) {
            disputeForm.show(false);
        }
        credential.show(opened.get(p.id()));
    }

    /** Adds a "key: value" row to a detail grid; returns the next row. */
    static int line(GridPane g, int row, String key, String value, boolean mono) {
        Label k = new Label(key);
        k.getStyleClass().add("detail-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        if (mono) {
            v.getStyleClass().add("mono");
        }
        g.addRow(row, k, v);
        return row + 1;
    }

    private PurchaseRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** Decrypts and verifies the selected purchase (fetches the package, unwraps the key, checks hash and proof). */
    public void open() {
        PurchaseRow row = selected();
        if (row == null) {
            return;
        }
        BigInteger id = row.purchase().id();
        boolean onChain = onChainBox.isSelected();
        act("Opening purchase #" + id + (onChain ? " and asking the chain…" : "…"), "Purchase #" + id + " was not opened.",
                "open purchase " + id, (s, p) -> s.buy().open(id, onChain, p), c -> {
            opened.put(id, c);
            status(true, "Purchase #" + id + " decrypted and checked"
                    + (Boolean.TRUE.equals(c.proofVerified()) ? ": its proof verifies" : "")
                    + (c.onChain() == null ? "." : c.onChain().accepted() ? ", and the chain's verifier accepts it."
                    : "; on chain: " + c.onChain().reason()));
        });
    }

    private void refund() {
        PurchaseRow row = selected();
        if (row == null) {
            return;
        }
        BigInteger id = row.purchase().id();
        act("Claiming the refund of purchase #" + id + "…", "No refund was taken.", "refund purchase " + id,
                (s, p) -> s.buy().refund(id, p),
                x -> status(true, "Refunded: " + Words.moca(row.purchase().amount()) + " are yours again; withdraw them "
                        + "from the Wallet."));
    }

    private void dispute() {
        PurchaseRow row = selected();
        String text = row == null ? null : disputeForm.statement();
        if (text == null) {
            return;
        }
        BigInteger id = row.purchase().id();
        Path file = disputeForm.attached();
        act("Uploading the evidence and opening the dispute…", "The dispute was not opened.", "dispute purchase " + id,
                (s, p) -> DisputeForm.send(s, id, text, file, p), x -> {
            disputeForm.clear();
            status(true, "Dispute opened for purchase #" + id + "; governance votes on it.");
        });
    }

    /** A use case of the buyer run off the FX thread, with progress in the status line and the list refreshed. */
    private <T> void act(String starting, String failed, String name, Action<T> work,
                         java.util.function.Consumer<T> done) {
        if (acting != null) {
            return;
        }
        actionProgress.setVisible(true);
        actionStatus.getStyleClass().removeAll("status-ok", "status-failed");
        actionStatus.setText(starting);
        setButtonsDisabled(true);
        var task = session.background().run(name, p -> work.run(session.services(), m -> p.update(m, -1)), r -> {
            acting = null;
            actionProgress.setVisible(false);
            done.accept(r);
            refresh();
        }, e -> {
            acting = null;
            actionProgress.setVisible(false);
            if (e instanceof MarketException.Declined) {
                actionStatus.setText("Cancelled: nothing was signed or sent.");
            } else {
                status(false, failed + " " + Errors.describe(e));
            }
            refresh();
        });
        acting = task;
        task.messageProperty().addListener((o, a, m) -> {
            if (acting == task && m != null && !m.isBlank()) {
                actionStatus.setText(m);
            }
        });
    }

    @FunctionalInterface
    private interface Action<T> {
        T run(AppServices services, io.enclave.market.Progress progress) throws Exception;
    }

    private void setButtonsDisabled(boolean b) {
        openButton.setDisable(b);
        refundButton.setDisable(b);
        disputeButton.setDisable(b);
        disputeForm.setSendDisabled(b);
    }

    private void status(boolean ok, String text) {
        actionStatus.getStyleClass().removeAll("status-ok", "status-failed");
        actionStatus.getStyleClass().add(ok ? "status-ok" : "status-failed");
        actionStatus.setText(text);
        disputeForm.setSendDisabled(false);
    }

    private void exportWithChooser(boolean vc) {
        PurchaseRow row = selected();
        OpenedCredential c = row == null ? null : opened.get(row.purchase().id());
        if (c != null) {
            credential.exportWithChooser(root.getScene().getWindow(), row.purchase().id().toString(), c, vc);
        }
    }

    /**
     * Writes an opened purchase's credential to {@code file}: the package as JSON, or a W3C Verifiable Credential 2.0
     * document (the file chooser's result; tests call it directly).
     */
    public void export(BigInteger purchaseId, Path file, boolean vc) {
        OpenedCredential c = opened.get(purchaseId);
        if (c == null) {
            status(false, "Open purchase #" + purchaseId + " first.");
            return;
        }
        credential.export(c, file, vc);
    }

    /** Attaches an evidence file to the dispute being written (the file chooser's result; tests call it directly). */
    public void attachEvidence(Path file) {
        disputeForm.attach(file);
    }

    /** The rows shown (tests). */
    public List<PurchaseRow> rows() {
        return List.copyOf(table.getItems());
    }
}
