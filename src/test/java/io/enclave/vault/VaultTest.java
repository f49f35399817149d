package io.enclave.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.crypto.Argon2id;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    private static final Argon2id.Params FAST = new Argon2id.Params(1024, 1, 1);
    private static final String SECRET = "salary-record-4e1f9c";
    private static final byte[] KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @TempDir
    Path dir;

    @Test
    void whatTheVaultStoresNeverReachesTheDiskInTheClear() throws Exception {
        try (Vault v = Vault.open(dir, KEY)) {
            v.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE note (body VARCHAR)");
                for (int i = 0; i < 200; i++) {
                    h.execute("INSERT INTO note VALUES (?)", SECRET + i);
                }
            });
        }
        try (Vault again = Vault.open(dir, KEY)) {
            int count = again.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM note").mapTo(Integer.class).one());
            assertThat(count).isEqualTo(200);
        }
        byte[] file = Files.readAllBytes(dir.resolve("vault.mv.db"));
        assertThat(indexOf(file, SECRET.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(indexOf(file, "CREATE TABLE".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void anotherKeyIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
        Vault.open(dir, KEY).close();
        byte[] before = Files.readAllBytes(dir.resolve("vault.mv.db"));
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> Vault.open(dir, other)).isInstanceOf(VaultException.class)
                .hasMessageContaining("cannot be opened with this wallet's key").hasMessageContaining("Nothing was changed");
        assertThat(Files.readAllBytes(dir.resolve("vault.mv.db"))).isEqualTo(before);
        assertThatThrownBy(() -> Vault.open(dir, new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVaultWrittenWithoutEncryptionIsEncryptedInPlaceAndKeepsItsData() throws Exception {
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:file:" + dir.resolve("vault") + ";DB_CLOSE_DELAY=0");
        plain.setUser("enclave");
        plain.setPassword("");
        // what an earlier version left: a migrated vault, unencrypted
        org.flywaydb.core.Flyway.configure().dataSource(plain).locations("classpath:db/vault").load().migrate();
        try (var c = plain.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE legacy (body VARCHAR)");
            s.execute("INSERT INTO legacy VALUES ('" + SECRET + "')");
        }
        assertThat(indexOf(Files.readAllBytes(dir.resolve("vault.mv.db")), SECRET.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(-1);

        try (Vault v = Vault.open(dir, KEY)) {
            String body = v.jdbi().withHandle(h -> h.createQuery("SELECT body FROM legacy").mapTo(String.class).one());
            assertThat(body).isEqualTo(SECRET);
        }
        assertThat(indexOf(Files.readAllBytes(dir.resolve("vault.mv.db")), SECRET.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    @Test
    void aRestoreTargetMustBeNew() {
        Vault.open(dir, KEY);
        assertThatThrownBy(() -> Vault.restoreTarget(dir, KEY)).isInstanceOf(VaultException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void anotherProcessCannotOpenTheVaultThisOneHoldsAndGetsToOnceItIsClosed() throws Exception {
        try (Vault v = Vault.open(dir, KEY)) {
            v.jdbi().useHandle(h -> h.execute("CREATE TABLE note (body VARCHAR)"));
            String refused = child().firstLineThenClose();
            assertThat(refused).startsWith("REFUSED").contains("open in another Enclave process")
                    .contains("Lock the wallet there or close it").contains("Nothing was changed");
            v.jdbi().useHandle(h -> h.execute("INSERT INTO note VALUES (?)", SECRET)); // still ours, still writable
        }
        assertThat(child().firstLineThenClose()).isEqualTo("OPENED");
    }

    @Test
    void aVaultAnotherProcessHoldsIsRefusedHereAndFreedWhenThatProcessIsKilled() throws Exception {
        Vault.open(dir, KEY).close();
        Child holder = child();
        try {
            assertThat(holder.firstLine()).isEqualTo("OPENED");
            assertThatThrownBy(() -> Vault.open(dir, KEY)).isInstanceOf(VaultException.class)
                    .hasMessageContaining("open in another Enclave process").hasMessageContaining(dir.toString());
        } finally {
            holder.kill();
        }
        try (Vault v = Vault.open(dir, KEY)) { // a crashed holder leaves no lock behind
            assertThat(v.activity()).isNotNull();
        }
    }

    @Test
    void whatAProcessCommittedSurvivesItsBeingKilledAtOnce() throws Exception {
        Vault.open(dir, KEY).close();
        Child writer = child();
        try {
            assertThat(writer.firstLine()).isEqualTo("OPENED");
            writer.send("note " + SECRET);
            assertThat(writer.nextLine()).isEqualTo("COMMITTED");
        } finally {
            writer.kill(); // no close, no shutdown hook: a crash
        }
        try (Vault v = Vault.open(dir, KEY)) {
            java.util.List<String> notes = v.jdbi().withHandle(h -> h.createQuery("SELECT body FROM note").mapTo(String.class)
                    .list());
            assertThat(notes).containsExactly(SECRET);
        }
    }

    @Test
    void closingTwiceIsHarmlessAndTheVaultOpensAgainWithWhatItHeld() {
        Vault v = Vault.open(dir, KEY);
        v.jdbi().useHandle(h -> h.execute("CREATE TABLE note (body VARCHAR)"));
        v.jdbi().useHandle(h -> h.execute("INSERT INTO note VALUES (?)", SECRET));
        v.close();
        v.close();
        try (Vault again = Vault.open(dir, KEY)) {
            String body = again.jdbi().withHandle(h -> h.createQuery("SELECT body FROM note").mapTo(String.class).one());
            assertThat(body).isEqualTo(SECRET);
        }
    }

    /** Another JVM opening the vault in {@link #dir}; the key goes over its stdin. */
    private Child child() throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), VaultOpenChild.class.getName(),
                dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write((HexFormat.of().formatHex(KEY) + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        return new Child(p);
    }

    private record Child(Process process, BufferedReader out) {
        Child(Process process) {
            this(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }

        void send(String line) throws java.io.IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        String firstLine() throws Exception {
            return nextLine();
        }

        String nextLine() throws Exception {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(2, TimeUnit.MINUTES);
            return String.valueOf(line);
        }

        /** Kills the process at once (SIGKILL) and waits until it is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }

        String firstLineThenClose() throws Exception {
            try {
                return firstLine();
            } finally {
                process.getOutputStream().close();
                assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            }
        }
    }

    @Test
    void theVaultKeyComesFromAccountZeroAndSurvivesAPasswordChange() throws Exception {
        // Known answer: HKDF-SHA256(ikm = private key of m/44'/60'/0'/0/0 of the "test ... junk" phrase, no salt,
        // info "enclave/vault/v1"), computed independently with Node's crypto.hkdfSync.
        String expected = "5a810b1daf4fb9bc35f92f790163a6432a91d887ec68589ab68b3d454e4a69b7";
        char[] phrase = "test test test test test test test test test test test junk".toCharArray();
        try (Mnemonic m = Mnemonic.parse(phrase);
             UnlockedWallet w = Wallets.create(dir.resolve("wallet.json"), "password123".toCharArray(), m, null, FAST)) {
            byte[] k = w.deriveVaultKey();
            assertThat(HexFormat.of().formatHex(k)).isEqualTo(expected);
            w.changePassword("another password".toCharArray(), FAST);
            assertThat(w.deriveVaultKey()).isEqualTo(k);
            w.addAccount("second");
            assertThat(w.deriveVaultKey()).isEqualTo(k);
        }
        try (UnlockedWallet w = Wallets.unlock(dir.resolve("wallet.json"), "another password".toCharArray())) {
            assertThat(HexFormat.of().formatHex(w.deriveVaultKey())).isEqualTo(expected);
            w.close();
            assertThatThrownBy(w::deriveVaultKey).hasMessageContaining("locked");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
