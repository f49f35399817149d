package io.enclave.ui.app;

import io.enclave.chain.Confirmation;
import io.enclave.market.Approver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The one view that asks about a transaction before it is signed, in a screen or in the card {@link Approvals} shows
 * over the screen: the readable {@link Confirmation} (what it is for, network, from, to, the call and its arguments,
 * value, fee, what the simulation says) with "Reject" and "Sign and send". A simulation that fails cannot be signed.
 *
 * <p>Keyboard: the view takes the focus on "Reject", so a stray Enter never signs; Tab moves to "Sign and send", and
 * Enter approves only while that button has the focus. Escape rejects. Hidden while nothing waits.
 *
 * <p>As an {@link Approver} it is called on a background thread, which waits for the answer. Node ids are the
 * prefix plus {@code Confirm} (the view), {@code ConfirmGrid}, {@code Sign} and {@code Reject}.
 */
public class ApprovalView extends VBox implements Approver {
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private final Button sign = new Button("Sign and send", new FontIcon("fth-check"));
    private final Button reject = new Button("Reject");
    private CompletableFuture<Boolean> answer;
    private volatile String purpose;

    public ApprovalView(String idPrefix) {
        getStyleClass().add("approval-view");
        getStylesheets().add(ApprovalView.class.getResource("approval.css").toExternalForm());
        setSpacing(10);
        setId(idPrefix + "Confirm");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        grid.setHgap(14);
        grid.setVgap(5);
        grid.setId(idPrefix + "ConfirmGrid");
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(keys, values);
        sign.setId(idPrefix + "Sign");
        sign.getStyleClass().add("accent");
        reject.setId(idPrefix + "Reject");
        sign.setMinWidth(Region.USE_PREF_SIZE);
        reject.setMinWidth(Region.USE_PREF_SIZE);
        sign.setOnAction(e -> answer(true));
        reject.setOnAction(e -> answer(false));
        Label hint = new Label("Enclave signs with your key only if you agree; once mined, it cannot be undone.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        // Buttons first, so they stay in sight when a long value (a proposal id) makes the screen wider than the window;
        // tab order: Reject, then Sign and send.
        HBox buttons = new HBox(10, reject, sign, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(title, grid, buttons);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        show(false);
    }

    /** Called on a background thread: shows the confirmation here and waits until the person answers. */
    @Override
    public boolean approve(Confirmation c) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a transaction approval was requested on the FX thread");
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        Platform.runLater(() -> present(c, f));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> f.complete(false));
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** What the next confirmations are for, in the screen's words ("Vote FOR proposal #12"), shown first. */
    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    /** Answers a waiting confirmation with "no" (the work was cancelled, the screen closed, the wallet locked). */
    public void dismiss() {
        answer(false);
    }

    /** Whether a confirmation waits for an answer. */
    public boolean isWaiting() {
        return answer != null;
    }

    /** Shows {@code c} and completes {@code f} with the answer (FX thread). A question still open is answered "no". */
    void present(Confirmation c, CompletableFuture<Boolean> f) {
        if (answer != null) {
            answer.complete(false);
        }
        answer = f;
        f.whenComplete((yes, e) -> Platform.runLater(() -> {
            if (answer == f) {
                answer = null;
                show(false);
            }
        }));
        title.setText(c.willSucceed() ? "Review and sign" + (c.function() == null ? "" : ": " + c.function()
                + (c.contract() == null ? "" : " on " + c.contract())) : "This transaction would fail");
        grid.getChildren().clear();
        int row = 0;
        String what = purpose;
        if (what != null && !what.isBlank()) {
            row = line(row, "What", what, "approval-amount");
        }
        row = line(row, "Network", c.network() + " (chain " + c.chainId() + ")", null);
        row = line(row, "From", c.from(), "mono");
        row = line(row, "To", c.to(), "mono");
        if (c.function() != null) {
            row = line(row, "Call", c.function(), null);
            for (Confirmation.Line l : c.arguments()) {
                row = line(row, "  " + l.name(), l.value(), null);
            }
        }
        row = line(row, "Amount", c.value(), "approval-amount");
        row = line(row, "Network fee", "up to " + c.maxFeePerGas() + " per gas × " + c.gasLimit() + " gas", null);
        row = line(row, "Most it can cost", c.maxCost(), null);
        line(row, "Simulation", (c.willSucceed() ? "succeeds: " : "FAILS: ") + c.simulation(),
                c.willSucceed() ? "approval-ok" : "approval-fails");
        sign.setDisable(!c.willSucceed());
        show(true);
        reject.requestFocus();
    }

    private int line(int row, String key, String value, String style) {
        Label k = new Label(key);
        k.getStyleClass().add("approval-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE); // a long value wraps onto more lines instead of ending in "..."
        if (style != null) {
            v.getStyleClass().add(style);
        }
        grid.addRow(row, k, v);
        return row + 1;
    }

    private void key(KeyEvent e) {
        if (answer == null) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            e.consume();
            answer(false);
        } else if (e.getCode() == KeyCode.ENTER) {
            e.consume(); // never lets Enter reach a default button of the screen behind
            if (sign.isFocused() && !sign.isDisabled()) {
                answer(true);
            } else if (reject.isFocused()) {
                answer(false);
            }
        }
    }

    private void answer(boolean yes) {
        CompletableFuture<Boolean> f = answer;
        answer = null;
        show(false);
        if (f != null) {
            f.complete(yes);
        }
    }

    private void show(boolean on) {
        setVisible(on);
        setManaged(on);
    }
}
