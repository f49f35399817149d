package io.enclave.ui.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.crypto.Secrets;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JVM prover in the background when the credential studio is first opened in an unlocked session (not at
 * unlock: a wallet that never proves should not hold the prover's ~70 MB nor share its cores), so the studio's first
 * proof costs about what a warm one does rather than the ~7 s of a fresh process (proving key read, witness wasm
 * compiled, prover code not yet compiled by the JIT). It loads the range circuit into the session's
 * {@link CircuitRegistry} (the one the studio proves with) and makes one throwaway range proof over a self-attested
 * value signed by a random key made for it and wiped after: nothing of the user's is read, and the proof is dropped.
 *
 * <p>It runs on one daemon thread at the lowest priority, and its prover too (not on every core as the studio's own
 * proofs: on 2 cores the other one is left to the FX thread), starts after a short delay (the studio paints first), never
 * touches the FX thread, and stops at the next phase boundary of the prover when {@link #cancel()} is called (the
 * wallet was locked). When it ends it leaves the range circuit loaded only if the studio holds the circuits
 * ({@link CircuitRegistry#hold()}: the wizard is open with a proof to make), else it releases it.
 */
public final class ProverWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(ProverWarmup.class);

    /** Where a warm-up is. */
    public enum State { WAITING, RUNNING, DONE, CANCELLED, FAILED, SKIPPED }

    private final CircuitRegistry circuits;
    private final int proverThreads;
    private final java.util.function.BooleanSupplier wanted;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile State state = State.WAITING;
    private volatile Duration took;

    /** @param circuits the registry the studio proves with (the warm-up loads the circuits into it) */
    public ProverWarmup(CircuitRegistry circuits) {
        this(circuits, 1);
    }

    /** With the prover on {@code proverThreads} threads (the benchmark compares 1, the app's, with every core). */
    public ProverWarmup(CircuitRegistry circuits, int proverThreads) {
        this(circuits, proverThreads, () -> true);
    }

    /**
     * @param wanted asked when the delay of {@link #start} ends: false (the person already left the studio) skips the
     *               warm-up — state {@link State#SKIPPED}, nothing loaded; the session starts another at the next showing
     */
    public ProverWarmup(CircuitRegistry circuits, int proverThreads, java.util.function.BooleanSupplier wanted) {
        this.circuits = circuits;
        this.proverThreads = proverThreads;
        this.wanted = wanted;
    }

    /** Starts the warm-up on a low-priority daemon thread after {@code delay}; returns at once. */
    public ProverWarmup start(Duration delay) {
        Thread t = new Thread(() -> {
            try {
                if (cancelled.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    state = State.CANCELLED;
                } else if (!wanted.getAsBoolean()) {
                    state = State.SKIPPED;
                    LOG.info("prover warm-up skipped: the studio was left before it started");
                } else {
                    run();
                }
            } catch (InterruptedException e) {
                state = State.CANCELLED;
                Thread.currentThread().interrupt();
            }
        }, "enclave-prover-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return this;
    }

    /**
     * Warms on the calling thread (the benchmark calls this directly): the range circuit (the wizard's default
     * predicate) with one proof. The other circuits are left to their first use: each one held costs ~70 MB of heap
     * (its parsed witness program and proving key), which a studio that never proves with it should not pay. Never
     * throws; the outcome is {@link #state()}.
     */
    public void run() {
        if (cancelled.getCount() == 0) {
            state = State.CANCELLED;
            return;
        }
        state = State.RUNNING;
        long start = System.nanoTime();
        try {
            throwawayProof();
            took = Duration.ofNanos(System.nanoTime() - start);
            state = State.DONE;
            LOG.info("prover warmed up in {} ms", took.toMillis());
        } catch (CancellationException e) {
            state = State.CANCELLED;
        } catch (Exception | LinkageError e) {
            // A warm-up that fails changes nothing: the first real proof loads what it needs and reports its own errors.
            state = State.FAILED;
            LOG.info("prover warm-up failed (the first proof will load the circuit itself): {}", e.toString());
        } finally {
            // Its lasting benefit is the warm JIT; the circuit stays only while the studio holds it (the person left the
            // studio while the warm-up ran: released now, not 2 minutes later).
            circuits.releaseUnheld();
        }
    }

    private void throwawayProof() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        SchemaRegistry schemas = SchemaRegistry.builtIn(); // parsed here, off the FX thread, on first use
        try (EddsaAttestationSigner signer = new EddsaAttestationSigner(key, Issuer.Provenance.SELF_ATTESTED)) {
            CredentialSchema schema = schemas.latest("employment");
            var a = new AttestationIssuer(signer, random, Clock.systemUTC()).attest(schema, "annualSalary",
                    JsonNodeFactory.instance.numberNode(8_250_000), BigInteger.ONE, Duration.ofDays(1));
            CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(), null, Clock.systemUTC())
                    .check(a);
            checkCancelled();
            Predicate p = Predicate.create(schema, "salary-at-least", List.of(JsonNodeFactory.instance.numberNode(5_000_000)));
            new CredentialProver(new ZkProver(circuits, proverThreads), schemas).prove(checked, p, BigInteger.ONE,
                    Instant.now(), f -> checkCancelled());
        } finally {
            Secrets.wipe(key);
        }
    }

    private void checkCancelled() {
        if (cancelled.getCount() == 0) {
            throw new CancellationException("prover warm-up cancelled");
        }
    }

    /** Stops the warm-up at the next phase boundary (the wallet was locked); safe to call more than once. */
    public void cancel() {
        cancelled.countDown();
    }

    public State state() {
        return state;
    }

    /** How long the warm-up took once {@link State#DONE}, else null. */
    public Duration took() {
        return took;
    }
}
