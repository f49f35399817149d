package io.enclave.vault;

/** The vault cannot be opened or changed; the message says why and what to do. */
public final class VaultException extends RuntimeException {
    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
