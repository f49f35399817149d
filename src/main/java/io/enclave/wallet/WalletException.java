package io.enclave.wallet;

/** A wallet operation failed; {@link #reason()} says why and the message says what to do. Nothing was changed on disk. */
public final class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a wallet operation failed. */
    public enum Reason {
        NOT_FOUND, ALREADY_EXISTS, WRONG_PASSWORD, DAMAGED, TRUNCATED, UNSUPPORTED_VERSION, NOT_A_WALLET, LOCKED,
        UNKNOWN_ACCOUNT, INVALID_INPUT, IO, CONFLICT
    }

    private final Reason reason;

    public WalletException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
