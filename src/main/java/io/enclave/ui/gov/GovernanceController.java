package io.enclave.ui.gov;

import io.enclave.market.Proposal;
import io.enclave.ui.Views;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.ui.trust.ServiceRunner;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Proposals with their state, votes and voting window; a proposal's actions in plain words; vote for, against or
 * abstain, queue and execute — each transaction shown in the confirmation before it is signed, chain refusals (a second
 * vote, executing before the timelock) explained.
 */
public final class GovernanceController {
    private final Session session;
    private final ApprovalView prompt = new ApprovalView("gov");
    private Parent root;
    private ServiceRunner runner;
    private long head;
    private boolean loading;

    @FXML
    private ChoiceBox<Account> accountChoice;
    @FXML
    private ProgressIndicator busy;
    @FXML
    private Label busyLabel;
    @FXML
    private Button cancelButton;
    @FXML
    private Button refreshButton;
    @FXML
    private VBox promptHolder;
    @FXML
    private TableView<Proposal> proposalTable;
    @FXML
    private TableColumn<Proposal, String> idColumn;
    @FXML
    private TableColumn<Proposal, String> descriptionColumn;
    @FXML
    private TableColumn<Proposal, String> stateColumn;
    @FXML
    private TableColumn<Proposal, String> forColumn;
    @FXML
    private TableColumn<Proposal, String> againstColumn;
    @FXML
    private TableColumn<Proposal, String> abstainColumn;
    @FXML
    private TableColumn<Proposal, String> votingColumn;
    @FXML
    private Label listStatus;
    @FXML
    private Label detailTitle;
    @FXML
    private GridPane detailGrid;
    @FXML
    private VBox actionsBox;
    @FXML
    private Button voteFor;
    @FXML
    private Button voteAgainst;
    @FXML
    private Button voteAbstain;
    @FXML
    private Button queueButton;
    @FXML
    private Button executeButton;
    @FXML
    private Label actionStatus;

