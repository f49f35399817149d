package io.enclave.storage;

/** Bytes received from a node or gateway do not match the content identifier they were requested by. */
public final class IntegrityException extends StorageException {
    public IntegrityException(String message) {
        super(message);
    }
}
