package io.enclave.storage.backup;

import io.enclave.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The whole local vault (every table, the outbox and the migration history) as one encrypted file:
 * <pre>
 * "ENCLVBK1" | u8 version=1 | u8 kdf=1 (Argon2id) | u32 memory KiB | u32 iterations | u8 parallelism
 * | 16-byte salt | 32-byte password verifier | 12-byte nonce | AES-256-GCM( gzip(SQL script) ), header as AAD
 * </pre>
 * The SQL script comes from H2's {@code SCRIPT} and never touches the disk in clear; a restore needs an empty vault.
 */
public final class VaultBackup {
    private static final byte[] MAGIC = "ENCLVBK1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int KDF_ARGON2ID = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultBackup() {
    }

    /** Writes an encrypted backup of {@code vault} to {@code file} (atomically: a crash leaves no half file). */
    public static void export(DataSource vault, char[] password, BackupKdf kdf, Path file) {
        requirePassword(password);
        byte[] script = script(vault);
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] derived = kdf.derive(password, salt);
        byte[] key = BackupKdf.key(derived);
        try {
            byte[] header = header(kdf, salt, BackupKdf.verifier(derived), nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(header);
            byte[] ct = c.doFinal(script);
            Path tmp = file.resolveSibling(file.getFileName() + ".partial");
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header);
                out.write(ct);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (GeneralSecurityException e) {
            throw new StorageException("Could not encrypt the backup: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("Could not write the backup to " + file + ": " + e.getMessage()
                    + ". Check the folder exists and has space.", e);
        } finally {
            Arrays.fill(script, (byte) 0);
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Restores {@code file} into {@code emptyVault}. Nothing is written unless the password is right and every byte
     * of the file authenticates. Restore into a fresh vault file and switch to it once this returns.
     */
    public static void restore(Path file, char[] password, DataSource emptyVault) {
        requirePassword(password);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Could not read the backup " + file + ": " + e.getMessage(), e);
        }
        byte[] script = decrypt(all, password, file);
        try {
            requireEmpty(emptyVault);
            run(emptyVault, script);
        } finally {
            Arrays.fill(script, (byte) 0);
        }
    }

    private static byte[] decrypt(byte[] all, char[] password, Path file) {
        BackupKdf kdf;
        byte[] salt = new byte[16];
        byte[] verifier = new byte[32];
        byte[] nonce = new byte[12];
        int headerLength;
        if (all.length < MAGIC.length || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new StorageException(file + " is not an Enclave vault backup");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readUnsignedByte();
            int kdfId = in.readUnsignedByte();
            if (version != VERSION || kdfId != KDF_ARGON2ID) {
                throw new StorageException(file + " is a backup format this Enclave does not know (version " + version
                        + ", kdf " + kdfId + "): update Enclave to restore it");
            }
            kdf = new BackupKdf(in.readInt(), in.readInt(), in.readUnsignedByte());
            in.readFully(salt);
            in.readFully(verifier);
            in.readFully(nonce);
            headerLength = all.length - in.available();
        } catch (java.io.EOFException e) {
            throw new StorageException(file + " is damaged: the file ends inside its header", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException(file + " is damaged (its header is invalid): " + e.getMessage(), e);
        }
        byte[] derived = kdf.derive(password, salt);
        byte[] key = BackupKdf.key(derived);
        try {
            if (!MessageDigest.isEqual(verifier, BackupKdf.verifier(derived))) {
                throw new StorageException("Wrong password for backup " + file + " (or its header is damaged)");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(all, 0, headerLength);
            return c.doFinal(all, headerLength, all.length - headerLength);
        } catch (AEADBadTagException e) {
            throw new StorageException("Backup " + file + " is damaged: its contents do not authenticate. Nothing was "
                    + "restored; use another copy of the backup.", e);
        } catch (GeneralSecurityException e) {
            throw new StorageException("Could not decrypt backup " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] header(BackupKdf kdf, byte[] salt, byte[] verifier, byte[] nonce) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(KDF_ARGON2ID);
            out.writeInt(kdf.memoryKib());
            out.writeInt(kdf.iterations());
            out.writeByte(kdf.parallelism());
            out.write(salt);
            out.write(verifier);
            out.write(nonce);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** H2's SCRIPT as gzip of length-prefixed UTF-8 statements, built in memory. */
    private static byte[] script(DataSource vault) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Connection c = vault.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS");
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(b))) {
            while (r.next()) {
                byte[] stmt = r.getString(1).getBytes(StandardCharsets.UTF_8);
                out.writeInt(stmt.length);
                out.write(stmt);
            }
        } catch (SQLException e) {
            throw new StorageException("Could not read the vault for the backup: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void run(DataSource vault, byte[] script) {
        List<String> statements = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(script)))) {
            while (true) {
                int n;
                try {
                    n = in.readInt();
                } catch (java.io.EOFException end) {
                    break;
                }
                byte[] stmt = in.readNBytes(n);
                statements.add(new String(stmt, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new StorageException("The backup decrypted but its contents are not a vault script: " + e.getMessage(),
                    e);
        }
        try (Connection c = vault.getConnection(); Statement s = c.createStatement()) {
            for (String stmt : statements) {
                s.execute(stmt);
            }
        } catch (SQLException e) {
            throw new StorageException("Restoring the vault failed at a statement: " + e.getMessage()
                    + ". Delete the half-restored vault file and restore again into a new one.", e);
        }
    }

    private static void requireEmpty(DataSource vault) {
        try (Connection c = vault.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA "
                     + "NOT IN ('INFORMATION_SCHEMA')")) {
            r.next();
            if (r.getLong(1) > 0) {
                throw new StorageException("The vault to restore into is not empty: restore into a new vault file");
            }
        } catch (SQLException e) {
            throw new StorageException("Could not open the vault to restore into: " + e.getMessage(), e);
        }
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("A backup needs a password");
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
