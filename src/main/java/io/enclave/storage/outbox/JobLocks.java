package io.enclave.storage.outbox;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One lock per (vault, job) for every {@link Outbox} of this JVM. The desktop keeps one runner per vault, but a screen
 * that runs its own job by id (publishing from the wizard) and the background runner must never run the same job at
 * the same time: its chain steps check the chain before they send, and two runs could both see "not sent yet".
 */
final class JobLocks {
    private final Map<DataSource, Map<String, ReentrantLock>> byVault = Collections.synchronizedMap(new WeakHashMap<>());

    ReentrantLock of(DataSource vault, String jobId) {
        return byVault.computeIfAbsent(vault, v -> new ConcurrentHashMap<>()).computeIfAbsent(jobId, j -> new ReentrantLock());
    }
}
