package io.enclave.credentials.attest;

/** An attestation that is malformed, cannot be opened, or does not pass a check; the message says which. */
public final class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
