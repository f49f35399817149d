package io.enclave.ui.studio;

import io.enclave.ui.app.ApprovalView;

/**
 * The confirmation view under its former name, kept only so the My credentials screen ({@code ui.credentials}) builds
 * unchanged while it moves to {@link ApprovalView}: it is that view (ids prefixed {@code credentials}).
 *
 * @deprecated use {@code new ApprovalView("credentials")}; this class goes once {@code ui.credentials} does.
 */
@Deprecated(forRemoval = true)
public final class ConfirmPanel extends ApprovalView {
    public ConfirmPanel() {
        super("credentials");
    }

    /** Answers "no" to an open question, if there is one. */
    public void rejectPending() {
        dismiss();
    }

    /** Whether a confirmation waits for an answer. */
    public boolean asking() {
        return isWaiting();
    }
}
