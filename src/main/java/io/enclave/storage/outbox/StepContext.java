package io.enclave.storage.outbox;

import java.util.Optional;

/** What a step sees of its job: the input, earlier results, durable checkpoints and its idempotency key. */
public interface StepContext {
    String jobId();

    /** {@code <job id>/<step name>}: the same on every attempt of this step. */
    String idempotencyKey();

    /** 1 on the first attempt. */
    int attempt();

    /**
     * The job's input. Throws if an earlier step already consumed it (see {@link #consumeInput()}).
     */
    byte[] input();

    /** Marks the input to be wiped from the vault when this step's result is recorded (same transaction). */
    void consumeInput();

    /** The recorded result of an earlier step of the same job. */
    byte[] result(String step);

    /** A value this step saved on an earlier attempt. */
    Optional<byte[]> checkpoint(String name);

    /** Saves a value durably now (committed before this returns), to be found again by {@link #checkpoint}. */
    void checkpoint(String name, byte[] value);
}
