package io.enclave.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Temporary folders for tests that cannot take JUnit's {@code @TempDir} (a static set-up, a data folder the app under
 * test keeps using until the JVM ends): each is deleted when the test JVM exits, so a run leaves nothing in the
 * system's temp folder.
 */
public final class TempDirs {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TempDirs::deleteTree), "temp-dirs"));
    }

    private TempDirs() {
    }

    /** A new empty folder named {@code prefix…}, deleted with everything in it when the JVM exits. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    /** Deletes {@code dir} and everything under it, as far as it can (a temp folder: best effort). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: what is left is in the system's temp folder
        }
    }
}
