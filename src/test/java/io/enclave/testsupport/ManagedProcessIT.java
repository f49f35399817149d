package io.enclave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Servers started by the tests never outlive the JVM that started them, even after {@code kill -9}. */
class ManagedProcessIT {

    @Test
    void aKilledTestJvmTakesItsServersWithIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Denclave.project.dir=" + Toolchain.projectDir(), "-Denclave.build.dir=" + Toolchain.buildDir(),
                ManagedProcessChild.class.getName()).redirectErrorStream(true).start();
        List<Long> pids = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("PIDS ")) {
                    pids = Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).toList();
                    break;
                }
            }
            assertThat(pids).as("child printed its server PIDs").isNotNull().hasSizeGreaterThanOrEqualTo(2);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid)).as("pid %d running", pid).isPresent();
            }

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && pids.stream().anyMatch(p -> ProcessHandle.of(p).isPresent())) {
                Thread.sleep(200);
            }
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d gone", pid).isFalse();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sweepKillsWhatADeadJvmRecordedAndLeavesOthersAlone() throws Exception {
        // A process recorded by an owner that no longer exists (a "dead JVM") is swept; ours are not.
        Process orphan = new ProcessBuilder("sleep", "300").start();
        Process mine = new ProcessBuilder("sleep", "300").start();
        try {
            Path dir = Files.createDirectories(ManagedProcess.processDir());
            long deadOwner = deadPid();
            Files.writeString(dir.resolve(orphan.pid() + ".pid"), "orphan\n" + deadOwner + "\nsleep\n");
            ManagedProcess.record(mine.pid(), "mine", "sleep");

            ManagedProcess.sweep();

            assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("orphan killed").isTrue();
            assertThat(mine.isAlive()).as("a process of a live JVM is kept").isTrue();
            assertThat(dir.resolve(orphan.pid() + ".pid")).doesNotExist();
            assertThat(dir.resolve(mine.pid() + ".pid")).exists();
        } finally {
            ManagedProcess.forget(mine.pid());
            orphan.destroyForcibly();
            mine.destroyForcibly();
        }
    }

    /** The PID of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").redirectOutput(new File("/dev/null")).start();
        p.waitFor();
        return p.pid();
    }
}
