package io.enclave.ui.trust;

import io.enclave.market.MarketException;
import io.enclave.market.Progress;
import io.enclave.ui.Errors;
import io.enclave.ui.app.ApprovalView;
import io.enclave.ui.app.Session;
import io.enclave.wallet.Account;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.util.StringConverter;

/**
 * Runs the trust and governance use cases in the background for a screen: reads side by side, transactions one at a
 * time, with the screen's busy indicator, progress line and cancel button, the {@link ApprovalView} answering every
 * signature, and failures turned into sentences (chain refusals explained by {@link ChainWords}). Keeps the screen's
 * {@link TrustServices} open for the current wallet, account and network, and reopens them when one of those changes.
 */
public final class ServiceRunner {
    /** A use case against the services, reporting progress. */
    @FunctionalInterface
    public interface Use<T> {
        T call(TrustServices services, Progress progress) throws Exception;
    }

    private final Session session;
    private final ApprovalView prompt;
    private final ProgressIndicator busy;
    private final Label busyLabel;
    private final Button cancel;
    private final Supplier<String> account;
    private TrustServices services;
    private Object servicesKey;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private Task<?> signing;

    /**
     * A runner acting as the account chosen in {@code accounts}, which it labels "label  address" (the Trust and
     * Governance screens' account choice).
     */
    public static ServiceRunner forChoice(Session session, ApprovalView prompt, ProgressIndicator busy, Label busyLabel,
                                          Button cancel, ChoiceBox<Account> accounts) {
        accounts.setConverter(new StringConverter<>() {
            @Override
            public String toString(Account a) {
                return a == null ? "" : a.label() + "  " + a.address();
            }

            @Override
            public Account fromString(String s) {
                return null;
            }
        });
        return new ServiceRunner(session, prompt, busy, busyLabel, cancel, () -> {
            Account a = accounts.getValue();
            return a == null ? null : a.address();
        });
    }

    public ServiceRunner(Session session, ApprovalView prompt, ProgressIndicator busy, Label busyLabel, Button cancel,
                         Supplier<String> account) {
        this.session = session;
        this.prompt = prompt;
        this.busy = busy;
        this.busyLabel = busyLabel;
        this.cancel = cancel;
        this.account = account;
        busy.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> cancel());
    }

    /** True while a use case that signs is running (reads may run beside it). */
    public boolean isRunning() {
        return signing != null;
    }

    /** Runs a read: several may run at once, and beside a use case that signs. */
    public <T> void read(String name, Use<T> use, Consumer<T> done, Consumer<String> failed) {
        start(name, use, done, failed, false);
    }

    /**
     * Runs a use case that signs, one at a time; {@code done} gets the result, {@code failed} a sentence (nothing when
     * the person cancelled the work; "nothing was sent" when they declined the signature).
     */
    public <T> void run(String name, Use<T> use, Consumer<T> done, Consumer<String> failed) {
        if (signing != null) {
            failed.accept("Another transaction is still being prepared or sent: wait for it or cancel it.");
            return;
        }
        start(name, use, done, failed, true);
    }

    private <T> void start(String name, Use<T> use, Consumer<T> done, Consumer<String> failed, boolean signs) {
        String who = account.get();
        if (who == null) {
            failed.accept("Choose an account first.");
            return;
        }
        busyLabel.setText(name + "…");
        Task<?>[] self = new Task<?>[1];
        Task<T> t = session.background().run(name, p -> {
            try (var here = session.approvals().scope(prompt)) { // this screen's view asks about its transactions
                return use.call(services(who), m -> p.update(m, -1));
            }
        }, r -> {
            finish(self[0]);
            done.accept(r);
        }, e -> {
            finish(self[0]);
            failed.accept(describe(e));
        });
        self[0] = t;
        tasks.add(t);
        if (signs) {
            signing = t;
        }
        busy.setVisible(true);
        cancel.setVisible(true);
        t.messageProperty().addListener((o, a, m) -> {
            if (tasks.contains(t) && m != null && !m.isBlank()) {
                busyLabel.setText(m);
            }
        });
    }

    /** A failure in words: declined signatures say nothing was sent, chain refusals get plain words. */
    public static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarketException.Declined) {
                return "Cancelled: " + c.getMessage();
            }
        }
        return ChainWords.explain(Errors.describe(e));
    }

    private void finish(Task<?> t) {
        tasks.remove(t);
        if (signing == t) {
            signing = null;
        }
        if (tasks.isEmpty()) {
            busy.setVisible(false);
            cancel.setVisible(false);
            busyLabel.setText("");
        }
    }

    /** Cancels the running work: a waiting signature is declined, the tasks stop. */
    public void cancel() {
        prompt.dismiss();
        if (tasks.isEmpty()) {
            return;
        }
        for (Task<?> t : List.copyOf(tasks)) {
            t.cancel(true);
            finish(t);
        }
        busyLabel.setText("Cancelled.");
    }

    /** The services for the current wallet, account and network (opened on first use; call off the FX thread). */
    private synchronized TrustServices services(String who) {
        Object key = List.of(System.identityHashCode(session.wallet()), who, session.network());
        if (services == null || !Objects.equals(key, servicesKey)) {
            closeServices();
            services = TrustServices.open(session, who);
            servicesKey = key;
        }
        return services;
    }

    private void closeServices() {
        if (services != null) {
            services.close();
            services = null;
            servicesKey = null;
        }
    }

    /** Drops the services (on lock, account or network change); the next use opens new ones. */
    public synchronized void close() {
        closeServices();
    }
}
