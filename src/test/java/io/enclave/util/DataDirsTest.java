package io.enclave.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirsTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(DataDirs.defaultHome("Linux", home, null, null)).isEqualTo(Path.of("/home/ada/.local/share/enclave"));
        assertThat(DataDirs.defaultHome("Linux", home, null, "/data")).isEqualTo(Path.of("/data/enclave"));
    }

    @Test
    void macAndWindowsUseTheirApplicationFolders() {
        assertThat(DataDirs.defaultHome("Mac OS X", home, null, null))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Enclave"));
        assertThat(DataDirs.defaultHome("Windows 11", home, "/appdata", null)).isEqualTo(Path.of("/appdata/Enclave"));
    }
}
