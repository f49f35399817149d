package io.enclave.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.ChangeFileEncryption;
import org.jdbi.v3.core.Jdbi;

/**
 * The desktop's local database (H2, one file under the data folder), migrated by Flyway from
 * {@code db/vault}. Features add their own tables with new migrations and their own store classes.
 *
 * <p>The file is encrypted at rest (H2 {@code CIPHER=AES}) with a 256-bit key the wallet derives
 * ({@code UnlockedWallet.deriveVaultKey()}): without the unlocked wallet the vault is unreadable, and nothing it holds
 * (content keys, outbox inputs, decrypted purchases, activity) reaches the disk in the clear. A vault written by an
 * earlier version without encryption is encrypted in place the first time it is opened with a key.
 *
 * <p>A file vault stays open from {@link #open} to {@link #close}: one connection is kept, so the file is decrypted and
 * read once, not again for every query (an H2 file database closes with its last connection: reopening it cost ~75 ms
 * per query, against ~1 ms open). While it is open it belongs to this process: another Enclave process (a CLI command
 * beside the studio with this wallet unlocked) is refused with what to do, instead of the two taking turns on one file
 * and running one outbox job twice.
 */
public final class Vault implements AutoCloseable {
    /** The vault's file name under its folder, without H2's {@code .mv.db} suffix. */
    public static final String NAME = "vault";
    private static final int KEY_BYTES = 32;
    /**
     * Encrypted; closed with its last connection; and every commit written to the file when it commits
     * ({@code WRITE_DELAY=0}): H2 otherwise writes commits up to 500 ms later, and a process killed in that window (a
     * crash mid-publish, {@code OutboxCrashIT}) would lose a step it had recorded as done.
     */
    private static final String FILE_OPTIONS = ";CIPHER=AES;DB_CLOSE_DELAY=0;WRITE_DELAY=0";

    private final Jdbi jdbi;
    private final JdbcDataSource dataSource;
    private final String url;
    /** Keeps a file vault open while this object is in use; null for in-memory vaults and once closed. */
    private Connection keeper;

    private Vault(String url, char[] password, Path dir) {
        this.url = url;
        this.dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("enclave");
        dataSource.setPasswordChars(password);
        if (dir != null) {
            try {
                keeper = dataSource.getConnection();
            } catch (SQLException e) {
                throw translate(e, dir);
            }
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/vault").load().migrate();
        } catch (RuntimeException e) {
            close();
            throw translate(e, dir);
        }
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens (creating and migrating as needed) the encrypted vault in {@code dir}/vault.mv.db. The key is copied;
     * the caller wipes its array.
     *
     * @throws VaultException when the key does not open the file (another wallet's vault) or the file is damaged
     */
    public static Vault open(Path dir, byte[] key) {
        requireKey(key);
        Path file = dir.resolve(NAME + ".mv.db");
        if (Files.exists(file) && isPlain(file)) {
            char[] filePassword = HexFormat.of().formatHex(key).toCharArray();
            try {
                encryptInPlace(dir, filePassword);
            } finally {
                java.util.Arrays.fill(filePassword, '\0');
            }
        }
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(NAME) + FILE_OPTIONS;
        return new Vault(url, password(key), dir);
    }

    /** H2's password for an encrypted file: "<file password> <user password>", the user password empty. */
    private static char[] password(byte[] key) {
        requireKey(key);
        char[] hex = HexFormat.of().formatHex(key).toCharArray();
        char[] password = new char[hex.length + 1];
        System.arraycopy(hex, 0, password, 0, hex.length);
        password[hex.length] = ' ';
        java.util.Arrays.fill(hex, '\0');
        return password;
    }

    /**
     * A data source for a new, empty, encrypted vault file in {@code dir} (no tables yet) — the target of a backup
     * restore, which brings its own tables and migration history. Open it afterwards with {@link #open}.
     *
     * @throws VaultException when {@code dir} already holds a vault
     */
    public static JdbcDataSource restoreTarget(Path dir, byte[] key) {
        if (Files.exists(dir.resolve(NAME + ".mv.db"))) {
            throw new VaultException("A vault already exists in " + dir + ": restore into a new folder", null);
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve(NAME) + FILE_OPTIONS);
        ds.setUser("enclave");
        ds.setPasswordChars(password(key));
        return ds;
    }

    /** A private in-memory vault (tests, or a session that must leave nothing on disk). */
    public static Vault inMemory(String name) {
        return new Vault("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", new char[0], null);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The data source (already carrying the key), for code that speaks plain JDBC (outbox, backups). */
    public JdbcDataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public ActivityStore activity() {
        return new ActivityStore(jdbi);
    }

    /**
     * Lets go of a file vault: once the last connection a running task still uses is closed, the database is written
     * and closed, and another process may open it. Closing twice is harmless.
     */
    @Override
    public synchronized void close() {
        Connection c = keeper;
        keeper = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                throw new VaultException("The vault could not be closed cleanly (" + firstLine(e.getMessage())
                        + "); what was committed is kept.", e);
            }
        }
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a vault key is " + KEY_BYTES + " bytes");
        }
    }

    /**
     * Whether the vault file is an unencrypted MVStore file (an earlier version's vault): those start with H2's plain
     * header {@code "H:2,"}, encrypted ones with {@code "H2encrypt"}. Reads a few bytes instead of trying a connection.
     */
    private static boolean isPlain(Path file) {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, 4) == 4 && "H:2,".equals(new String(head, StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new VaultException("Cannot read the vault at " + file + ": " + e.getMessage(), e);
        }
    }

    private static void encryptInPlace(Path dir, char[] filePassword) {
        try {
            ChangeFileEncryption.execute(dir.toAbsolutePath().toString(), NAME, "AES", null, filePassword.clone(),
                    true);
        } catch (SQLException e) {
            throw new VaultException("The unencrypted vault at " + dir.resolve(NAME + ".mv.db")
                    + " could not be encrypted (" + e.getMessage() + "); it was left as it was.", e);
        }
    }

    private static RuntimeException translate(Exception e, Path dir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Wrong user name or password") || m.contains("Encryption error")
                    || m.contains("File corrupted") || m.contains("wrong password")) {
                return new VaultException("The vault cannot be opened with this wallet's key: it belongs to another "
                        + "wallet or is damaged (" + firstLine(m) + "). Nothing was changed.", e);
            }
            if (t instanceof SQLException q && q.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return new VaultException("The wallet's data in " + dir + " is open in another Enclave process (the "
                        + "studio with this wallet unlocked, or another command). Lock the wallet there or close it, then "
                        + "try again. Nothing was changed.", e);
            }
        }
        return e instanceof RuntimeException r ? r : new VaultException("The vault in " + dir + " cannot be opened ("
                + firstLine(e.getMessage()) + "). Nothing was changed.", e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
