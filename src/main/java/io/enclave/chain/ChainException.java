package io.enclave.chain;

/** A chain operation failed; the message says what happened and what to do. */
public class ChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The RPC endpoint serves another chain than the configured one: nothing is signed. */
    public static final class ChainIdMismatch extends ChainException {
        private static final long serialVersionUID = 1L;

        public ChainIdMismatch(String message) {
            super(message);
        }
    }

    /** The pre-flight simulation says the transaction would revert; nothing was sent. */
    public static final class WouldRevert extends ChainException {
        private static final long serialVersionUID = 1L;
        private final transient RevertReason reason;

        public WouldRevert(RevertReason reason) {
            super("The transaction would fail: " + reason.describe() + ". Nothing was sent.");
            this.reason = reason;
        }

        public RevertReason reason() {
            return reason;
        }
    }
}
