package io.enclave.ui.wallet;

import io.enclave.chain.Balances;
import io.enclave.chain.Humanizer;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import io.enclave.vault.Activity;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Accounts, balances, receive (address + QR), send ({@link SendPanel}: the readable confirmation in the one
 * {@code ApprovalView} before signing), withdraw ({@link WithdrawPanel}), and the activity list refreshed from the
 * chain every few seconds while the wallet is unlocked, with speed-up and cancel ({@link ActivityActions}: the
 * replacement's confirmation in the one {@code ApprovalView} under the list before signing).
 */
public final class WalletController {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Session session;
    private Parent root;
    private SendPanel send;
    private ScheduledService<List<Activity>> activityPoller;
    private Task<?> balanceTask;

    @FXML
    private ComboBox<Account> accountChoice;
    @FXML
    private Button addAccountButton;
    @FXML
    private Button refreshButton;
    @FXML
    private Label walletError;
    @FXML
    private Label balanceLabel;
    @FXML
    private ProgressIndicator balanceProgress;
    @FXML
    private Label networkLabel;
    @FXML
    private VBox holdingsBox;
    @FXML
    private VBox withdrawHost;
    private WithdrawPanel withdraw;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab sendTab;
    @FXML
    private Tab receiveTab;
    @FXML
    private Tab activityTab;
    @FXML
    private VBox sendHost;
    @FXML
    private ImageView qrImage;
    @FXML
    private TextField receiveAddress;
    @FXML
    private TextField receivePublicKey;
    @FXML
    private Button copyButton;
    @FXML
    private Label copiedLabel;
    @FXML
    private TableView<Activity> activityTable;
    @FXML
    private TableColumn<Activity, String> whenColumn;
    @FXML
    private TableColumn<Activity, String> whatColumn;
    @FXML
    private TableColumn<Activity, String> amountColumn;
    @FXML
    private TableColumn<Activity, String> statusColumn;
    @FXML
    private TableColumn<Activity, String> hashColumn;
    @FXML
    private Button speedUpButton;
    @FXML
    private Button cancelTxButton;
    @FXML
    private Label activityStatus;
    @FXML
    private HBox activityActions;
    @FXML
    private VBox activityBox;
    private ActivityActions replacing;

    public WalletController(Session session) {
        this.session = session;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("wallet", "wallet", this);
        }
        return root;
    }

    @FXML
    private Button faucetButton;

    @FXML
    private void initialize() {
        accountChoice.setCellFactory(l -> new AccountCell());
        accountChoice.setButtonCell(new AccountCell());
        accountChoice.valueProperty().addListener((o, a, b) -> accountChanged());
        addAccountButton.setOnAction(e -> addAccount());
        refreshButton.setOnAction(e -> refreshBalances());
        faucetButton.setOnAction(e -> faucet());
        withdraw = new WithdrawPanel(session, () -> {
            refreshBalances();
            reloadActivity();
        });
        withdrawHost.getChildren().setAll(withdraw.node());
        send = new SendPanel(session, accountChoice::getValue, this::reloadActivity);
        sendHost.getChildren().setAll(send.node());
        copyButton.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(receiveAddress.getText());
            Clipboard.getSystemClipboard().setContent(c);
            copiedLabel.setText("Copied");
        });
        whenColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(WHEN.format(c.getValue().createdAt())));
        whatColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().summary()));
        amountColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(humanizer().amount(c.getValue().value())));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(status(c.getValue())));
        statusColumn.setCellFactory(col -> new StatusCell());
        hashColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(shortHash(c.getValue().hash())));
        activityTable.setItems(FXCollections.observableArrayList());
        activityTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        activityTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateActivityActions());
        replacing = new ActivityActions(session, () -> activityTable.getSelectionModel().getSelectedItem(),
                this::reloadActivity, speedUpButton, cancelTxButton, activityStatus, activityActions, activityBox);
    }

    /** Called when the wallet was unlocked (or the network changed): accounts, balances, activity polling. */
    public void open() {
        view();
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        Account selected = accountChoice.getValue();
        accountChoice.getItems().setAll(w.accounts());
        accountChoice.setValue(selected != null && w.accounts().contains(selected) ? selected : w.accounts().get(0));
        boolean devnet = "devnet".equals(session.network().name()) && session.devnetProperty().get() != null;
        faucetButton.setVisible(devnet);
        faucetButton.setManaged(devnet);
        send.symbol(session.network().symbol());
        networkLabel.setText("on " + session.network().name() + " (chain " + session.network().chainId() + ")");
        startActivityPolling();
        refreshBalances();
    }

    /** Stops polling and forgets a transfer being reviewed; called on lock. */
    public void close() {
        if (root == null) {
            return;
        }
        if (activityPoller != null) {
            activityPoller.cancel();
            activityPoller = null;
        }
        send.close();
        replacing.close();
        accountChoice.getItems().clear();
        activityTable.getItems().clear();
        balanceLabel.setText("—");
        holdingsBox.getChildren().clear();
        withdraw.close();
        receiveAddress.clear();
        receivePublicKey.clear();
        qrImage.setImage(null);
    }

    private Humanizer humanizer() {
        UnlockedWallet w = session.wallet();
        return session.walletService().humanizer(w == null ? List.of() : w.accounts());
    }

    private void accountChanged() {
        Account a = accountChoice.getValue();
        if (a == null) {
            return;
        }
        receiveAddress.setText(WalletService.checksummed(a.address()));
        UnlockedWallet w = session.wallet();
        receivePublicKey.setText(w == null ? "" : org.web3j.utils.Numeric.toHexString(org.web3j.utils.Numeric.toBytesPadded(
                w.signer(a.address()).keyPair().getPublicKey(), 64)));
        qrImage.setImage(QrCodes.image("ethereum:" + a.address() + "@" + session.network().chainId(), 4));
        copiedLabel.setText("");
        send.accountChanged();
        refreshBalances();
    }

    private void addAccount() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        if (!w.hasRecoveryPhrase()) {
            showError("This wallet was imported from a single key, so it has no recovery phrase to derive new accounts "
                    + "from.");
            return;
        }
        session.background().run("add account", p -> w.addAccount(null), a -> {
            accountChoice.getItems().setAll(w.accounts());
            accountChoice.setValue(a);
        }, e -> showError(Errors.describe(e)));
    }

    /** The devnet's test MOCA for the selected account (anvil sets the balance; nothing is signed). */
    private void faucet() {
        Account a = accountChoice.getValue();
        var devnet = session.devnetProperty().get();
        if (a == null || devnet == null) {
            return;
        }
        faucetButton.setDisable(true);
        session.background().run("get test MOCA", p -> io.enclave.devnet.DevnetFaucet.topUp(devnet.rpcUrl(), a.address(),
                io.enclave.devnet.DevnetFaucet.GIFT), balance -> {
            faucetButton.setDisable(false);
            refreshBalances();
        }, e -> {
            faucetButton.setDisable(false);
            showError(Errors.describe(e));
        });
    }

    private void refreshBalances() {
        Account a = accountChoice.getValue();
        if (a == null || session.wallet() == null) {
            return;
        }
        if (balanceTask != null) {
            balanceTask.cancel();
        }
        balanceProgress.setVisible(true);
        withdraw.show(a);
        WalletService service = session.walletService();
        balanceTask = session.background().run("read balances", p -> service.balances(a.address()), holdings -> {
            balanceProgress.setVisible(false);
            hideError();
            Humanizer h = humanizer();
            holdingsBox.getChildren().clear();
            for (Balances.Holding x : holdings) {
                if (x.contract() == null) {
                    balanceLabel.setText(h.amount(x.wei()));
                } else {
                    Label l = new Label(x.contract() + " · " + x.function() + ": " + h.amount(x.wei()));
                    holdingsBox.getChildren().add(l);
                }
            }
            if (holdingsBox.getChildren().isEmpty()) {
                Label none = new Label("Nothing in escrow, stakes or payouts.");
                none.getStyleClass().add("text-muted");
                holdingsBox.getChildren().add(none);
            }
        }, e -> {
            balanceProgress.setVisible(false);
            balanceLabel.setText("—");
            showError("Balances could not be read. " + Errors.describe(e));
        });
    }

    private void startActivityPolling() {
        if (activityPoller != null) {
            activityPoller.cancel();
        }
        WalletService service = session.walletService();
        UnlockedWallet w = session.wallet();
        List<Account> accounts = w.accounts();
        activityPoller = new ScheduledService<>() {
            @Override
            protected Task<List<Activity>> createTask() {
                return new Task<>() {
                    @Override
                    protected List<Activity> call() {
                        return service.activity(accounts, 100);
                    }
                };
            }
        };
        activityPoller.setPeriod(Duration.seconds(2));
        activityPoller.setRestartOnFailure(true);
        activityPoller.setBackoffStrategy(ScheduledService.EXPONENTIAL_BACKOFF_STRATEGY);
        activityPoller.setMaximumCumulativePeriod(Duration.seconds(30));
        activityPoller.setOnSucceeded(e -> showActivity(activityPoller.getValue()));
        activityPoller.start();
    }

    /** Reads the activity once now (after sending), without waiting for the next poll. */
    private void reloadActivity() {
        UnlockedWallet w = session.wallet();
        if (w == null) {
            return;
        }
        WalletService service = session.walletService();
        List<Account> accounts = w.accounts();
        session.background().run("read activity", p -> service.activity(accounts, 100), this::showActivity,
                e -> showError("Activity could not be read. " + Errors.describe(e)));
    }

    private void showActivity(List<Activity> rows) {
        // A new transaction or a changed status moves money: read the balances again.
        boolean changed = !statuses(activityTable.getItems()).equals(statuses(rows));
        Activity selected = activityTable.getSelectionModel().getSelectedItem();
        activityTable.getItems().setAll(rows);
        if (selected != null) {
            rows.stream().filter(a -> a.hash().equals(selected.hash())).findFirst()
                    .ifPresent(a -> activityTable.getSelectionModel().select(a));
        }
        updateActivityActions();
        if (changed) {
            refreshBalances();
        }
    }

    private void updateActivityActions() {
        replacing.update();
    }

    private static List<String> statuses(List<Activity> rows) {
        return rows.stream().map(a -> a.hash() + a.status()).toList();
    }

    private void showError(String message) {
        walletError.setText(message);
        walletError.setVisible(true);
        walletError.setManaged(true);
    }

    private void hideError() {
        walletError.setVisible(false);
        walletError.setManaged(false);
    }

    static String status(Activity a) {
        return switch (a.status()) {
            case PENDING -> "Pending";
            case MINED -> "In block " + a.blockNumber();
            case CONFIRMED -> "Confirmed";
            case FAILED -> "Failed" + (a.error() == null ? "" : ": " + a.error());
            case REPLACED -> "Replaced";
            case DROPPED -> "Dropped";
        };
    }

    static String shortHash(String hash) {
        return hash.length() > 14 ? hash.substring(0, 8) + "…" + hash.substring(hash.length() - 6) : hash;
    }

    /** Shows the Activity tab (tests and the status bar). */
    public void showActivity() {
        tabs.getSelectionModel().select(activityTab);
    }

    /** Shows the Receive tab. */
    public void showReceive() {
        tabs.getSelectionModel().select(receiveTab);
    }

    private static final class AccountCell extends ListCell<Account> {
        @Override
        protected void updateItem(Account a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : a.label() + " · " + a.address().substring(0, 8) + "…"
                    + a.address().substring(a.address().length() - 6));
        }
    }

    private static final class StatusCell extends TableCell<Activity, String> {
        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("status-pending", "status-confirmed", "status-failed");
            setText(empty ? null : s);
            if (!empty && s != null) {
                getStyleClass().add(s.startsWith("Confirmed") ? "status-confirmed" : s.startsWith("Failed")
                        || s.startsWith("Dropped") ? "status-failed" : "status-pending");
            }
        }
    }
}
