package io.enclave.ui.concurrent;

/** A blocking operation run off the FX thread; it reports progress and checks for cancellation. */
@FunctionalInterface
public interface Work<T> {
    T call(Progress progress) throws Exception;

    /** What the work tells the screen while it runs. */
    interface Progress {
        /** A line for people and a fraction done (0..1), or a negative fraction when it is unknown. */
        void update(String message, double fraction);

        /** True once the user pressed cancel; long work stops at its next check. */
        boolean isCancelled();
    }
}
