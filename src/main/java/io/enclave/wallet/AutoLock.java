package io.enclave.wallet;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Locks an {@link UnlockedWallet} after a period without {@link #touch()}. The UI touches it on user activity;
 * a daemon thread checks once a second. {@link #close()} stops the timer without locking.
 */
public final class AutoLock implements AutoCloseable {
    private final UnlockedWallet wallet;
    private final long idleNanos;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private volatile long lastActivity;

    /** Starts the timer. */
    public static AutoLock start(UnlockedWallet wallet, Duration idle) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wallet-auto-lock");
            t.setDaemon(true);
            return t;
        });
        AutoLock lock = new AutoLock(wallet, idle, System::nanoTime, timer);
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
        timer.scheduleAtFixedRate(lock::lockIfIdle, period, period, TimeUnit.MILLISECONDS);
        return lock;
    }

    /** A lock driven by {@code clock} (nanoseconds) whose checks the caller runs with {@link #lockIfIdle()}. */
    static AutoLock manual(UnlockedWallet wallet, Duration idle, LongSupplier clock) {
        return new AutoLock(wallet, idle, clock, null);
    }

    private AutoLock(UnlockedWallet wallet, Duration idle, LongSupplier clock, ScheduledExecutorService timer) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("auto-lock delay must be positive");
        }
        this.wallet = wallet;
        this.idleNanos = idle.toNanos();
        this.clock = clock;
        this.timer = timer;
        this.lastActivity = clock.getAsLong();
    }

    /** Records user activity: the idle period starts again. */
    public void touch() {
        lastActivity = clock.getAsLong();
    }

    /** Locks the wallet if it has been idle for the configured period; returns whether it is locked now. */
    public boolean lockIfIdle() {
        if (!wallet.isLocked() && clock.getAsLong() - lastActivity >= idleNanos) {
            wallet.close();
        }
        return wallet.isLocked();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
