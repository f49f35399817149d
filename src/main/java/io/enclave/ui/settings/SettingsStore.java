package io.enclave.ui.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code settings.json} in the data folder. Missing file: defaults. A file that cannot be read is kept aside as
 * {@code settings.json.broken} (so nothing is lost) and the defaults are used; writes are atomic.
 */
public final class SettingsStore {
    public static final String FILE = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private String problem;

    public SettingsStore(Path dataFolder) {
        this.file = dataFolder.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Why the last {@link #load()} fell back to the defaults, or null. */
    public String problem() {
        return problem;
    }

    public Settings load() {
        problem = null;
        if (!Files.exists(file)) {
            return Settings.DEFAULTS;
        }
        try {
            return JSON.readValue(file.toFile(), Settings.class);
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(FILE + ".broken");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                e.addSuppressed(moveFailed);
            }
            problem = "Settings in " + file + " could not be read (" + rootMessage(e) + "); they were kept as " + aside
                    + " and the defaults are in use.";
            return Settings.DEFAULTS;
        }
    }

    public void save(Settings s) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(s));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save settings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
