package io.enclave.ui.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Work runs off the FX thread, results and errors come back on it, and cancel reaches long work. */
@ExtendWith(ApplicationExtension.class)
class BackgroundTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void resultsAndErrorsReturnOnTheFxThreadAndCancelReachesTheWork() throws Exception {
        Background bg = new Background();
        AtomicReference<String> result = new AtomicReference<>();
        AtomicBoolean workOnFx = new AtomicBoolean(true);
        AtomicBoolean callbackOnFx = new AtomicBoolean(false);
        WaitForAsyncUtils.asyncFx(() -> bg.run("ok", p -> {
            workOnFx.set(javafx.application.Platform.isFxApplicationThread());
            p.update("half", 0.5);
            return "done";
        }, r -> {
            callbackOnFx.set(javafx.application.Platform.isFxApplicationThread());
            result.set(r);
        }, e -> result.set("failed"))).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(result.get()).isEqualTo("done");
        assertThat(workOnFx.get()).isFalse();
        assertThat(callbackOnFx.get()).isTrue();

        AtomicReference<Throwable> error = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> bg.run("fails", p -> {
            throw new IllegalStateException("broken on purpose");
        }, r -> { }, error::set)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> error.get() != null);
        assertThat(error.get()).hasMessage("broken on purpose");

        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean(false);
        CountDownLatch finished = new CountDownLatch(1);
        Task<?> long1 = WaitForAsyncUtils.asyncFx(() -> bg.run("long", p -> {
            started.countDown();
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < end) {
                    if (p.isCancelled()) {
                        sawCancel.set(true);
                        return null;
                    }
                    Thread.onSpinWait();
                }
                return null;
            } finally {
                finished.countDown();
            }
        }, r -> { }, e -> { })).get();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.asyncFx(() -> long1.cancel()).get();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sawCancel.get()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> bg.runningProperty().get() == 0);
    }
}
