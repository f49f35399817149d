package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heap's return after a release never runs on the releasing thread (the FX thread, when the studio is left). */
class HeapReturnTest {
    @Test
    void theCollectionRunsOnItsOwnThreadAndReleasesDuringItAreServedByIt() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        HeapReturn heap = new HeapReturn(true, () -> {
            ranOn[0] = Thread.currentThread();
            runs.incrementAndGet();
            started.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS); // a long collection: the callers must not wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        heap.released(); // would block here until the latch's 30 s if it ran on the caller
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        heap.released(); // while the first runs: served by it
        assertThat(finish.getCount()).as("the callers returned while the collection still ran").isEqualTo(1);
        finish.countDown();
        assertThat(ranOn[0]).isNotSameAs(caller);
        assertThat(ranOn[0].getName()).isEqualTo("enclave-heap-return");
        ranOn[0].join(30_000);
        assertThat(runs).hasValue(1);
    }

    @Test
    void withoutAConcurrentExplicitGcNothingIsAsked() {
        AtomicInteger runs = new AtomicInteger();
        new HeapReturn(false, runs::incrementAndGet).released();
        assertThat(runs).hasValue(0);
    }
}
