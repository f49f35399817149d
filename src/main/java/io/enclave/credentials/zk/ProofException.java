package io.enclave.credentials.zk;

/** A proof that cannot be made, or a package whose proof does not check; the message says which and why. */
public final class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
        super(message);
    }

    public ProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
