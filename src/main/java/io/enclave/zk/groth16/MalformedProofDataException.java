package io.enclave.zk.groth16;

/** A verifying key, proof or public-signal list that cannot be read: wrong shape, non-canonical number, bad point. */
public final class MalformedProofDataException extends IllegalArgumentException {
    public MalformedProofDataException(String message) {
        super(message);
    }
}
