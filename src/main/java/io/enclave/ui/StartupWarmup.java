package io.enclave.ui;

import io.enclave.ui.app.Session;
import io.enclave.ui.settings.Backups;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Work done on a second core while the JavaFX toolkit starts on the first (cold start, docs/BENCHMARKS.md): a pending
 * vault restore is applied and the settings are read (Jackson's first use costs ~0.5 s of CPU), then the classes the
 * first screen needs are loaded, not initialized ({@code startup-classes.txt}, regenerated with the class-load log of
 * a probe run; a name that no longer exists is skipped). Nothing here touches the scene graph.
 */
final class StartupWarmup {
    private final Path dataFolder;
    private final CompletableFuture<Session> session = new CompletableFuture<>();

    private StartupWarmup(Path dataFolder) {
        this.dataFolder = dataFolder;
    }

    static StartupWarmup start(Path dataFolder) {
        StartupWarmup w = new StartupWarmup(dataFolder);
        Thread t = new Thread(w::run, "startup-warmup");
        t.setDaemon(true);
        t.start();
        return w;
    }

    Path dataFolder() {
        return dataFolder;
    }

    /** The session the warm-up opened; its failure is thrown here, on the FX thread, as if it happened there. */
    Session session() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the session", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        try {
            Backups.applyPending(dataFolder);
            session.complete(new Session(dataFolder));
        } catch (RuntimeException | Error e) {
            session.completeExceptionally(e);
            return;
        }
        preloadClasses();
    }

    private static void preloadClasses() {
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        try (InputStream in = StartupWarmup.class.getResourceAsStream("startup-classes.txt")) {
            if (in == null) {
                return;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = r.readLine(); name != null; name = r.readLine()) {
                try {
                    Class.forName(name.strip(), false, loader);
                } catch (ClassNotFoundException | LinkageError stale) {
                    // a class of an older build or library version: nothing to warm
                }
            }
        } catch (IOException e) {
            // a warm-up only: the classes load when first used
        }
    }
}
