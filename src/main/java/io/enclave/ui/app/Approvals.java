package io.enclave.ui.app;

import io.enclave.chain.Confirmation;
import io.enclave.market.Approver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Decides where each transaction of the session's runtime is asked about, and answers "no" to every open question
 * when the wallet locks. A screen that runs a use case {@linkplain #scope scopes} its own {@link ApprovalView} (or
 * another {@link Approver}) to the thread doing the work, and the question shows in that screen; anything else (the
 * outbox runner, a screen without its own view) gets the same view in a card over the current screen.
 */
public final class Approvals {
    private final ThreadLocal<Approver> here = new ThreadLocal<>();
    /** The approvers in scope on some thread, once per open scope (a screen may run several use cases at once). */
    private final List<Approver> scoped = new ArrayList<>();
    private final List<Card> cards = new ArrayList<>();
    private StackPane host;

    private record Card(ApprovalView view, Node backdrop) {
    }

    /** A use case's approver on one thread; closing it restores the approver that was there before. */
    public final class Scope implements AutoCloseable {
        private final Approver previous;
        private final Approver where;

        private Scope(Approver where) {
            this.previous = here.get();
            this.where = where;
        }

        @Override
        public void close() {
            if (previous == null) {
                here.remove();
            } else {
                here.set(previous);
            }
            synchronized (Approvals.this) {
                scoped.remove(where);
            }
        }
    }

    /** Where the cards show (the shell's content area). Call on the FX thread. */
    public void attach(StackPane where) {
        this.host = where;
    }

    /** The approver the session's runtimes use; it must not be called on the FX thread. */
    public Approver approver() {
        return this::ask;
    }

    /**
     * Until the returned scope closes, questions asked on the calling thread go to {@code where} (a screen's own
     * {@link ApprovalView}) instead of a card. Use it in try-with-resources around the use case, on its thread.
     */
    public Scope scope(Approver where) {
        Scope s = new Scope(where);
        here.set(where);
        synchronized (this) {
            scoped.add(where);
        }
        return s;
    }

    /**
     * Asks about one transaction in a screen's own {@code view}, on the calling (working) thread, and returns the
     * answer: Sign is true, Reject false, and locking the wallet meanwhile answers false ({@link #cancelAll}). The view
     * is in scope only while it asks. Never call it on the FX thread.
     */
    public boolean askIn(ApprovalView view, Confirmation c) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a transaction approval was requested on the FX thread");
        }
        try (Scope here = scope(view)) {
            return view.approve(c);
        }
    }

    /** The cards of the open questions (the shell keeps them over the page it shows). */
    public synchronized List<Node> cards() {
        return cards.stream().map(Card::backdrop).toList();
    }

    /** True while a question is open in a card (tests). */
    public synchronized boolean open() {
        return !cards.isEmpty();
    }

    private boolean ask(Confirmation c) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a transaction approval was requested on the FX thread");
        }
        Approver where = here.get();
        if (where != null) {
            return where.approve(c);
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> showCard(c, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> answer.complete(false));
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void showCard(Confirmation c, CompletableFuture<Boolean> answer) {
        if (host == null) {
            answer.complete(false);
            return;
        }
        ApprovalView view = new ApprovalView("approve");
        view.getStyleClass().add("approval-card");
        view.setId("approvalCard");
        view.setMaxWidth(640);
        view.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane backdrop = new StackPane(view);
        backdrop.getStyleClass().add("approval-backdrop");
        backdrop.getStylesheets().add(Approvals.class.getResource("approval.css").toExternalForm());
        Card card = new Card(view, backdrop);
        synchronized (this) {
            cards.add(card);
        }
        answer.whenComplete((yes, e) -> Platform.runLater(() -> remove(card)));
        host.getChildren().add(backdrop);
        view.present(c, answer);
    }

    private void remove(Card card) {
        synchronized (this) {
            cards.remove(card);
        }
        if (host != null) {
            host.getChildren().remove(card.backdrop());
        }
    }

    /** Answers every open question with "no", in cards and in screens (the wallet was locked). Call on the FX thread. */
    public void cancelAll() {
        List<Card> open;
        List<Approver> screens;
        synchronized (this) {
            open = new ArrayList<>(cards);
            screens = new ArrayList<>(scoped);
        }
        open.forEach(c -> c.view().dismiss());
        for (Approver a : new java.util.LinkedHashSet<>(screens)) {
            if (a instanceof ApprovalView v) {
                v.dismiss();
            }
        }
    }
}
