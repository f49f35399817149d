package io.enclave.util;

import java.nio.file.Path;
import java.util.Locale;

/** Where Enclave keeps its data on each OS; {@code ENCLAVE_HOME} or {@code -Denclave.home} override it. */
public final class DataDirs {
    private DataDirs() {
    }

    public static Path home() {
        String override = System.getProperty("enclave.home", System.getenv("ENCLAVE_HOME"));
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        return defaultHome(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv("APPDATA"),
                System.getenv("XDG_DATA_HOME"));
    }

    static Path defaultHome(String osName, Path userHome, String appData, String xdgDataHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return (appData != null ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming")).resolve("Enclave");
        }
        if (os.contains("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Enclave");
        }
        Path base = xdgDataHome != null && !xdgDataHome.isBlank() ? Path.of(xdgDataHome) : userHome.resolve(".local/share");
        return base.resolve("enclave");
    }

    public static Path logs() {
        return home().resolve("logs");
    }
}
