package io.enclave.ui.wallet;

import io.enclave.market.MarketException;
import io.enclave.market.Payments;
import io.enclave.ui.Errors;
import io.enclave.ui.app.AppServices;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.util.List;
import java.util.Objects;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The wallet's "Withdraw N MOCA" for the selected account: what the marketplace and the staking contract owe it
 * (seller proceeds, royalties, refunds, compensation — pull payments), a button that shows the transaction card before
 * signing and runs off the FX thread with its progress, and in words why nothing is withdrawable when it is zero.
 */
final class WithdrawPanel {
    private final Session session;
    private final Runnable afterWithdraw;
    private final VBox root = new VBox(6);
    private final Label owedLabel = new Label("—");
    private final Button withdrawButton = new Button("Withdraw", new FontIcon("fth-download"));
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label();
    private final Label result = new Label();
    private Account shown;
    private Task<?> reading;
    private Task<?> withdrawing;

    /**
     * @param afterWithdraw runs on the FX thread after a withdrawal: reads balances and activity again, and calls
     *                      {@link #show} (the withdrawable amount)
     */
    WithdrawPanel(Session session, Runnable afterWithdraw) {
        this.session = session;
        this.afterWithdraw = afterWithdraw;
        owedLabel.setId("withdrawableLabel");
        withdrawButton.setId("withdrawButton");
        withdrawButton.getStyleClass().add("accent");
        withdrawButton.setTooltip(new Tooltip("Sales, refunds and compensation are not sent to you automatically: the "
                + "contracts hold them until you withdraw (one transaction per contract, shown before signing)."));
        withdrawButton.setOnAction(e -> withdraw());
        progress.setMaxSize(18, 18);
        progress.setVisible(false);
        status.setId("withdrawStatus");
        status.setWrapText(true);
        status.getStyleClass().add("text-muted");
        result.setId("withdrawResult");
        result.setWrapText(true);
        result.setManaged(false);
        for (Label l : List.of(status, result)) {
            // wrap at a readable width instead of widening the card to one line of text
            l.setMaxWidth(460);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        HBox line = new HBox(8, owedLabel, withdrawButton, progress);
        line.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Withdrawable");
        title.getStyleClass().add("text-muted");
        root.getChildren().setAll(title, line, status, result);
        root.setId("withdrawBox");
        showOwed(null);
    }

    Node node() {
        return root;
    }

    /** Reads what is owed to {@code a} (off the FX thread); the button names the amount. */
    void show(Account a) {
        shown = a;
        UnlockedWallet w = session.wallet();
        boolean market = !session.network().contracts().isEmpty();
        root.setVisible(market);
        root.setManaged(market);
        if (a == null || w == null || withdrawing != null || !market) {
            return;
        }
        if (reading != null) {
            reading.cancel();
        }
        progress.setVisible(true);
        Task<?>[] self = new Task<?>[1];
        self[0] = session.background().run("read withdrawable", p -> {
            AppServices s = session.services(a.address());
            return new Read(s, s.payments().owed());
        }, r -> {
            if (reading == self[0]) {
                reading = null;
                progress.setVisible(false);
            }
            if (Objects.equals(shown, a)) {
                showOwed(r);
            }
        }, e -> {
            if (reading == self[0]) {
                reading = null;
                progress.setVisible(false);
            }
            owedLabel.setText("—");
            withdrawButton.setDisable(true);
            status.setText("What you can withdraw could not be read. " + Errors.describe(e));
        });
        reading = self[0];
    }

    /** What is owed, read through the account's market runtime (its chain formats the amounts). */
    private record Read(AppServices services, Payments.Owed owed) {
        String amount(java.math.BigInteger wei) {
            return services.chain().amount(wei);
        }
    }

    /** Why nothing is withdrawable, in words (shown instead of the button when the amount is zero). */
    static String whyNothing() {
        return "Nothing to withdraw. Money reaches you here when a buyer's key is delivered (your sale's price minus the "
                + "platform fee and the issuer's royalty), when you take a refund of an undelivered purchase in My "
                + "purchases, when a dispute is decided for you, or as royalties on attestations you issued.";
    }

    private void showOwed(Read r) {
        boolean some = r != null && r.owed().total().signum() > 0;
        owedLabel.setText(r == null ? "—" : r.amount(r.owed().total()));
        withdrawButton.setText(some ? "Withdraw " + r.amount(r.owed().total()) : "Withdraw");
        withdrawButton.setDisable(!some);
        if (r == null) {
            status.setText("");
        } else if (!some) {
            status.setText(whyNothing());
        } else {
            status.setText(parts(r));
        }
    }

    private static String parts(Read r) {
        Payments.Owed o = r.owed();
        String market = "Marketplace: " + r.amount(o.marketplace()) + " (sales, royalties, refunds)";
        String staking = "Staking: " + r.amount(o.staking()) + " (compensation)";
        List<String> lines = o.staking().signum() == 0 ? List.of(market)
                : o.marketplace().signum() == 0 ? List.of(staking) : List.of(market, staking);
        return String.join("; ", lines) + ". Withdrawing costs a network fee per contract.";
    }

    private void withdraw() {
        Account a = shown;
        UnlockedWallet w = session.wallet();
        if (a == null || w == null || withdrawing != null) {
            return;
        }
        withdrawButton.setDisable(true);
        progress.setVisible(true);
        status.setText("Reading what is owed and simulating the withdrawal…");
        say("");
        Task<?>[] self = new Task<?>[1];
        self[0] = session.background().run("withdraw", p -> {
            AppServices s = session.services(a.address());
            return new Read(s, s.payments().withdraw(m -> p.update(m, -1)));
        }, r -> {
            withdrawing = null;
            progress.setVisible(false);
            say("Withdrew " + r.amount(r.owed().total()) + " to " + a.label()
                    + ": it is in your available balance, less the network fee. The transaction is under Activity.");
            afterWithdraw.run();
        }, e -> {
            withdrawing = null;
            progress.setVisible(false);
            say(declined(e) ? "Cancelled: nothing was sent." : "Not withdrawn: " + Errors.describe(e));
            afterWithdraw.run(); // a first transaction may have gone through before a second was declined
        });
        self[0].messageProperty().addListener((o, x, m) -> {
            if (withdrawing == self[0] && m != null && !m.isBlank()) {
                status.setText(m);
            }
        });
        withdrawing = self[0];
    }

    private void say(String line) {
        result.setText(line);
        result.setManaged(!line.isEmpty());
    }

    private static boolean declined(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarketException.Declined) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the account (lock; the session closes the account's runtime). */
    void close() {
        shown = null;
        if (reading != null) {
            reading.cancel();
            reading = null;
        }
        withdrawing = null;
        progress.setVisible(false);
        showOwed(null);
        say("");
    }
}
