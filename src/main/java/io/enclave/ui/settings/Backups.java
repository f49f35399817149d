package io.enclave.ui.settings;

import io.enclave.crypto.Secrets;
import io.enclave.storage.backup.BackupKdf;
import io.enclave.storage.backup.VaultBackup;
import io.enclave.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Backup export and restore of the local vault (activity, outbox, everything in H2) for the Settings screen.
 * A restore goes into a fresh vault under {@code restore/} and replaces the live one at the next start, so the
 * running app never reads a half-restored database; the replaced vault is kept as {@code vault.mv.db.before-restore}.
 */
public final class Backups {
    static final String PENDING_DIR = "restore";

    private Backups() {
    }

    /** Writes an encrypted backup; wipes the password. */
    public static void export(Vault vault, char[] password, Path file) {
        try {
            VaultBackup.export(vault.dataSource(), password, BackupKdf.DEFAULT, file);
        } finally {
            Secrets.wipe(password);
        }
    }

    /**
     * Decrypts and restores {@code file} into a pending vault, encrypted with {@code vaultKey} (the unlocked wallet's),
     * that {@link #applyPending} switches to.
     */
    public static void restore(Path dataFolder, Path file, char[] password, byte[] vaultKey) {
        Path dir = dataFolder.resolve(PENDING_DIR);
        try {
            deletePending(dir);
            Files.createDirectories(dir);
            try {
                VaultBackup.restore(file, password, Vault.restoreTarget(dir, vaultKey));
            } catch (RuntimeException e) {
                deletePending(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + dir + ": " + e.getMessage(), e);
        } finally {
            Secrets.wipe(password);
        }
    }

    /** True when a restored vault waits for the next start. */
    public static boolean pending(Path dataFolder) {
        return Files.exists(dataFolder.resolve(PENDING_DIR).resolve("vault.mv.db"));
    }

    /** Called before the vault is opened: puts a restored vault in place, keeping the old one beside it. */
    public static void applyPending(Path dataFolder) {
        Path restored = dataFolder.resolve(PENDING_DIR).resolve("vault.mv.db");
        if (!Files.exists(restored)) {
            return;
        }
        Path live = dataFolder.resolve("vault.mv.db");
        try {
            if (Files.exists(live)) {
                Files.move(live, dataFolder.resolve("vault.mv.db.before-restore"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(restored, live);
            deletePending(dataFolder.resolve(PENDING_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not switch to the restored vault in " + dataFolder + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deletePending(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
