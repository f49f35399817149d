package io.enclave.ui.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Hands the heap a released circuit used back to the system soon after the release, not at G1's next periodic cycle:
 * G1 gives committed regions back only at a marking cycle's Remark or a full GC, and while the app is busy (the
 * marketplace table scrolling) young collections keep its periodic cycle from running. With the launcher's
 * {@code -XX:+ExplicitGCInvokesConcurrent} ({@code packaging/jvm.args}) {@link System#gc()} starts such a concurrent
 * cycle (one short young pause, the marking beside the app); then the C heap the circuit's loading used is trimmed
 * ({@code System.trim_native_heap}, where the JDK has it). Without that option {@code System.gc()} would be a
 * stop-the-world full collection, so then nothing is asked and the periodic cycle does it later.
 *
 * <p>{@code System.gc()} returns only when the concurrent cycle has ended (100–200 ms on a small heap), so it runs on a
 * background thread of its own: a release asked on the FX thread (leaving the studio) never waits for it. Releases that
 * come while one runs are served by it.
 */
public final class HeapReturn {
    private static final HeapReturn DEFAULT = new HeapReturn(explicitGcIsConcurrent(), HeapReturn::collectAndTrim);

    private final boolean enabled;
    private final Runnable collect;
    private final AtomicBoolean running = new AtomicBoolean();

    HeapReturn(boolean enabled, Runnable collect) {
        this.enabled = enabled;
        this.collect = collect;
    }

    /** Called after circuits were released (any thread; returns at once). */
    public static void afterRelease() {
        DEFAULT.released();
    }

    /** Starts the collection on its own thread unless one is running; returns at once. */
    void released() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                collect.run();
            } finally {
                running.set(false);
            }
        }, "enclave-heap-return");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void collectAndTrim() {
        System.gc();
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            // a JDK without the command: TrimNativeHeapInterval (jvm.args) or nothing; the heap was handed back anyway
        }
    }

    private static boolean explicitGcIsConcurrent() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("ExplicitGCInvokesConcurrent").getValue())
                    && !Boolean.parseBoolean(vm.getVMOption("DisableExplicitGC").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }
}
