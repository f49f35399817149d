package io.enclave.crypto.envelope;

/** An envelope that cannot be opened: wrong key, altered or truncated bytes, or a format this version does not know. */
public final class EnvelopeException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
