package io.enclave.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.storage.StorageException;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.storage.outbox.VaultMigrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, restore, wrong password, corruption, truncation and a non-empty target, on real H2 vault files. */
class VaultBackupTest {
    private static final BackupKdf FAST = new BackupKdf(8 * 1024, 1, 1);
    @TempDir
    Path dir;

    private DataSource vault(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name));
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private DataSource filledVault() throws Exception {
        DataSource v = vault("source");
        VaultMigrations.migrate(v);
        Outbox outbox = new Outbox(v, Map.of("k", List.of(PublicationSteps.noArweaveCopy())), Backoff.DEFAULT,
                Clock.systemUTC());
        outbox.enqueue("job-1", "k", "package bytes".getBytes(StandardCharsets.UTF_8));
        try (Connection c = v.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200), blob BLOB)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO notes VALUES (?, ?, ?)")) {
                p.setInt(1, 1);
                p.setString(2, "zk credential — über ✓ 'quoted'");
                byte[] big = new byte[200_000];
                new java.util.Random(1).nextBytes(big);
                p.setBytes(3, big);
                p.executeUpdate();
            }
        }
        return v;
    }

    @Test
    void aRestoredVaultHoldsEverything() throws Exception {
        DataSource source = filledVault();
        Path file = dir.resolve("vault.enclave-backup");
        VaultBackup.export(source, "correct horse".toCharArray(), FAST, file);
        // the note as UTF-8 would spell it (4 bytes of Latin-1 "über" turn up by chance in 1 of ~20,000 such 200 kB files)
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("zk credential",
                new String("über".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), "job-1");

        DataSource restored = vault("restored");
        VaultBackup.restore(file, "correct horse".toCharArray(), restored);
        String notes = "SELECT id, body, blob FROM notes";
        assertThat(dump(restored, notes)).isEqualTo(dump(source, notes));
        assertThat(dump(restored, "SELECT id, kind, state, input FROM outbox_job"))
                .isEqualTo(dump(source, "SELECT id, kind, state, input FROM outbox_job"));
        assertThat(dump(restored, "SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY 1")).contains("100");
        // the restored vault is a working vault: migrations are up to date and the outbox runs
        VaultMigrations.migrate(restored);
        Outbox outbox = new Outbox(restored, Map.of("k", List.of(PublicationSteps.noArweaveCopy())), Backoff.DEFAULT,
                Clock.systemUTC());
        assertThat(outbox.runDue()).isEqualTo(1);
    }

    @Test
    void wrongPasswordCorruptionAndTruncationAreRefusedAndRestoreNothing() throws Exception {
        DataSource source = filledVault();
        Path file = dir.resolve("b");
        VaultBackup.export(source, "pw-1".toCharArray(), FAST, file);
        byte[] good = Files.readAllBytes(file);

        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-2".toCharArray(), vault("t1")))
                .isInstanceOf(StorageException.class).hasMessageContaining("Wrong password");

        byte[] flipped = good.clone();
        flipped[flipped.length - 100] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-1".toCharArray(), vault("t2")))
                .hasMessageContaining("damaged").hasMessageContaining("Nothing was restored");

        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-1".toCharArray(), vault("t3")))
                .hasMessageContaining("damaged");

        Files.write(file, java.util.Arrays.copyOf(good, 20));
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-1".toCharArray(), vault("t4")))
                .hasMessageContaining("header");

        byte[] params = good.clone();
        params[10] = 0x7f; // memory far beyond the cap: refused before any work
        Files.write(file, params);
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-1".toCharArray(), vault("t5")))
                .hasMessageContaining("damaged");

        Files.writeString(file, "hello");
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw-1".toCharArray(), vault("t6")))
                .hasMessageContaining("not an Enclave vault backup");

        for (String t : List.of("t1", "t2", "t3", "t4", "t5", "t6")) {
            assertThat(dump(vault(t), "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"))
                    .isEqualTo("0\n");
        }
    }

    @Test
    void restoreRefusesANonEmptyVault() throws Exception {
        DataSource source = filledVault();
        Path file = dir.resolve("b");
        VaultBackup.export(source, "pw".toCharArray(), FAST, file);
        assertThatThrownBy(() -> VaultBackup.restore(file, "pw".toCharArray(), source))
                .hasMessageContaining("not empty");
        assertThatThrownBy(() -> VaultBackup.export(source, new char[0], FAST, file)).hasMessageContaining("password");
    }

    @Test
    void argon2idMatchesRfc9106() {
        // RFC 9106 section 5.3 test vector for Argon2id (version 0x13).
        byte[] password = filled(32, 0x01);
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03))
                .withAdditional(filled(12, 0x04)).withMemoryAsKB(32).withIterations(3).withParallelism(4).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] tag = new byte[32];
        g.generateBytes(password, tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void differentSaltsGiveDifferentKeysAndTheParametersAreChecked() {
        byte[] a = FAST.derive("pw".toCharArray(), filled(16, 1));
        byte[] b = FAST.derive("pw".toCharArray(), filled(16, 2));
        assertThat(a).hasSize(64).isNotEqualTo(b);
        assertThatThrownBy(() -> new BackupKdf(2 * 1024 * 1024, 1, 1)).hasMessageContaining("out of range");
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static String dump(DataSource ds, String sql) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int i = 1; i <= n; i++) {
                    Object o = r.getMetaData().getColumnType(i) == java.sql.Types.BLOB ? r.getBytes(i) : r.getObject(i);
                    sb.append(o instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(o)).append('|');
                }
                sb.setLength(sb.length() - 1);
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
