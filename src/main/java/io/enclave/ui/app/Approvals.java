package io.enclave.ui.app;

import io.enclave.chain.Confirmation;
import io.enclave.market.Approver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Asks the user about each transaction before it is signed: the readable {@link Confirmation} (what is called, with
 * which arguments, what it can cost, what the simulation says) in a card over the current screen, with "Sign and send"
 * and "Cancel". A service thread calling the {@link Approver} waits for the answer; locking the wallet answers every
 * open question with "no" (nothing is sent).
 */
public final class Approvals {
    private final List<Pending> pending = new ArrayList<>();
    private StackPane host;

    private record Pending(CompletableFuture<Boolean> answer, Node card) {
    }

    /** Where the cards show (the shell's content area). Call on the FX thread. */
    public void attach(StackPane where) {
        this.host = where;
    }

    /** The approver the session's services use; it must not be called on the FX thread. */
    public Approver approver() {
        return this::ask;
    }

    /** The cards of the open questions (the shell keeps them over the page it shows). */
    public synchronized List<Node> cards() {
        return pending.stream().map(Pending::card).toList();
    }

    /** True while a question is open (tests). */
    public synchronized boolean open() {
        return !pending.isEmpty();
    }

    private boolean ask(Confirmation c) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a transaction approval was requested on the FX thread");
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> show(c, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void show(Confirmation c, CompletableFuture<Boolean> answer) {
        if (host == null) {
            answer.complete(false);
            return;
        }
        Label title = new Label(c.willSucceed() ? "Review and sign" : "This transaction would fail");
        title.getStyleClass().add("title-3");
        Label intro = new Label("Enclave signs this with your key only if you agree. Check what it calls and what it "
                + "can cost.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(5);
        grid.setId("approvalGrid");
        int row = 0;
        row = line(grid, row, "Network", c.network() + " (chain " + c.chainId() + ")", null);
        row = line(grid, row, "From", c.from(), "mono");
        row = line(grid, row, "To", c.to(), "mono");
        if (c.function() != null) {
            row = line(grid, row, "Call", c.function(), null);
            for (Confirmation.Line l : c.arguments()) {
                row = line(grid, row, "  " + l.name(), l.value(), null);
            }
        }
        row = line(grid, row, "Amount", c.value(), "approval-amount");
        row = line(grid, row, "Network fee", "up to " + c.maxFeePerGas() + " per gas × " + c.gasLimit() + " gas", null);
        row = line(grid, row, "Most it can cost", c.maxCost(), null);
        line(grid, row, "Simulation", (c.willSucceed() ? "succeeds: " : "fails: ") + c.simulation(),
                c.willSucceed() ? "approval-ok" : "approval-fails");
        Button sign = new Button("Sign and send", new FontIcon("fth-check"));
        sign.setId("approveSign");
        sign.getStyleClass().add("accent");
        sign.setDisable(!c.willSucceed());
        sign.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("approveCancel");
        cancel.setCancelButton(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(10, gap, cancel, sign);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, title, intro, grid, buttons);
        card.setId("approvalCard");
        card.getStyleClass().add("approval-card");
        card.setMaxWidth(620);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane backdrop = new StackPane(card);
        backdrop.getStyleClass().add("approval-backdrop");
        backdrop.getStylesheets().add(Approvals.class.getResource("approval.css").toExternalForm());
        Pending p = new Pending(answer, backdrop);
        synchronized (this) {
            pending.add(p);
        }
        sign.setOnAction(e -> close(p, true));
        cancel.setOnAction(e -> close(p, false));
        host.getChildren().add(backdrop);
        sign.requestFocus();
    }

    private static int line(GridPane grid, int row, String key, String value, String style) {
        Label k = new Label(key);
        k.getStyleClass().add("approval-key");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        if (style != null) {
            v.getStyleClass().add(style);
        }
        grid.addRow(row, k, v);
        return row + 1;
    }

    private void close(Pending p, boolean yes) {
        synchronized (this) {
            pending.remove(p);
        }
        if (host != null) {
            host.getChildren().remove(p.card());
        }
        p.answer().complete(yes);
    }

    /** Answers every open question with "no" (the wallet was locked). Call on the FX thread. */
    public void cancelAll() {
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending);
        }
        all.forEach(p -> close(p, false));
    }
}
