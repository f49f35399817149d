package io.enclave.devnet;

/** The local devnet could not start or answer, with what to do about it. */
public final class DevnetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DevnetException(String message) {
        super(message);
    }

    public DevnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
