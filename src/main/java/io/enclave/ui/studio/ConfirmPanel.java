package io.enclave.ui.studio;

import io.enclave.chain.Confirmation;
import io.enclave.market.Approver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The readable {@link Confirmation} of a transaction shown in a screen before it is signed, as an {@link Approver} a
 * service calls from its background thread: the thread waits until the person signs or rejects. Rejecting sends
 * nothing. {@link #rejectPending} answers "no" to a question still open (the screen closes or the work is stopped).
 */
public final class ConfirmPanel extends VBox implements Approver {
    private final GridPane grid = new GridPane();
    private final Label title = new Label();
    private final Button sign = new Button("Sign and send");
    private final Button reject = new Button("Reject");
    private CompletableFuture<Boolean> pending;

    public ConfirmPanel() {
        getStyleClass().add("confirm-panel");
        setSpacing(8);
        setId("confirmPanel");
        title.getStyleClass().add("title-4");
        grid.setHgap(14);
        grid.setVgap(4);
        grid.setId("confirmGrid");
        sign.setId("approveTx");
        sign.getStyleClass().add("accent");
        reject.setId("rejectTx");
        sign.setMinWidth(Region.USE_PREF_SIZE);
        reject.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(10, sign, reject);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, grid, buttons);
        sign.setOnAction(e -> answer(true));
        reject.setOnAction(e -> answer(false));
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    @Override
    public boolean approve(Confirmation c) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> show(c, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> answer(false));
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Answers "no" to an open question, if there is one. */
    public void rejectPending() {
        answer(false);
    }

    /** Whether a confirmation waits for an answer. */
    public boolean asking() {
        return pending != null;
    }

    private void show(Confirmation c, CompletableFuture<Boolean> answer) {
        rejectPending();
        pending = answer;
        title.setText("Review before signing: " + (c.contract() == null ? "transfer"
                : c.contract() + (c.function() == null ? "" : "." + c.function())));
        grid.getChildren().clear();
        int row = 0;
        row = line(row, "Network", c.network() + " (chain " + c.chainId() + ")");
        row = line(row, "From", c.from());
        row = line(row, "To", c.to());
        for (Confirmation.Line l : c.arguments()) {
            row = line(row, l.name(), l.value());
        }
        row = line(row, "Value", c.value());
        row = line(row, "Max cost", c.maxCost() + " (gas limit " + c.gasLimit() + ", max fee " + c.maxFeePerGas() + ")");
        Label sim = new Label((c.willSucceed() ? "succeeds: " : "FAILS: ") + c.simulation());
        sim.setWrapText(true);
        sim.getStyleClass().add(c.willSucceed() ? "ok-text" : "error-text");
        Label k = new Label("Simulation");
        k.getStyleClass().add("text-muted");
        grid.addRow(row, k, sim);
        setVisible(true);
        sign.requestFocus();
    }

    private int line(int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("text-muted");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.getStyleClass().add("mono");
        grid.addRow(row, k, v);
        return row + 1;
    }

    private void answer(boolean yes) {
        CompletableFuture<Boolean> p = pending;
        pending = null;
        setVisible(false);
        if (p != null) {
            p.complete(yes);
        }
    }
}
