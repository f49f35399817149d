package io.enclave.storage.outbox;

import java.time.Instant;
import java.util.List;

/** A job and its steps as the UI and CLI show them. */
public record JobView(String id, String kind, State state, int attempts, Instant nextAttemptAt, String lastError,
                      Instant createdAt, List<StepView> steps) {

    /** PENDING: still has steps to run (maybe waiting for a retry); DONE; FAILED: gave up, needs the user. */
    public enum State { PENDING, DONE, FAILED }

    /** One step: done or not, attempts, its last error. */
    public record StepView(String name, boolean done, int attempts, String lastError, Instant completedAt) {
    }

    /** The first step not done yet, or null. */
    public String currentStep() {
        return steps.stream().filter(s -> !s.done()).map(StepView::name).findFirst().orElse(null);
    }
}
