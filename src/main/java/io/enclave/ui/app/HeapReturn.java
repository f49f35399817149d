package io.enclave.ui.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Hands the heap a released circuit used (~70 MB) back to the system soon after the release, not at G1's next periodic
 * cycle: G1 gives committed regions back only at a marking cycle's Remark or a full GC, and while the app is busy (the
 * marketplace table scrolling) young collections keep its periodic cycle from running. With the launcher's
 * {@code -XX:+ExplicitGCInvokesConcurrent} ({@code packaging/jvm.args}) {@link System#gc()} starts such a concurrent
 * cycle (one short young pause, the marking beside the app). Without that option it would be a stop-the-world full
 * collection, so then nothing is asked and the periodic cycle does it later.
 */
public final class HeapReturn {
    private static final boolean CONCURRENT = explicitGcIsConcurrent();

    private HeapReturn() {
    }

    /** Called after circuits were released (any thread). */
    public static void afterRelease() {
        if (CONCURRENT) {
            System.gc();
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
