package io.enclave.ui.trust;

import io.enclave.chain.Confirmation;
import io.enclave.market.Approver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The readable confirmation shown before a transaction is signed, as an {@link Approver}: a use case running in the
 * background calls {@link #approve} and waits while the screen shows what will be signed; "Sign and send" or "Cancel"
 * answers it. A simulation that fails cannot be signed. Hidden when nothing waits.
 */
public final class ConfirmPrompt extends VBox implements Approver {
    private final Label title = new Label();
    private final GridPane grid = new GridPane();
    private final Button sign = new Button("Sign and send", new FontIcon("fth-edit-3"));
    private final Button cancel = new Button("Cancel");
    private CompletableFuture<Boolean> answer;
    private volatile String purpose;

    public ConfirmPrompt(String idPrefix) {
        getStyleClass().add("confirm-prompt");
        setSpacing(10);
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        grid.setHgap(14);
        grid.setVgap(5);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(130);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(keys, values);
        grid.setId(idPrefix + "ConfirmGrid");
        sign.setId(idPrefix + "Sign");
        sign.getStyleClass().add("accent");
        sign.setDefaultButton(true);
        cancel.setId(idPrefix + "CancelSign");
        cancel.setCancelButton(true);
        sign.setOnAction(e -> answer(true));
        cancel.setOnAction(e -> answer(false));
        Label hint = new Label("Check what you sign: it cannot be undone once mined.");
        hint.getStyleClass().add("text-muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(10, sign, cancel, gap, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(title, grid, buttons);
        setId(idPrefix + "Confirm");
        show(false);
    }

    /** Called on the use case's thread: shows the confirmation and blocks until the person answers. */
    @Override
    public boolean approve(Confirmation c) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        Platform.runLater(() -> present(c, f));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> answer(false));
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** What the next confirmations are for, in the screen's words ("Vote FOR proposal #12"); shown above the details. */
    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    /** Answers a waiting confirmation with "no" (the work was cancelled or the screen closed). */
    public void dismiss() {
        answer(false);
    }

    public boolean isWaiting() {
        return answer != null;
    }

    private void present(Confirmation c, CompletableFuture<Boolean> f) {
        if (answer != null) {
            answer.complete(false);
        }
        answer = f;
        title.setText(c.function() == null ? "Confirm the transaction" : "Confirm: " + c.function()
                + (c.contract() == null ? "" : " on " + c.contract()));
        grid.getChildren().clear();
        int row = 0;
        String what = purpose;
        if (what != null && !what.isBlank()) {
            row = line(row, "What", what, "confirm-amount");
        }
        row = line(row, "Network", c.network() + " (chain " + c.chainId() + ")", null);
        row = line(row, "From", c.from(), "mono");
        row = line(row, "To", c.to(), "mono");
        for (Confirmation.Line l : c.arguments()) {
            row = line(row, l.name(), l.value(), null);
        }
        row = line(row, "Amount", c.value(), "confirm-amount");
        row = line(row, "Most it can cost", c.maxCost() + " (gas limit " + c.gasLimit() + ")", null);
        line(row, "Simulation", (c.willSucceed() ? "succeeds: " : "FAILS: ") + c.simulation(),
                c.willSucceed() ? "confirm-ok" : "confirm-fails");
        sign.setDisable(!c.willSucceed());
        show(true);
        sign.requestFocus();
    }

    private int line(int row, String key, String value, String style) {
        Label k = new Label(key);
        k.getStyleClass().add("confirm-key");
        Label v = new Label(value);
        v.setWrapText(true);
        if (style != null) {
            v.getStyleClass().add(style);
        }
        grid.addRow(row, k, v);
        return row + 1;
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
