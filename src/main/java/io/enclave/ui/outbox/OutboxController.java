package io.enclave.ui.outbox;

import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.Outbox;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The outbox as the user sees it: every publication (and delivery) job, its state, the step it is at, its attempts
 * and last error, and each step's record; a failed job can be retried once its cause is fixed. Reads the wallet's
 * encrypted vault, so it shows only while the wallet is unlocked.
 */
public final class OutboxController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Session session;
    private Parent root;

    @FXML
    private Label jobCount;
    @FXML
    private Label outboxError;
    @FXML
    private TableView<JobView> jobs;
    @FXML
    private TableColumn<JobView, String> kindColumn;
    @FXML
    private TableColumn<JobView, String> stateColumn;
    @FXML
    private TableColumn<JobView, String> stepColumn;
    @FXML
    private TableColumn<JobView, String> attemptsColumn;
    @FXML
    private TableColumn<JobView, String> errorColumn;
    @FXML
    private ListView<String> steps;
    @FXML
    private Button refreshButton;
    @FXML
    private Button retryButton;

    public OutboxController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("outbox", "outbox", this);
        }
        refresh();
        return root;
    }

    @FXML
    private void initialize() {
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind() + " · " + c.getValue().id()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(state(c.getValue())));
        stepColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().currentStep() == null ? "—"
                : c.getValue().currentStep()));
        attemptsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().attempts())));
        errorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastError() == null ? ""
                : c.getValue().lastError()));
        outboxError.managedProperty().bind(outboxError.textProperty().isNotEmpty());
        outboxError.visibleProperty().bind(outboxError.textProperty().isNotEmpty());
        jobs.setItems(FXCollections.observableArrayList());
        jobs.setPlaceholder(new Label("No publications yet: jobs appear here when you publish a credential or "
                + "deliver a key."));
        jobs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        jobs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showSteps(b));
        refreshButton.setOnAction(e -> refresh());
        retryButton.setOnAction(e -> retrySelected());
        retryButton.setDisable(true);
    }

    /** Reloads the jobs from the vault, off the FX thread. */
    public void refresh() {
        outboxError.setText("");
        session.background().run("read the outbox", p -> outbox().jobs(), this::show,
                e -> outboxError.setText(Errors.describe(e)));
    }

    private void retrySelected() {
        JobView j = jobs.getSelectionModel().getSelectedItem();
        if (j == null || j.state() != JobView.State.FAILED) {
            return;
        }
        session.background().run("retry " + j.id(), p -> {
            Outbox o = outbox();
            o.retry(j.id());
            return o.jobs();
        }, list -> {
            show(list);
            outboxError.setText(session.runningServices() != null ? "Job " + j.id() + " runs again within a few seconds."
                    : "Job " + j.id() + " runs again once Enclave is connected to its network.");
        }, e -> outboxError.setText(Errors.describe(e)));
    }

    private void show(List<JobView> list) {
        String selected = jobs.getSelectionModel().getSelectedItem() == null ? null
                : jobs.getSelectionModel().getSelectedItem().id();
        jobs.getItems().setAll(list);
        long pending = list.stream().filter(j -> j.state() == JobView.State.PENDING).count();
        long failed = list.stream().filter(j -> j.state() == JobView.State.FAILED).count();
        jobCount.setText(list.size() + " jobs · " + pending + " in progress · " + failed + " need you");
        list.stream().filter(j -> j.id().equals(selected)).findFirst()
                .ifPresent(j -> jobs.getSelectionModel().select(j));
    }

    private void showSteps(JobView j) {
        retryButton.setDisable(j == null || j.state() != JobView.State.FAILED);
        if (j == null) {
            steps.getItems().clear();
            return;
        }
        steps.getItems().setAll(j.steps().stream().map(s -> (s.done() ? "✓ " : "○ ") + s.name()
                + (s.done() && s.completedAt() != null ? "  done " + TIME.format(s.completedAt()) : "")
                + (s.attempts() > 0 ? "  · attempts " + s.attempts() : "")
                + (s.lastError() != null ? "  · last error: " + s.lastError() : "")).toList());
    }

    static String state(JobView j) {
        return switch (j.state()) {
            case DONE -> "Done";
            case FAILED -> "Needs you";
            case PENDING -> j.attempts() > 0 && j.nextAttemptAt() != null
                    ? "Retrying at " + TIME.format(j.nextAttemptAt()) : "In progress";
        };
    }

    /**
     * The vault's one outbox runner (the app runtime's, which resumes and retries the jobs); before the runtime is up
     * (no network yet) a reader of the same tables, whose retried jobs run once the runtime starts.
     */
    private Outbox outbox() {
        io.enclave.ui.app.AppServices running = session.runningServices();
        if (running != null) {
            return running.outbox();
        }
        return new Outbox(session.vault().dataSource(), Map.of(), Backoff.DEFAULT, Clock.systemUTC());
    }
}
