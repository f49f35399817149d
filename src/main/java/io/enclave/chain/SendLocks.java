package io.enclave.chain;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per (chain, account) for every {@link TransactionService} of this JVM: the nonce is read, the transaction
 * signed and handed to the node under it, so two senders of one account (a screen and the background outbox runner,
 * each with its own service) never sign two transactions with one nonce. Held only for that step, never while the
 * user reads a confirmation or while a receipt is awaited.
 */
final class SendLocks {
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private SendLocks() {
    }

    static ReentrantLock of(long chainId, String account) {
        return LOCKS.computeIfAbsent(chainId + ":" + account.toLowerCase(Locale.ROOT), k -> new ReentrantLock());
    }
}
