package io.enclave.market;

import io.enclave.chain.Confirmation;

/**
 * Asked before every signature with the readable confirmation (what is called, with which arguments, what it costs,
 * what the simulation says). The desktop shows a dialog, the CLI prints it and asks (or {@code --yes}), the delivery
 * watcher approves the deliveries the user started it for.
 */
@FunctionalInterface
public interface Approver {
    /** Approves everything; for scripts that already showed the user what they do. */
    Approver ALWAYS = c -> true;

    /** True to sign and send; false cancels the use case with nothing sent. */
    boolean approve(Confirmation confirmation);
}
