package io.enclave.ui.inbox;

import io.enclave.market.MarketException;
import io.enclave.market.Purchase;
import io.enclave.market.deliver.Delivery;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.AppServices;
import io.enclave.ui.app.Session;
import io.enclave.ui.app.Words;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The seller inbox: purchases of this account's listings still waiting for their key, read from chain logs; delivered
 * by the app runtime's watcher while automatic delivery is on (Settings), or here by hand, one purchase at a time
 * (the same outbox job the watcher makes: never a second delivery). Below, what the runtime did in the background.
 */
public final class InboxController {
    private final Session session;
    private Parent root;
    private Task<?> loading;
    private Task<?> delivering;
    private Timeline poll;

    @FXML
    private ProgressIndicator listProgress;
    @FXML
    private Label waitingCount;
    @FXML
    private Button refreshButton;
    @FXML
    private FontIcon autoIcon;
    @FXML
    private Label autoStatus;
    @FXML
    private Label listError;
    @FXML
    private TableView<Purchase> table;
    @FXML
    private TableColumn<Purchase, String> idColumn;
    @FXML
    private TableColumn<Purchase, String> listingColumn;
    @FXML
    private TableColumn<Purchase, String> buyerColumn;
    @FXML
    private TableColumn<Purchase, String> amountColumn;
    @FXML
    private TableColumn<Purchase, String> dueColumn;
    @FXML
    private TableColumn<Purchase, String> noteColumn;
    @FXML
    private Button deliverButton;
    @FXML
    private ProgressIndicator deliverProgress;
    @FXML
    private Label deliverStatus;
    @FXML
    private ListView<String> events;

    public InboxController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("inbox", "inbox", this);
            poll = new Timeline(new KeyFrame(Duration.seconds(5), e -> {
                if (loading == null && delivering == null && session.wallet() != null) {
                    refresh();
                }
            }));
            poll.setCycleCount(Timeline.INDEFINITE);
            root.sceneProperty().addListener((o, a, scene) -> {
                if (scene == null) {
                    poll.stop();
                }
            });
        }
        showAutoStatus();
        poll.play();
        refresh();
        return root;
    }

    @FXML
    private void initialize() {
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper("#" + c.getValue().id()));
        listingColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper("#" + c.getValue().listingId()));
        buyerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().buyer()));
        amountColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Words.moca(c.getValue().amount())));
        dueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Words.when(c.getValue().deliverBy())));
        noteColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().note() == null ? ""
                : c.getValue().note()));
        table.setItems(FXCollections.observableArrayList());
        table.setPlaceholder(new Label("No purchase is waiting for a key."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) ->
                deliverButton.setDisable(b == null || delivering != null));
        refreshButton.setOnAction(e -> refresh());
        deliverButton.setOnAction(e -> deliverSelected());
        listError.managedProperty().bind(listError.visibleProperty());
        events.setItems(session.runnerEvents());
        events.setPlaceholder(new Label("Nothing yet: deliveries and resumed publications are listed here."));
        session.settingsProperty().addListener((o, a, b) -> showAutoStatus());
    }

    private void showAutoStatus() {
        boolean on = session.settings().autoDeliver();
        autoStatus.setText(on ? "Automatic delivery is on: while Enclave runs, each new purchase of your listings gets its "
                + "key within seconds, and you are paid from escrow. Switch it off in Settings to deliver by hand."
                : "Automatic delivery is off: deliver each purchase below by hand before its deadline, or the buyer takes "
                + "a refund. Switch it on in Settings.");
        autoIcon.getStyleClass().removeAll("auto-on", "auto-off");
        autoIcon.getStyleClass().add(on ? "auto-on" : "auto-off");
    }

    /** Reads the purchases waiting for a key from the chain, off the FX thread. */
    public void refresh() {
        if (loading != null) {
            return;
        }
        listProgress.setVisible(true);
        loading = session.background().run("read the seller inbox", p -> session.services().delivery().waiting(),
                this::show, e -> {
                    loading = null;
                    listProgress.setVisible(false);
                    listError.setText("The inbox could not be read: " + Errors.describe(e));
                    listError.setVisible(true);
                });
    }

    private void show(List<Purchase> waiting) {
        loading = null;
        listProgress.setVisible(false);
        listError.setVisible(false);
        Purchase selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(waiting);
        waitingCount.setText(waiting.isEmpty() ? "Nothing waiting" : waiting.size() + " waiting for the key");
        if (selected != null) {
            waiting.stream().filter(p -> p.id().equals(selected.id())).findFirst()
                    .ifPresent(p -> table.getSelectionModel().select(p));
        }
        if (table.getSelectionModel().isEmpty() && !waiting.isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    private void deliverSelected() {
        Purchase p = table.getSelectionModel().getSelectedItem();
        if (p == null || delivering != null) {
            return;
        }
        deliverButton.setDisable(true);
        deliverProgress.setVisible(true);
        deliverStatus.getStyleClass().removeAll("status-ok", "status-failed");
        deliverStatus.setText("Delivering the key of purchase #" + p.id() + "…");
        delivering = session.background().run("deliver purchase " + p.id(), t -> {
            AppServices s = session.services();
            return s.delivery().deliver(p.id(), m -> t.update(m, -1));
        }, d -> {
            delivering = null;
            deliverProgress.setVisible(false);
            boolean ok = d.outcome() == Delivery.Outcome.DELIVERED || d.outcome() == Delivery.Outcome.ALREADY_DELIVERED;
            if (d.outcome() != Delivery.Outcome.IN_PROGRESS) { // the runner has it: neither done nor failed yet
                deliverStatus.getStyleClass().add(ok ? "status-ok" : "status-failed");
            }
            deliverStatus.setText(AppServices.describe(d));
            refresh();
        }, e -> {
            delivering = null;
            deliverProgress.setVisible(false);
            deliverButton.setDisable(table.getSelectionModel().getSelectedItem() == null);
            if (e instanceof MarketException.Declined) {
                deliverStatus.setText("Cancelled: nothing was signed or sent.");
            } else {
                deliverStatus.getStyleClass().add("status-failed");
                deliverStatus.setText(Errors.describe(e));
            }
        });
    }

    /** The purchases shown as waiting (tests). */
    public List<Purchase> rows() {
        return List.copyOf(table.getItems());
    }
}
