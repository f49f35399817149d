package io.enclave.ui.concurrent;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * Runs {@link Work} on daemon threads as JavaFX {@link Task}s and keeps a count of what is running, for the status
 * bar. Results and errors come back on the FX thread; a cancelled task calls neither callback.
 */
public final class Background {
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper lastMessage = new ReadOnlyStringWrapper("");

    /** Starts {@code work}; the returned task's message/progress properties can be bound to a progress view. */
    public <T> Task<T> run(String name, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                Task<T> self = this;
                return work.call(new Work.Progress() {
                    @Override
                    public void update(String message, double fraction) {
                        updateMessage(message);
                        if (fraction < 0) {
                            updateProgress(-1, 1);
                        } else {
                            updateProgress(fraction, 1);
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled() || Thread.currentThread().isInterrupted();
                    }
                });
            }
        };
        running.set(running.get() + 1);
        lastMessage.set(name);
        task.setOnSucceeded(e -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(running.get() - 1);
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> running.set(running.get() - 1));
        Thread t = new Thread(task, "enclave-" + name.replaceAll("\\W+", "-"));
        t.setDaemon(true);
        t.start();
        return task;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }
}
