package io.enclave.ui.trust;

import io.enclave.discovery.api.SellerProfile;
import io.enclave.discovery.api.TrustGraph;
import io.enclave.market.Proposal;
import io.enclave.market.Reputation;
import io.enclave.market.Vouch;
import io.enclave.ui.Views;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The voucher's screen: look up a seller (reputation from the chain, the discovery score taken apart into its formula,
 * the trust graph around it), vouch and add stake, my vouches with their unbonding state, request a withdrawal and
 * withdraw, and report a seller with evidence (a governance proposal). Every transaction shows its confirmation first.
 */
public final class TrustController {
    private static final UnbondingWords WORDS = new UnbondingWords(ZoneId.systemDefault());
    private static final long EVIDENCE_LIMIT = 16L << 20;

    private final Session session;
    private final ApprovalView prompt = new ApprovalView("trust");
    private final TrustGraphView graphView = new TrustGraphView();
    /** Sellers this account acted on here, shown in "My vouches" even before the discovery server indexed them. */
    private final Set<String> known = new LinkedHashSet<>();
    private Parent root;
    private ServiceRunner runner;
    private boolean loadingVouches;
    private String shownReputation = "";

    @FXML
    private ChoiceBox<Account> accountChoice;
    @FXML
    private ProgressIndicator busy;
    @FXML
    private Label busyLabel;
    @FXML
    private Button cancelButton;
    @FXML
    private VBox promptHolder;
    @FXML
    private TextField sellerField;
    @FXML
    private TextField amountField;
    @FXML
    private Button lookUpButton;
    @FXML
    private Button vouchButton;
    @FXML
    private Label sellerStatus;
    @FXML
    private Button refreshVouches;
    @FXML
    private TableView<VouchRow> vouchTable;
    @FXML
    private TableColumn<VouchRow, String> sellerColumn;
    @FXML
    private TableColumn<VouchRow, String> stakeColumn;
    @FXML
    private TableColumn<VouchRow, String> unbondingColumn;
    @FXML
    private TableColumn<VouchRow, String> stateColumn;
    @FXML
    private TableColumn<VouchRow, String> votesColumn;
    @FXML
    private Button addStakeButton;
    @FXML
    private Button unbondButton;
    @FXML
    private Button withdrawButton;
    @FXML
    private Label vouchesStatus;
    @FXML
    private Label reputationTitle;
    @FXML
    private javafx.scene.layout.GridPane reputationGrid;
    @FXML
    private Label chainReputation;
    @FXML
    private Label reputationStatus;
    @FXML
    private ChoiceBox<Integer> depthChoice;
    @FXML
    private Button zoomIn;
    @FXML
    private Button zoomOut;
    @FXML
    private Button resetView;
    @FXML
    private StackPane graphHolder;
    @FXML
    private Label graphStatus;
    @FXML
    private TextArea statementField;
    @FXML
    private TextField evidenceField;
    @FXML
    private Button chooseEvidence;
    @FXML
    private TextField slashField;
    @FXML
    private TextField beneficiaryField;
    @FXML
    private TextField compensationField;
    @FXML
    private Label reportTitle;
    @FXML
    private Button reportButton;
    @FXML
    private Label reportStatus;

    /** One row of "My vouches": the chain's vouch and the chain's clock when it was read. */
    public record VouchRow(Vouch vouch, long chainNow, String active, String unbonding) {
        public String state() {
            boolean hasActive = vouch.shares().signum() > 0;
            boolean hasUnbonding = vouch.unbondingShares().signum() > 0;
            if (!hasActive && !hasUnbonding) {
                return "Withdrawn";
            }
            String left = !hasUnbonding ? "" : WORDS.left(vouch.releaseAt(), chainNow);
            String u = !hasUnbonding ? "" : left.startsWith("ready") ? left : "unbonding: " + left;
            return hasActive && hasUnbonding ? "Active; part " + u : hasActive ? "Active" : capitalise(u);
        }
    }