    public GovernanceController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("gov", "governance", this);
        }
        open();
        return root;
    }

    @FXML
    private void initialize() {
        promptHolder.getChildren().setAll(prompt);
        promptHolder.managedProperty().bind(prompt.visibleProperty());
        runner = ServiceRunner.forChoice(session, prompt, busy, busyLabel, cancelButton, accountChoice);
        accountChoice.valueProperty().addListener((o, a, b) -> runner.close());
        proposalTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        idColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(shortId(c.getValue().id())));
        idColumn.getStyleClass().add("mono");
        descriptionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(firstLine(c.getValue().description())));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().state()));
        stateColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                getStyleClass().removeAll("state-active", "state-passed", "state-failed");
                if (!empty && s != null) {
                    getStyleClass().add(stateStyle(s));
                }
            }
        });
        forColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(votes(c.getValue().votesFor())));
        againstColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(votes(c.getValue().votesAgainst())));
        abstainColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(votes(c.getValue().votesAbstain())));
        votingColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(window(c.getValue(), head)));
        proposalTable.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> showDetail(p));
        refreshButton.setOnAction(e -> reload());
        voteFor.setOnAction(e -> vote(1));
        voteAgainst.setOnAction(e -> vote(0));
        voteAbstain.setOnAction(e -> vote(2));
        queueButton.setOnAction(e -> act("Queueing", "queue it", "Queued in the timelock: execute it once the delay is over.",
                (s, p, id) -> s.governance().queue(id, p)));
        executeButton.setOnAction(e -> act("Executing", "execute it", "Executed: its actions ran.",
                (s, p, id) -> s.governance().execute(id, p)));
        session.walletProperty().addListener((o, a, w) -> {
            runner.close();
            proposalTable.getItems().clear();
        });
        showDetail(null);
    }

    /** Refreshes the accounts and the proposals (the shell calls it when the page is shown). */
    public void open() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        Views.setItemsKeepingChoice(accountChoice, w.accounts());
        reload();
    }

    private void reload() {
        if (loading) {
            return;
        }
        loading = true;
        runner.read("Reading proposals", (s, p) -> new Loaded(s.governance().all(), s.head()), loaded -> {
            loading = false;
            head = loaded.head();
            BigInteger keep = selectedId();
            List<Proposal> newestFirst = new ArrayList<>(loaded.proposals());
            java.util.Collections.reverse(newestFirst);
            proposalTable.getItems().setAll(newestFirst);
            note(listStatus, newestFirst.size() + " proposal(s); block " + head + ".");
            newestFirst.stream().filter(p -> p.id().equals(keep)).findFirst()
                    .ifPresentOrElse(p -> proposalTable.getSelectionModel().select(p), () -> showDetail(null));
        }, m -> {
            loading = false;
            status(listStatus, m, true);
        });
    }

    private record Loaded(List<Proposal> proposals, long head) {
    }

    private BigInteger selectedId() {
        Proposal p = proposalTable.getSelectionModel().getSelectedItem();
        return p == null ? null : p.id();
    }

    private void showDetail(Proposal p) {
        detailGrid.getChildren().clear();
        actionsBox.getChildren().clear();
        boolean none = p == null;
        for (Button b : List.of(voteFor, voteAgainst, voteAbstain, queueButton, executeButton)) {
            b.setDisable(none);
        }
        if (none) {
            detailTitle.setText("Select a proposal to read it and vote.");
            return;
        }
        detailTitle.setText(firstLine(p.description()));
        int row = 0;
        row = detail(row, "Proposal", p.id().toString(), "mono");
        row = detail(row, "Description", p.description(), null);
        row = detail(row, "Proposer", p.proposer(), "mono");
        row = detail(row, "State", p.state() + " — " + explainState(p.state()), stateStyle(p.state()));
        row = detail(row, "Votes", "for " + votes(p.votesFor()) + " · against " + votes(p.votesAgainst()) + " · abstain "
                + votes(p.votesAbstain()) + " (MOCA of voting stake)", null);
        detail(row, "Voting", window(p, head) + " (now block " + head + ")", null);
        int i = 1;
        for (String words : p.actions()) {
            Label l = new Label(i++ + ". " + words);
            l.setWrapText(true);
            l.getStyleClass().add("action-line");
            if (words.contains("check it before voting")) {
                l.getStyleClass().add("action-unknown");
            }
            actionsBox.getChildren().add(l);
        }
        boolean active = "Active".equals(p.state());
        voteFor.setDisable(!active);
        voteAgainst.setDisable(!active);
        voteAbstain.setDisable(!active);
        queueButton.setDisable(!"Succeeded".equals(p.state()));
        executeButton.setDisable(!"Queued".equals(p.state()));
    }

    private int detail(int row, String key, String value, String style) {
        Label k = new Label(key);
        k.getStyleClass().add("detail-key");
        k.setMinWidth(90);
        Label v = new Label(value);
        v.setWrapText(true);
        if (style != null) {
            v.getStyleClass().add(style);
        }
        detailGrid.addRow(row, k, v);
        return row + 1;
    }

    private void vote(int support) {
        String how = List.of("against", "for", "abstain").get(support);
        act("Voting " + how, "vote " + how, "Your vote (" + how + ") is counted.",
                (s, p, id) -> s.governance().vote(id, support, p));
    }

    @FunctionalInterface
    private interface Step {
        Proposal call(io.enclave.ui.trust.TrustServices s, io.enclave.market.Progress p, BigInteger id) throws Exception;
    }

    private void act(String name, String verb, String doneText, Step step) {
        Proposal selected = proposalTable.getSelectionModel().getSelectedItem();
        if (selected == null) {
            status(actionStatus, "Select a proposal first.", true);
            return;
        }
        BigInteger id = selected.id();
        String about = firstLine(selected.description());
        prompt.setPurpose(capitalise(verb) + ": proposal " + shortId(id) + " (" + (about.length() > 60
                ? about.substring(0, 60) + "…" : about) + ")");
        note(actionStatus, "Simulating: " + verb + "; check the confirmation above before signing.");
        runner.run(name, (s, p) -> new Acted(step.call(s, p, id), s.head()), acted -> {
            head = acted.head();
            Proposal p = acted.proposal();
            int at = proposalTable.getItems().indexOf(selected);
            if (at >= 0) {
                proposalTable.getItems().set(at, p);
                proposalTable.getSelectionModel().select(at);
            }
            note(listStatus, proposalTable.getItems().size() + " proposal(s); block " + head + ".");
            status(actionStatus, doneText + " The proposal is " + p.state() + ".", false);
        }, m -> status(actionStatus, m, true));
    }

    private record Acted(Proposal proposal, long head) {
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String votes(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
    }

    static String shortId(BigInteger id) {
        String s = id.toString();
        return s.length() > 12 ? s.substring(0, 5) + "…" + s.substring(s.length() - 5) : s;
    }

    static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.length() > 140 ? line.substring(0, 140) + "…" : line;
    }

    /** The voting window in words, relative to the head block. */
    static String window(Proposal p, long head) {
        long start = p.voteStart().longValue();
        long end = p.voteEnd().longValue();
        if (head < start) {
            return "opens in " + (start - head) + " block(s)";
        }
        if (head <= end && ("Active".equals(p.state()) || "Pending".equals(p.state()))) {
            return "closes in " + (end - head + 1) + " block(s), at " + end;
        }
        return "closed at block " + end;
    }

    static String explainState(String state) {
        return switch (state) {
            case "Pending" -> "voting has not opened yet";
            case "Active" -> "voting is open";
            case "Succeeded" -> "passed; queue it in the timelock";
            case "Queued" -> "in the timelock; execute it once the delay is over";
            case "Executed" -> "its actions ran";
            case "Defeated" -> "rejected, or the quorum was not reached";
            case "Canceled" -> "withdrawn by its proposer";
            case "Expired" -> "queued but not executed in time";
            default -> "";
        };
    }

    private static String stateStyle(String state) {
        return switch (state) {
            case "Active", "Pending" -> "state-active";
            case "Succeeded", "Queued", "Executed" -> "state-passed";
            default -> "state-failed";
        };
    }

    private static void note(Label label, String text) {
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
    }

    private static void status(Label label, String text, boolean error) {
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
        label.getStyleClass().add(error ? "error-text" : "ok-text");
    }

    /** Stops background work and drops the services (the shell calls it on close). */
    public void close() {
        if (runner != null) { // null when the page was never opened
            runner.cancel();
            runner.close();
        }
    }
}
