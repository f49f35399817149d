package io.enclave.ui;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The cold-start benchmark ({@code -Denclave.startup.probe=true}, see docs/BENCHMARKS.md): records wall time since JVM
 * start and process CPU at each start-up phase, prints them at the first rendered frame of the window, then exits.
 */
final class StartupProbe {
    static final boolean ENABLED = Boolean.getBoolean("enclave.startup.probe");
    private static final List<String> PHASES = new ArrayList<>();

    private StartupProbe() {
    }

    static synchronized void mark(String phase) {
        if (ENABLED) {
            PHASES.add(String.format("  %-16s %6d ms wall, %6d ms CPU", phase, sinceJvmStart(), cpuMillis()));
        }
    }

    static void reportAtFirstFrameAndExit() {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long wall = sinceJvmStart();
                long cpu = cpuMillis();
                synchronized (StartupProbe.class) {
                    PHASES.forEach(System.out::println);
                }
                System.out.println("enclave startup: first frame " + wall + " ms after JVM start, process CPU " + cpu
                        + " ms, load average " + String.format("%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                Platform.exit();
            }
        }.start();
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