    public TrustController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("trust", "trust", this);
        }
        open();
        return root;
    }

    @FXML
    private void initialize() {
        promptHolder.getChildren().setAll(prompt);
        promptHolder.managedProperty().bind(prompt.visibleProperty());
        graphHolder.getChildren().setAll(graphView);
        runner = ServiceRunner.forChoice(session, prompt, busy, busyLabel, cancelButton, accountChoice);
        accountChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null && (a == null || !a.address().equals(b.address()))) {
                known.clear();
                runner.close();
                reloadVouches();
            }
        });
        vouchTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sellerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().vouch().vouchee()));
        sellerColumn.getStyleClass().add("mono");
        stakeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().active()));
        unbondingColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().unbonding()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().state()));
        votesColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                new BigDecimal(c.getValue().vouch().votingPower()).movePointLeft(18).stripTrailingZeros().toPlainString()));
        vouchTable.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                sellerField.setText(row.vouch().vouchee());
            }
        });
        depthChoice.getItems().setAll(1, 2, 3);
        depthChoice.setValue(2);
        depthChoice.valueProperty().addListener((o, a, b) -> {
            if (graphView.graph() != null) {
                loadGraph(graphView.graph().center());
            }
        });
        graphView.setOnSelect(address -> {
            sellerField.setText(address);
            lookUp();
        });
        zoomIn.setOnAction(e -> graphView.zoom(1.25));
        zoomOut.setOnAction(e -> graphView.zoom(1 / 1.25));
        resetView.setOnAction(e -> graphView.resetView());
        lookUpButton.setOnAction(e -> lookUp());
        vouchButton.setOnAction(e -> vouch(sellerField.getText()));
        addStakeButton.setOnAction(e -> selected().ifPresent(r -> vouch(r.vouch().vouchee())));
        unbondButton.setOnAction(e -> selected().ifPresent(r -> requestWithdrawal(r.vouch().vouchee())));
        withdrawButton.setOnAction(e -> selected().ifPresent(r -> withdraw(r.vouch().vouchee())));
        refreshVouches.setOnAction(e -> reloadVouches());
        chooseEvidence.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Evidence for the report");
            var f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                evidenceField.setText(f.getAbsolutePath());
            }
        });
        reportButton.setOnAction(e -> report());
        sellerField.textProperty().addListener((o, a, b) -> {
            String t = b == null ? "" : b.strip();
            reportTitle.setText(t.matches("0x[0-9a-fA-F]{40}") ? "Report seller " + t.toLowerCase(java.util.Locale.ROOT)
                    : "Report this seller");
            if (!t.equalsIgnoreCase(shownReputation)) {
                reputationTitle.setText("Reputation");
                reputationGrid.getChildren().clear();
                chainReputation.setText("");
                note(reputationStatus, t.isEmpty() ? "" : "Press Look up to read this seller's reputation.");
            }
        });
        session.walletProperty().addListener((o, a, w) -> {
            runner.close();
            known.clear();
            vouchTable.getItems().clear();
        });
    }

    /** Refreshes the account list and my vouches (the shell calls it when the page is shown). */
    public void open() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        Views.setItemsKeepingChoice(accountChoice, w.accounts());
        reloadVouches();
    }

    private Optional<VouchRow> selected() {
        VouchRow r = vouchTable.getSelectionModel().getSelectedItem();
        if (r == null) {
            status(vouchesStatus, "Select a vouch in the table first.", true);
        }
        return Optional.ofNullable(r);
    }

    // ------------------------------------------------------------------ look up: reputation and graph

    private void lookUp() {
        String seller;
        try {
            seller = TrustServices.address(sellerField.getText());
        } catch (IllegalArgumentException e) {
            status(sellerStatus, e.getMessage(), true);
            return;
        }
        status(sellerStatus, "", false);
        sellerField.setText(seller);
        runner.read("Reading the reputation", (s, p) -> {
            Reputation chain = s.trust().reputation(seller);
            String chainText = "On chain now: " + s.amount(chain.stake()) + " staked by " + chain.vouchers()
                    + " voucher(s), " + chain.deliveries() + " key(s) delivered, " + chain.slashes() + " slash(es).";
            Optional<SellerProfile> profile;
            String problem = null;
            try {
                profile = s.discovery().seller(seller);
            } catch (RuntimeException e) {
                profile = Optional.empty();
                problem = "The discovery server did not answer, so the score is missing: " + ServiceRunner.describe(e);
            }
            return new Looked(chainText, profile.orElse(null), problem);
        }, looked -> {
            shownReputation = seller;
            reputationTitle.setText("Reputation of " + seller);
            chainReputation.setText(looked.chainText());
            showScore(looked.profile());
            status(reputationStatus, looked.problem() != null ? looked.problem() : looked.profile() == null
                    ? "The discovery server has not seen this address yet (no listing, vouch or sale indexed)." : "",
                    looked.problem() != null);
            loadGraph(seller);
        }, m -> status(reputationStatus, m, true));
    }

    private record Looked(String chainText, SellerProfile profile, String problem) {
    }

    private void showScore(SellerProfile profile) {
        reputationGrid.getChildren().clear();
        if (profile == null) {
            return;
        }
        List<ReputationParts.Part> parts = ReputationParts.of(profile);
        Label score = new Label(profile.reputation() + " / 1000");
        score.getStyleClass().add("score");
        score.setId("reputationScore");
        reputationGrid.addRow(0, new Label("Score"), score, muted("from the discovery server; the parts below add up to it"));
        int row = 1;
        for (ReputationParts.Part p : parts) {
            Label points = new Label((p.points() > 0 ? "+" : "") + p.points());
            points.getStyleClass().add("part-points");
            reputationGrid.addRow(row++, new Label(p.name()), points, muted(p.formula()));
        }
        if (ReputationParts.total(parts) != profile.reputation()) {
            reputationGrid.addRow(row, new Label(""), new Label(""), muted("(the server computed "
                    + profile.reputation() + "; the parts give " + ReputationParts.total(parts)
                    + " — the server may use a newer formula)"));
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }

    private void loadGraph(String center) {
        int depth = depthChoice.getValue() == null ? 2 : depthChoice.getValue();
        note(graphStatus, "Loading the graph…");
        runner.read("Reading the trust graph", (s, p) -> s.discovery().trust(center, depth), g -> {
            graphView.show(g);
            status(graphStatus, g.nodes().size() + " wallet(s), " + g.edges().size() + " vouch(es) within " + depth
                    + " hop(s) of " + TrustGraphView.shortAddress(center) + (g.truncated() ? "; truncated: the graph is "
                    + "larger than the server returns at once." : "."), false);
        }, m -> status(graphStatus, "No trust graph: " + m, true));
    }

    // ------------------------------------------------------------------ vouching

    private void vouch(String sellerText) {
        String seller;
        BigInteger wei;
        try {
            seller = TrustServices.address(sellerText);
            wei = moca("The stake", amountField.getText(), false);
        } catch (IllegalArgumentException e) {
            status(sellerStatus, e.getMessage(), true);
            return;
        }
        prompt.setPurpose("Stake " + mocaText(wei) + " behind seller " + seller);
        note(sellerStatus, "Simulating the vouch; check the confirmation above before signing.");
        runner.run("Vouching", (s, p) -> s.trust().vouch(seller, wei, p), v -> {
            known.add(seller);
            status(sellerStatus, "Vouched: your stake behind " + seller + " is now worth "
                    + mocaText(v.activeValue()) + ".", false);
            amountField.clear();
            reloadVouches();
        }, m -> status(sellerStatus, m, true));
    }

    private void requestWithdrawal(String seller) {
        prompt.setPurpose("Start unbonding all your active stake behind " + seller);
        note(vouchesStatus, "Reading the unbonding period from the staking contract…");
        runner.run("Requesting a withdrawal", (s, p) -> {
            String when = WORDS.beforeRequest(s.unbondingPeriod(), s.chainTime());
            prompt.setPurpose("Start unbonding all your active stake behind " + seller + ": " + when);
            Platform.runLater(() -> note(vouchesStatus, "If you sign, " + when + ". Until then it stays at stake (a "
                    + "slash still applies) and no longer counts as votes."));
            return s.trust().requestWithdrawal(seller, null, p);
        }, v -> {
            known.add(seller);
            status(vouchesStatus, "Unbonding " + mocaText(v.unbondingValue()) + " until " + WORDS.at(v.releaseAt())
                    + "; withdraw it after that.", false);
            reloadVouches();
        }, m -> status(vouchesStatus, m, true));
    }

    private void withdraw(String seller) {
        prompt.setPurpose("Withdraw the unbonded stake behind " + seller);
        note(vouchesStatus, "Simulating the withdrawal…");
        runner.run("Withdrawing", (s, p) -> {
            Vouch before = s.trust().vouchOf(s.account(), seller);
            s.trust().withdraw(seller, p);
            return before;
        }, before -> {
            status(vouchesStatus, "Withdrew " + mocaText(before.unbondingValue()) + " to your account.", false);
            reloadVouches();
        }, m -> status(vouchesStatus, m, true));
    }

    /** My vouches: what the discovery server knows this account vouched for, plus what it did here; read from the chain. */
    private void reloadVouches() {
        if (session.wallet() == null || accountChoice.getValue() == null || loadingVouches) {
            return;
        }
        loadingVouches = true;
        Set<String> sellers = new LinkedHashSet<>(known);
        runner.read("Reading my vouches", (s, p) -> {
            String problem = null;
            try {
                TrustGraph g = s.discovery().trust(s.account(), 1);
                g.edges().stream().filter(e -> e.voucher().equalsIgnoreCase(s.account()))
                        .forEach(e -> sellers.add(e.subject().toLowerCase(java.util.Locale.ROOT)));
            } catch (RuntimeException e) {
                problem = "Only the vouches made here are listed: the discovery server did not answer ("
                        + ServiceRunner.describe(e) + ")";
            }
            long now = s.chainTime();
            List<VouchRow> rows = new ArrayList<>();
            for (String seller : sellers) {
                Vouch v = s.trust().vouchOf(s.account(), seller);
                if (v.shares().signum() > 0 || v.unbondingShares().signum() > 0 || known.contains(seller)) {
                    rows.add(new VouchRow(v, now, s.amount(v.activeValue()), s.amount(v.unbondingValue())));
                }
            }
            return new Loaded(rows, problem);
        }, loaded -> {
            loadingVouches = false;
            String keep = selectedSeller();
            vouchTable.getItems().setAll(loaded.rows());
            loaded.rows().stream().filter(r -> r.vouch().vouchee().equals(keep)).findFirst()
                    .ifPresent(r -> vouchTable.getSelectionModel().select(r));
            if (loaded.problem() != null) {
                status(vouchesStatus, loaded.problem(), true);
            }
        }, m -> {
            loadingVouches = false;
            status(vouchesStatus, m, true);
        });
    }

    private record Loaded(List<VouchRow> rows, String problem) {
    }

    private String selectedSeller() {
        VouchRow r = vouchTable.getSelectionModel().getSelectedItem();
        return r == null ? null : r.vouch().vouchee();
    }

    // ------------------------------------------------------------------ report

    private void report() {
        String seller;
        String statement = statementField.getText() == null ? "" : statementField.getText().strip();
        int bps;
        BigInteger compensation;
        String beneficiary;
        Path evidence = null;
        try {
            seller = TrustServices.address(sellerField.getText());
            if (statement.length() < 10) {
                throw new IllegalArgumentException("Say what happened (at least a sentence): voters decide on it.");
            }
            bps = percentToBps(slashField.getText());
            compensation = moca("The compensation", compensationField.getText(), true);
            String b = beneficiaryField.getText() == null ? "" : beneficiaryField.getText().strip();
            beneficiary = b.isEmpty() ? accountChoice.getValue().address() : TrustServices.address(b);
            String file = evidenceField.getText() == null ? "" : evidenceField.getText().strip();
            if (!file.isEmpty()) {
                evidence = Path.of(file);
                if (!Files.isRegularFile(evidence)) {
                    throw new IllegalArgumentException("There is no file " + file + ": choose the evidence again.");
                }
                if (Files.size(evidence) > EVIDENCE_LIMIT) {
                    throw new IllegalArgumentException("The evidence file is larger than 16 MiB: attach a smaller one.");
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            status(reportStatus, e.getMessage(), true);
            return;
        }
        Path file = evidence;
        prompt.setPurpose("Propose to slash " + slashField.getText().strip() + "% of the stake behind " + seller);
        note(reportStatus, "Uploading the evidence and simulating the proposal…");
        runner.run("Reporting the seller", (s, p) -> {
            String text = statement;
            if (file != null) {
                p.step("Uploading " + file.getFileName() + " to IPFS");
                var cid = s.uploadEvidence(Files.readAllBytes(file));
                text = statement + "\n\nEvidence file " + file.getFileName() + ": ipfs://" + cid;
            }
            return s.trust().report(seller, text, bps, beneficiary, compensation, p);
        }, proposal -> {
            status(reportStatus, "Proposal " + shortId(proposal) + " is open (" + proposal.state()
                    + "). Voters see it under Governance.", false);
            statementField.clear();
            evidenceField.clear();
        }, m -> status(reportStatus, m, true));
    }

    static int percentToBps(String text) {
        String t = text == null ? "" : text.strip().replace("%", "").replace(',', '.');
        try {
            BigDecimal d = new BigDecimal(t).movePointRight(2);
            int bps = d.intValueExact();
            if (bps < 1 || bps > 10_000) {
                throw new IllegalArgumentException("The slash must be between 0.01% and 100%, not " + t + "%.");
            }
            return bps;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Write the slash as a percentage with at most two decimals, e.g. 10 or "
                    + "2.5.", e);
        }
    }

    /** MOCA typed by a person ("1.5") in wei; {@code zeroOk} allows 0. */
    static BigInteger moca(String what, String text, boolean zeroOk) {
        String t = text == null ? "" : text.strip().replace(",", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: enter an amount in MOCA, e.g. 10 or 2.5.");
        }
        try {
            if (!t.matches("\\d{1,12}(\\.\\d{1,18})?")) {
                throw new NumberFormatException();
            }
            BigInteger wei = new BigDecimal(t).movePointRight(18).toBigIntegerExact();
            if (wei.signum() == 0 && !zeroOk) {
                throw new IllegalArgumentException(what + " must be more than zero.");
            }
            return wei;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + t + "' is not an amount in MOCA (digits, at most 18 decimals).", e);
        }
    }

    private static String mocaText(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString() + " MOCA";
    }

    static String shortId(Proposal p) {
        String id = p.id().toString();
        return "#" + (id.length() > 10 ? id.substring(0, 4) + "…" + id.substring(id.length() - 4) : id);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void note(Label label, String text) {
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
    }

    private static void status(Label label, String text, boolean error) {
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            label.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }

    /** The graph view (tests click its nodes). */
    public TrustGraphView graphView() {
        return graphView;
    }

    /** Stops background work and drops the services (the shell calls it on close). */
    public void close() {
        if (runner != null) { // null when the page was never opened
            runner.cancel();
            runner.close();
        }
    }
}
