package io.enclave.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server process started by the devnet or the tests (anvil, the IPFS daemon, ...), never left behind:
 * <ul>
 *   <li>it runs under a bash watchdog that kills it as soon as this JVM is gone, even after {@code kill -9};</li>
 *   <li>a shutdown hook stops it when the JVM exits normally;</li>
 *   <li>a pid file in a process folder lets the next start sweep anything that survived.</li>
 * </ul>
 */
public final class ChildProcess implements AutoCloseable {
    private static final String WATCHDOG = """
            "$@" & child=$!
            trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 "$ENCLAVE_JVM_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill -TERM $child 2>/dev/null
            sleep 2
            kill -KILL $child 2>/dev/null
            wait $child
            """;

    private final String name;
    private final Process process;
    private final Path pidFile;
    private final Path log;
    private final Thread hook;

    private ChildProcess(String name, Process process, Path pidFile, Path log) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
        this.log = log;
        this.hook = new Thread(this::stopQuietly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code command} with the given extra environment; output goes to a log file in the build folder. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir) {
        sweep();
        try {
            Path dir = Files.createDirectories(processDir());
            Path log = dir.resolve(name + "-" + ProcessHandle.current().pid() + ".log");
            List<String> cmd = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "watchdog"));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            pb.environment().putAll(env);
            pb.environment().put("ENCLAVE_JVM_PID", Long.toString(ProcessHandle.current().pid()));
            Process p = pb.start();
            Path pidFile = dir.resolve(p.pid() + ".pid");
            record(p.pid(), name, "bash");
            return new ChildProcess(name, p, pidFile, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Polls {@code ready} until it holds, failing with the process log if the process dies or time runs out. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            } catch (RuntimeException e) {
                // not ready yet
            }
        }
        close();
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * The PIDs of this process and the servers it started. The watchdog's own short-lived {@code sleep} children are
     * left out: they come and go every half second, so a caller holding their PIDs would see them vanish.
     */
    public List<Long> pids() {
        List<Long> all = new ArrayList<>();
        all.add(process.pid());
        process.descendants().filter(h -> h.info().command().isPresent() && !isWatchdogSleep(h.info()))
                .forEach(h -> all.add(h.pid()));
        return all;
    }

    private static boolean isWatchdogSleep(ProcessHandle.Info info) {
        String command = info.command().orElse("");
        return (command.equals("sleep") || command.endsWith("/sleep"))
                && info.arguments().map(a -> a.length == 1 && a[0].equals("0.5")).orElse(false);
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void stopQuietly() {
        kill(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // swept next time
        }
    }

    private static void kill(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static volatile Path processDir = Path.of(System.getProperty("java.io.tmpdir"), "enclave-processes");

    /** The folder for pid files and process logs (the tests use their build folder, the devnet its data folder). */
    public static Path processDir() {
        return processDir;
    }

    public static void setProcessDir(Path dir) {
        processDir = dir;
    }

    /**
     * Records a process this JVM is responsible for (including daemons that are not its children, such as
     * PostgreSQL's postmaster), so that a later run can kill it if this JVM dies without stopping it.
     */
    public static void record(long pid, String name, String commandSuffix) {
        try {
            Path dir = Files.createDirectories(processDir());
            Files.writeString(dir.resolve(pid + ".pid"),
                    name + "\n" + ProcessHandle.current().pid() + "\n" + commandSuffix + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets a recorded process (it was stopped properly). */
    public static void forget(long pid) {
        try {
            Files.deleteIfExists(processDir().resolve(pid + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills processes recorded by an earlier test JVM that died without stopping them, and removes their pid files. */
    public static synchronized void sweep() {
        Path dir = processDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                long pid = Long.parseLong(f.getFileName().toString().replace(".pid", ""));
                long owner = lines.size() > 1 ? Long.parseLong(lines.get(1).trim()) : -1;
                String suffix = lines.size() > 2 ? lines.get(2).trim() : "bash";
                boolean ownerAlive = ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
                if (ownerAlive) {
                    continue;
                }
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                boolean matches = h.flatMap(x -> x.info().command()).map(c -> c.endsWith(suffix)).orElse(false);
                if (h.isPresent() && h.get().isAlive() && matches) {
                    kill(h.get());
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
