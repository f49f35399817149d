package io.enclave.crypto.ecies;

/** A wrapped key that cannot be opened or a public key that cannot be used, with a message saying why. */
public final class EciesException extends Exception {
    private static final long serialVersionUID = 1L;

    public EciesException(String message) {
        super(message);
    }

    public EciesException(String message, Throwable cause) {
        super(message, cause);
    }
}
