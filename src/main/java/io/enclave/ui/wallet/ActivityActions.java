package io.enclave.ui.wallet;

import io.enclave.chain.Replacement;
import io.enclave.ui.Errors;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.vault.Activity;
import io.enclave.wallet.UnlockedWallet;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The activity list's "Speed up" and "Cancel transaction": the replacement (same nonce, higher fees; a cancel sends 0
 * to oneself) is prepared off the FX thread, shown in words and in full in the one {@link ApprovalView} under the
 * list, and signed only after "Sign and send"; "Reject" sends nothing. Node ids: the view's activityConfirm,
 * activityConfirmGrid, activitySign, activityReject; the status line activityStatus.
 */
final class ActivityActions {
    private final Session session;
    private final Supplier<Activity> selected;
    private final Runnable afterSend;
    private final Button speedUp;
    private final Button cancel;
    private final Label status;
    private final ProgressIndicator progress = new ProgressIndicator();
    private final ApprovalView confirm = new ApprovalView("activity");
    private Task<?> running;

    /**
     * @param actions   the row holding the two buttons and the status line (the progress joins it)
     * @param host      where the confirmation shows (under the list)
     * @param afterSend runs on the FX thread after a replacement was sent (reads the activity again)
     */
    ActivityActions(Session session, Supplier<Activity> selected, Runnable afterSend, Button speedUp, Button cancel,
                    Label status, HBox actions, VBox host) {
        this.session = session;
        this.selected = selected;
        this.afterSend = afterSend;
        this.speedUp = speedUp;
        this.cancel = cancel;
        this.status = status;
        progress.setMaxSize(20, 20);
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        actions.getChildren().add(actions.getChildren().indexOf(status), progress);
        // no spinner while the person reads the confirmation: nothing runs until they answer
        confirm.visibleProperty().addListener((o, was, shown) -> progress.setVisible(running != null && !shown));
        host.getChildren().add(confirm);
        speedUp.setOnAction(e -> replace(false));
        cancel.setOnAction(e -> replace(true));
    }

    /** Enables the buttons for a pending transaction while no replacement is under way. */
    void update() {
        Activity a = selected.get();
        boolean can = running == null && a != null && a.status() == Activity.Status.PENDING;
        speedUp.setDisable(!can);
        cancel.setDisable(!can);
    }

    /** Forgets a replacement being reviewed (lock): its confirmation is answered "no", nothing is sent. */
    void close() {
        Task<?> t = running;
        running = null;
        confirm.dismiss();
        if (t != null) {
            t.cancel();
        }
        progress.setVisible(false);
        status.setText("");
        update();
    }

    private void replace(boolean cancelIt) {
        Activity a = selected.get();
        UnlockedWallet w = session.wallet();
        if (a == null || w == null || running != null) {
            return;
        }
        WalletService service = session.walletService();
        var accounts = w.accounts();
        String shortHash = WalletController.shortHash(a.hash());
        Task<?>[] self = new Task<?>[1];
        self[0] = session.background().run(cancelIt ? "cancel transaction" : "speed up", p -> {
            p.update("Preparing the replacement of " + shortHash + "…", -1);
            Replacement r = cancelIt ? service.prepareCancel(a.hash(), accounts) : service.prepareSpeedUp(a.hash(), accounts);
            p.update(r.confirmation().willSucceed() ? "Check the replacement below, then sign it or reject it."
                    : "The replacement would fail: " + r.confirmation().simulation() + ". Reject it.", -1);
            confirm.setPurpose(r.description());
            if (!session.approvals().askIn(confirm, r.confirmation())) { // Reject, or the wallet locked
                return null;
            }
            p.update("Signing and sending…", -1);
            return service.sendReplacement(r, w);
        }, hash -> {
            if (running != self[0]) {
                return;
            }
            done();
            if (hash == null) {
                status.setText("Rejected: nothing was signed or sent; " + shortHash + " stays pending.");
                return;
            }
            status.setText((cancelIt ? "Cancel sent as " : "Sped up as ") + WalletController.shortHash(hash)
                    + "; whichever is mined first wins.");
            afterSend.run();
        }, e -> {
            if (running != self[0]) {
                return;
            }
            done();
            status.setText("Not sent: " + Errors.describe(e));
        });
        self[0].messageProperty().addListener((o, x, m) -> {
            if (running == self[0] && m != null && !m.isBlank()) {
                status.setText(m);
            }
        });
        running = self[0];
        progress.setVisible(true);
        update();
    }

    private void done() {
        running = null;
        progress.setVisible(false);
        update();
    }
}
