package io.enclave.testsupport;

import io.enclave.devnet.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A server process started by the tests, never left behind: {@link ChildProcess} with its pid files and logs in
 * {@code <build>/test-processes}.
 */
public final class ManagedProcess implements AutoCloseable {
    static {
        ChildProcess.setProcessDir(Toolchain.buildDir().resolve("test-processes"));
    }

    private final ChildProcess process;

    private ManagedProcess(ChildProcess process) {
        this.process = process;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir) {
        return new ManagedProcess(ChildProcess.start(name, command, env, workDir));
    }

    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        process.awaitReady(ready, timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public List<Long> pids() {
        return process.pids();
    }

    public String tail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }

    public static Path processDir() {
        return ChildProcess.processDir();
    }

    public static void record(long pid, String name, String commandSuffix) {
        ChildProcess.record(pid, name, commandSuffix);
    }

    public static void forget(long pid) {
        ChildProcess.forget(pid);
    }

    public static void sweep() {
        ChildProcess.sweep();
    }
}
