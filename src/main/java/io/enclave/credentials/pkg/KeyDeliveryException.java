package io.enclave.credentials.pkg;

/** A content key that cannot be wrapped, unwrapped or trusted (wrong key, altered bytes, commitment mismatch). */
public final class KeyDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyDeliveryException(String message) {
        super(message);
    }

    public KeyDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
