package io.enclave.zk.witness;

/** The circuit rejected the inputs (an assertion failed, a signal is missing or unknown) or the wasm is unusable. */
public final class WitnessException extends RuntimeException {
    public WitnessException(String message) {
        super(message);
    }

    public WitnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
