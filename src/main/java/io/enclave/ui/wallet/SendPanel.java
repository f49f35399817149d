package io.enclave.ui.wallet;

import io.enclave.chain.Fees;
import io.enclave.chain.PreparedTx;
import io.enclave.ui.Errors;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The wallet's Send tab: recipient, amount and speed; "Review" prepares the transfer off the FX thread (nonce,
 * simulation, gas, fees), shows its confirmation in the one {@link ApprovalView} here and waits for the answer on
 * that thread, and signs and sends only after "Sign and send". The form stays locked until the answer, so what is
 * signed is what was shown. Node ids: sendTo, sendAmount, sendSpeed, reviewButton, sendStatus, and the view's
 * sendConfirm, sendConfirmGrid, sendSign, sendReject.
 */
final class SendPanel {
    private final Session session;
    private final Supplier<Account> from;
    private final Runnable afterSend;
    private final ApprovalView confirm = new ApprovalView("send");
    private final GridPane form = new GridPane();
    private final TextField to = new TextField();
    private final TextField amount = new TextField();
    private final Label symbol = new Label("MOCA");
    private final ChoiceBox<Fees.Speed> speed = new ChoiceBox<>();
    private final Button review = new Button("Review");
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label();
    private final VBox root = new VBox(12);
    private Task<?> sending;

    /**
     * @param from      the account selected in the wallet screen (the sender)
     * @param afterSend runs on the FX thread after a transfer was sent (reads the activity again)
     */
    SendPanel(Session session, Supplier<Account> from, Runnable afterSend) {
        this.session = session;
        this.from = from;
        this.afterSend = afterSend;
        to.setId("sendTo");
        to.setPromptText("0x… address");
        to.setPrefColumnCount(36);
        amount.setId("sendAmount");
        amount.setPromptText("1.5");
        amount.setPrefColumnCount(12);
        speed.setId("sendSpeed");
        speed.setTooltip(new Tooltip("A faster transaction offers validators a higher tip"));
        speed.getItems().setAll(Fees.Speed.values());
        speed.setValue(Fees.Speed.NORMAL);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Fees.Speed s) {
                return s == null ? "" : s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT);
            }

            @Override
            public Fees.Speed fromString(String s) {
                return Fees.Speed.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        form.setHgap(12);
        form.setVgap(10);
        HBox amountLine = new HBox(8, amount, symbol);
        amountLine.setAlignment(Pos.CENTER_LEFT);
        form.addRow(0, new Label("To"), to);
        form.addRow(1, new Label("Amount"), amountLine);
        form.addRow(2, new Label("Speed"), speed);
        review.setId("reviewButton");
        review.getStyleClass().add("accent");
        review.setDefaultButton(true);
        review.setOnAction(e -> send());
        progress.setMaxSize(20, 20);
        progress.setVisible(false);
        status.setId("sendStatus");
        status.setWrapText(true);
        HBox actions = new HBox(10, review, progress, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        // no spinner while the person reads the confirmation: nothing runs until they answer
        confirm.visibleProperty().addListener((o, was, shown) -> progress.setVisible(sending != null && !shown));
        root.getStyleClass().add("tab-body");
        root.getChildren().setAll(form, actions, confirm);
    }

    Node node() {
        return root;
    }

    /** The network's currency symbol beside the amount. */
    void symbol(String text) {
        symbol.setText(text);
    }

    /** Another account was selected: a confirmation shown for the one before is answered "no". */
    void accountChanged() {
        if (confirm.isWaiting()) {
            confirm.dismiss();
        }
    }

    /** Forgets a transfer being reviewed (lock): its confirmation is answered "no", nothing is sent. */
    void close() {
        Task<?> t = sending;
        sending = null;
        confirm.dismiss();
        if (t != null) {
            t.cancel();
        }
        busy(false, "");
    }

    private void send() {
        Account sender = from.get();
        UnlockedWallet w = session.wallet();
        if (sender == null || w == null || sending != null) {
            return;
        }
        WalletService service = session.walletService();
        String recipient;
        BigInteger wei;
        try {
            recipient = WalletService.parseAddress(to.getText());
            wei = service.parseAmount(amount.getText());
        } catch (IllegalArgumentException e) {
            failed(e.getMessage());
            return;
        }
        Fees.Speed chosen = speed.getValue();
        busy(true, "Simulating and estimating fees…");
        confirm.setPurpose("Send " + service.humanizer(w.accounts()).amount(wei) + " to " + recipient);
        Task<?>[] self = new Task<?>[1];
        self[0] = session.background().run("send transaction", p -> {
            PreparedTx tx = service.prepareTransfer(sender.address(), recipient, wei, chosen, w.accounts());
            p.update(tx.willSucceed() ? "Check the transaction below, then sign it or reject it."
                    : "This transaction would fail, so it cannot be sent: " + tx.confirmation().simulation()
                    + ". Reject it, then change the amount or the recipient.", -1);
            if (!session.approvals().askIn(confirm, tx.confirmation())) { // Reject, or the wallet locked
                return null;
            }
            p.update("Signing and sending…", -1);
            return service.send(tx, w);
        }, hash -> {
            if (sending != self[0]) {
                return;
            }
            sending = null;
            busy(false, "");
            if (hash == null) {
                status.setText("Rejected: nothing was signed or sent.");
                return;
            }
            to.clear();
            amount.clear();
            status.setText("Sent " + WalletController.shortHash(hash) + ". Follow it under Activity.");
            status.getStyleClass().setAll("label", "status-confirmed");
            afterSend.run();
        }, e -> {
            if (sending != self[0]) {
                return;
            }
            sending = null;
            busy(false, "");
            failed("Not sent: " + Errors.describe(e));
        });
        self[0].messageProperty().addListener((o, x, m) -> {
            if (sending == self[0] && m != null && !m.isBlank()) {
                status.setText(m);
            }
        });
        sending = self[0];
    }

    private void failed(String message) {
        status.setText(message);
        status.getStyleClass().setAll("label", "status-failed");
    }

    private void busy(boolean on, String message) {
        progress.setVisible(on);
        review.setDisable(on);
        form.setDisable(on);
        status.setText(message);
        status.getStyleClass().setAll("label");
    }
}
