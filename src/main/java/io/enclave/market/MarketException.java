package io.enclave.market;

/** A marketplace use case failed; the message says what happened (decoded from the chain when it refused) and what to do. */
public class MarketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MarketException(String message) {
        super(message);
    }

    public MarketException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The user did not approve a transaction: nothing was signed or sent. */
    public static final class Declined extends MarketException {
        private static final long serialVersionUID = 1L;

        public Declined(String message) {
            super(message);
        }
    }
}
