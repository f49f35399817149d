package io.enclave.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaultsAndSavedSettingsComeBack() {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(Settings.DEFAULTS);
        Settings s = Settings.DEFAULTS.withNetwork("testnet", List.of("https://rpc.example.org", "http://127.0.0.1:9"), 0)
                .withDark(true).withOnboarded(true);
        store.save(s);
        assertThat(new SettingsStore(dir).load()).isEqualTo(s);
        assertThat(dir.resolve("settings.json.tmp")).doesNotExist();
    }

    @Test
    void aBrokenFileIsKeptAsideAndExplained() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"network\": \"devnet\", \"autoLockMinutes\": ");
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(Settings.DEFAULTS);
        assertThat(store.problem()).contains("could not be read").contains("settings.json.broken");
        assertThat(Files.readString(dir.resolve("settings.json.broken"))).contains("autoLockMinutes");
    }

    @Test
    void invalidValuesInTheFileAreRejectedNotUsed() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"network\":\"devnet\",\"rpcUrls\":[\"ftp://x.example\"],"
                + "\"ipfsApiUrl\":\"http://127.0.0.1:5001\",\"pinataApiUrl\":\"https://api.pinata.cloud\","
                + "\"discoveryUrl\":\"http://127.0.0.1:8080\",\"autoLockMinutes\":10}");
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(Settings.DEFAULTS);
        assertThat(store.problem()).contains("RPC URL must start with http");
    }

    @Test
    void settingsValidateWhatAPersonTyped() {
        assertThatThrownBy(() -> Settings.DEFAULTS.withNetwork("devnet", List.of("localhost:8545"), 0))
                .hasMessageContaining("RPC URL must start with http:// or https://");
        assertThatThrownBy(() -> new Settings("devnet", List.of(), 0, "http://127.0.0.1:5001", "https://api.pinata.cloud",
                List.of(), "http://127.0.0.1:8080", 0, false, false)).hasMessageContaining("Auto-lock");
    }
}
