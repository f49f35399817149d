package io.enclave.credentials.pkg;

/** A credential package that cannot be read or trusted, with a message naming the field and what to do. */
public final class PackageException extends Exception {
    private static final long serialVersionUID = 1L;

    public PackageException(String message) {
        super(message);
    }

    public PackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
