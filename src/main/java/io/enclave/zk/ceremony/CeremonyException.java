package io.enclave.zk.ceremony;

/** A ceremony step failed; the message says why. */
public final class CeremonyException extends RuntimeException {
    public CeremonyException(String message) {
        super(message);
    }

    public CeremonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
