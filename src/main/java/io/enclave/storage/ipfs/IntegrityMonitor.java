package io.enclave.storage.ipfs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link RedundantStorage#check} on the user's CIDs at a fixed period and hands each report to a listener. */
public final class IntegrityMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityMonitor.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enclave-integrity-check");
        t.setDaemon(true);
        return t;
    });

    public IntegrityMonitor(RedundantStorage storage, Supplier<Collection<Cid>> cids, Duration period,
                            Consumer<List<RedundantStorage.CheckResult>> listener) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<RedundantStorage.CheckResult> report = storage.check(cids.get());
                long bad = report.stream().filter(r -> !r.healthy()).count();
                LOG.info("Integrity check: {} CIDs, {} need attention", report.size(), bad);
                listener.accept(report);
            } catch (RuntimeException e) {
                LOG.warn("Integrity check failed: {}", e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
