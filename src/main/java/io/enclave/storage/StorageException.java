package io.enclave.storage;

/** A storage operation failed; the message says what happened and what to do. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
