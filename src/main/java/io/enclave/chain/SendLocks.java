package io.enclave.chain;

import io.enclave.util.DataDirs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per (chain, account) for every sender of this user on this machine: the nonce is read, the transaction
 * signed and handed to the node under it, so two senders of one account never sign two transactions with one nonce —
 * a screen and the background outbox runner of the studio (each with its own service, one JVM), and the studio and a
 * CLI command ({@code enclave wallet send}, {@code market …}) running beside it (two JVMs).
 *
 * <p>In this JVM it is a {@link ReentrantLock}; across processes, an OS lock ({@link FileChannel#tryLock}) on an empty
 * file {@code send-<chain>-<account>.lock} in the lock folder (by default {@code <data folder>/locks}, the same for the
 * studio and the CLI whatever vault each opens). It is held only for that step, never while the user reads a
 * confirmation or while a receipt is awaited; a process that dies holding it loses it with its file handles, released
 * by the OS. Waiting for it is bounded: past the bound the send fails with what to do, and nothing is sent.
 */
final class SendLocks {
    /** How long a sender waits for another to hand over its transaction (a few RPC round trips in the normal case). */
    static final Duration BOUND = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private SendLocks() {
    }

    /** The folder of the lock files when none is given: shared by every Enclave process of this user. */
    static Path defaultFolder() {
        return DataDirs.home().resolve("locks");
    }

    /** The lock file of an account on a chain in {@code folder}. */
    static Path file(Path folder, long chainId, String account) {
        return folder.resolve("send-" + chainId + "-" + account.toLowerCase(Locale.ROOT) + ".lock");
    }

    /**
     * Takes the account's lock in this JVM and then in {@code folder} across processes, waiting at most {@code bound}
     * for each.
     *
     * @throws ChainException when another sender holds it past the bound, or the lock file cannot be opened; nothing is
     *                        held then
     */
    static Held hold(long chainId, String account, Path folder, Duration bound) {
        String who = account.toLowerCase(Locale.ROOT);
        ReentrantLock jvm = LOCKS.computeIfAbsent(chainId + ":" + who, k -> new ReentrantLock());
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            if (!jvm.tryLock(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(who, chainId, bound, "another sender in this Enclave");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("Interrupted while waiting to send from " + who + "; nothing was sent.", e);
        }
        try {
            return new Held(jvm, lockFile(file(folder, chainId, who), who, chainId, bound, deadline));
        } catch (RuntimeException | Error e) {
            jvm.unlock();
            throw e;
        }
    }

    private static FileChannel lockFile(Path file, String who, long chainId, Duration bound, long deadline) {
        FileChannel ch;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ChainException("Cannot open the send lock " + file + " (" + e.getMessage() + "); nothing was sent. "
                    + "Check that the folder exists and is writable.", e);
        }
        try {
            while (true) {
                FileLock l = ch.tryLock();
                if (l != null) {
                    return ch;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw busy(who, chainId, bound, "another Enclave process (the studio or a CLI command, lock " + file
                            + ")");
                }
                LockSupport.parkNanos(POLL_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new ChainException("Interrupted while waiting to send from " + who + "; nothing was sent.");
                }
            }
        } catch (IOException e) {
            close(ch);
            throw new ChainException("Cannot lock " + file + " (" + e.getMessage() + "); nothing was sent.", e);
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static ChainException busy(String who, long chainId, Duration bound, String holder) {
        return new ChainException("Could not send from " + who + " on chain " + chainId + ": " + holder + " has been "
                + "sending from this account for over " + bound.toSeconds() + " s. Nothing was sent; try again once it "
                + "has finished (its transaction shows in the account's activity).");
    }

    private static void close(FileChannel ch) {
        try {
            ch.close(); // releases the OS lock with it
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** The held lock; closing releases the OS lock, then this JVM's. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel file;

        private Held(ReentrantLock jvm, FileChannel file) {
            this.jvm = jvm;
            this.file = file;
        }

        @Override
        public void close() {
            try {
                SendLocks.close(file);
            } finally {
                jvm.unlock();
            }
        }
    }
}
