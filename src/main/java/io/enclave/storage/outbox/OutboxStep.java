package io.enclave.storage.outbox;

/**
 * One step of a durable job (encrypt, upload, pin, Arweave copy, anchor, list). A step may run more than once — after
 * a crash between its side effect and the record of its result — so it must be idempotent: it keys every external
 * effect by {@link StepContext#idempotencyKey()}, and saves anything it must not redo differently (a generated key, a
 * signed transaction) with {@link StepContext#checkpoint} before the effect.
 */
public interface OutboxStep {
    /** A stable name (stored in the vault; never rename a step of a released pipeline). */
    String name();

    /** Does the work and returns the result recorded for later steps; throws to fail this attempt (it is retried). */
    byte[] run(StepContext ctx) throws Exception;
}
