package io.enclave.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.crypto.Argon2id;
import io.enclave.testsupport.Anvil;
import io.enclave.wallet.WalletException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletFileTest {
    static final Argon2id.Params FAST = new Argon2id.Params(1024, 1, 1);
    private static final char[] PW = "correct horse battery".toCharArray();

    @TempDir
    Path dir;

    private UnlockedWallet anvilWallet(Path file) {
        try (Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray())) {
            return Wallets.create(file, PW, m, null, FAST);
        }
    }

    @Test
    void createUnlockAndAddAccountsSurvivesReopening() throws Exception {
        Path file = dir.resolve("wallet.json");
        try (UnlockedWallet w = anvilWallet(file)) {
            assertThat(w.accounts()).extracting(Account::address).containsExactly("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
            assertThat(w.addAccount("savings").address()).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
            w.rename("0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266", "main");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.exists(dir.resolve("wallet.json.bak"))).isTrue();
        String text = Files.readString(file);
        // "junk" as a word: 4 letters inside the file's ~200 base64 characters turn up by chance (1 file in ~80,000)
        assertThat(text).doesNotContain("test test").doesNotContainPattern("(?<![A-Za-z0-9+/])junk(?![A-Za-z0-9+/])")
                .contains("\"argon2id\"").contains("AES-256-GCM");
        assertThat(Wallets.accounts(file)).extracting(Account::label).containsExactly("main", "savings");
        try (UnlockedWallet w = Wallets.unlock(file, PW)) {
            assertThat(w.accounts()).hasSize(2);
            assertThat(new String(w.revealRecoveryPhrase())).isEqualTo(Anvil.MNEMONIC);
            assertThat(w.signer("0x70997970c51812dc3a010c7d01b50e0d17dc79c8").address())
                    .isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        }
    }

    @Test
    void wrongPasswordIsReportedAndChangesNothing() throws Exception {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> Wallets.unlock(file, "not the password".toCharArray()))
                .isInstanceOfSatisfying(WalletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
                .hasMessage("Wrong password for wallet " + file + ".");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void everyTamperedByteIsRejectedAndTheFileIsLeftAlone() throws Exception {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        byte[] good = Files.readAllBytes(file);
        int nl = indexOf(good, '\n');
        // one flipped bit in the header's accounts, in the ciphertext, and in the nonce
        String header = new String(good, 0, nl, StandardCharsets.UTF_8);
        int[] positions = {header.indexOf("0xf39f") + 4, nl + 10, nl + 40, good.length - 5};
        for (int pos : positions) {
            byte[] bad = good.clone();
            bad[pos] = (byte) (bad[pos] == 'A' ? 'B' : 'A');
            Files.write(file, bad);
            assertThatThrownBy(() -> Wallets.unlock(file, PW)).isInstanceOfSatisfying(WalletException.class,
                    e -> assertThat(e.reason()).isIn(Reason.DAMAGED, Reason.TRUNCATED)).hasMessageContaining(".bak");
            assertThat(Files.readAllBytes(file)).isEqualTo(bad);
        }
        String swapped = new String(good, StandardCharsets.UTF_8).replace("\"Account 1\"", "\"Account 2\"");
        Files.writeString(file, swapped);
        assertThatThrownBy(() -> Wallets.unlock(file, PW)).hasMessageContaining("modified or corrupted");
    }

    @Test
    void truncatedFilesAreRejectedAtEveryLength() throws Exception {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        byte[] good = Files.readAllBytes(file);
        for (int len : new int[] {0, 1, 20, indexOf(good, '\n'), indexOf(good, '\n') + 1, indexOf(good, '\n') + 9,
            good.length - 9}) {
            byte[] cut = Arrays.copyOf(good, len);
            Files.write(file, cut);
            assertThatThrownBy(() -> Wallets.unlock(file, PW)).isInstanceOf(WalletException.class)
                    .satisfies(e -> assertThat(((WalletException) e).reason())
                            .isIn(Reason.TRUNCATED, Reason.DAMAGED, Reason.NOT_A_WALLET));
            assertThat(Files.readAllBytes(file)).isEqualTo(cut);
        }
        Files.write(file, Arrays.copyOf(good, good.length - 9));
        assertThatThrownBy(() -> Wallets.unlock(file, PW)).hasMessageContaining("truncated");
    }

    @Test
    void unknownVersionAndForeignFilesAreNamed() throws Exception {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        Files.writeString(file, Files.readString(file).replace("\"version\":1", "\"version\":2"));
        assertThatThrownBy(() -> Wallets.unlock(file, PW)).isInstanceOfSatisfying(WalletException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION)).hasMessageContaining("Update Enclave");
        Files.writeString(file, "{\"hello\":1}\nxx\n");
        assertThatThrownBy(() -> Wallets.unlock(file, PW)).hasMessageContaining("is not an Enclave wallet");
        assertThatThrownBy(() -> Wallets.unlock(dir.resolve("missing.json"), PW)).hasMessageContaining("enclave wallet create");
    }

    @Test
    void createRefusesToReplaceAWalletAndShortPasswords() {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        assertThatThrownBy(() -> anvilWallet(file)).isInstanceOfSatisfying(WalletException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
        try (Mnemonic m = Mnemonic.generate(12)) {
            assertThatThrownBy(() -> Wallets.create(dir.resolve("x.json"), "short".toCharArray(), m, null, FAST))
                    .hasMessageContaining("at least 8");
        }
    }

    @Test
    void importedKeysAndKeystoresRoundTripWithWeb3j() throws Exception {
        Path file = dir.resolve("w.json");
        byte[] key2 = HexFormat.of().parseHex(Anvil.KEYS.get(2).substring(2));
        try (UnlockedWallet w = Wallets.createFromKey(file, PW, key2, "imported", FAST)) {
            assertThat(w.hasRecoveryPhrase()).isFalse();
            assertThatThrownBy(() -> w.addAccount("x")).hasMessageContaining("no recovery phrase");
            // a keystore web3j wrote imports
            var web3jKeystore = org.web3j.crypto.Wallet.createLight("ks-pass", Anvil.KEYS.stream().findFirst()
                    .map(k -> org.web3j.crypto.Credentials.create(k).getEcKeyPair()).orElseThrow());
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(web3jKeystore);
            assertThatThrownBy(() -> w.importKeystore(json, "nope".toCharArray(), "x"))
                    .hasMessageContaining("Wrong password for this keystore");
            Account a = w.importKeystore(json, "ks-pass".toCharArray(), "from keystore");
            assertThat(a.address()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
            assertThatThrownBy(() -> w.importKey(HexFormat.of().parseHex(Anvil.KEYS.get(2).substring(2)), "again"))
                    .hasMessageContaining("already in this wallet");
            // one we export decrypts in web3j
            String exported = w.exportKeystore(a.address(), "export-pass".toCharArray(), false);
            var f = new com.fasterxml.jackson.databind.ObjectMapper().readValue(exported, org.web3j.crypto.WalletFile.class);
            var pair = org.web3j.crypto.Wallet.decrypt("export-pass", f);
            assertThat(org.web3j.crypto.Credentials.create(pair).getAddress()).isEqualTo(a.address());
        }
        try (UnlockedWallet w = Wallets.unlock(file, PW)) {
            assertThat(w.accounts()).extracting(Account::label).containsExactly("imported", "from keystore");
            assertThat(w.signer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc")).isNotNull();
        }
    }

    @Test
    void aFailedWriteChangesNeitherTheFileNorTheUnlockedWallet() throws Exception {
        Path file = dir.resolve("w.json");
        try (UnlockedWallet w = anvilWallet(file)) {
            byte[] before = Files.readAllBytes(file);
            Path blocker = Files.createDirectories(dir.resolve("w.json.tmp").resolve("in-the-way"));
            assertThatThrownBy(() -> w.addAccount("x")).isInstanceOfSatisfying(WalletException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.IO)).hasMessageContaining("previous file is unchanged");
            assertThatThrownBy(() -> w.importKey(HexFormat.of().parseHex(Anvil.KEYS.get(2).substring(2)), "k"))
                    .isInstanceOf(WalletException.class);
            assertThat(w.accounts()).hasSize(1);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            Files.delete(blocker);
            assertThat(w.importKey(HexFormat.of().parseHex(Anvil.KEYS.get(2).substring(2)), "k").index()).isZero();
        }
        try (UnlockedWallet w = Wallets.unlock(file, PW)) {
            assertThat(w.signer("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc").address())
                    .isEqualTo("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
        }
    }

    @Test
    void changingThePasswordReencryptsWithAFreshSalt() throws Exception {
        Path file = dir.resolve("w.json");
        String oldHeader;
        try (UnlockedWallet w = anvilWallet(file)) {
            oldHeader = Files.readAllLines(file).get(0);
            w.changePassword("another good password".toCharArray(), FAST);
        }
        assertThat(Files.readAllLines(file).get(0)).isNotEqualTo(oldHeader);
        assertThatThrownBy(() -> Wallets.unlock(file, PW)).hasMessageContaining("Wrong password");
        try (UnlockedWallet w = Wallets.unlock(file, "another good password".toCharArray())) {
            assertThat(new String(w.revealRecoveryPhrase())).isEqualTo(Anvil.MNEMONIC);
        }
        assertThat(Files.readAllLines(dir.resolve("w.json.bak")).get(0)).isEqualTo(oldHeader);
    }

    @Test
    void twoUnlockedCopiesCannotOverwriteEachOther() throws Exception {
        Path file = dir.resolve("w.json");
        anvilWallet(file).close();
        try (UnlockedWallet first = Wallets.unlock(file, PW); UnlockedWallet second = Wallets.unlock(file, PW)) {
            first.importKey(HexFormat.of().parseHex(Anvil.KEYS.get(2).substring(2)), "imported in the first window");
            byte[] afterFirst = Files.readAllBytes(file);
            assertThatThrownBy(() -> second.addAccount("second")).isInstanceOfSatisfying(WalletException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT)).hasMessageContaining("Unlock it again");
            assertThat(Files.readAllBytes(file)).isEqualTo(afterFirst);
        }
        assertThat(Wallets.accounts(file)).extracting(Account::label).containsExactly("Account 1",
                "imported in the first window");
    }

    @Test
    void lockingWipesAndRefusesFurtherUse() {
        UnlockedWallet w = anvilWallet(dir.resolve("w.json"));
        long[] now = {0};
        AutoLock lock = AutoLock.manual(w, java.time.Duration.ofMinutes(5), () -> now[0]);
        now[0] = java.time.Duration.ofMinutes(4).toNanos();
        assertThat(lock.lockIfIdle()).isFalse();
        lock.touch();
        now[0] += java.time.Duration.ofMinutes(4).toNanos();
        assertThat(lock.lockIfIdle()).isFalse();
        now[0] += java.time.Duration.ofMinutes(2).toNanos();
        assertThat(lock.lockIfIdle()).isTrue();
        assertThat(w.isLocked()).isTrue();
        assertThatThrownBy(() -> w.signer("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
                .isInstanceOfSatisfying(WalletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED));
    }

    @Test
    void theTimerLocksAnIdleWallet() throws Exception {
        UnlockedWallet w = anvilWallet(dir.resolve("w.json"));
        try (AutoLock lock = AutoLock.start(w, java.time.Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!w.isLocked() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(w.isLocked()).isTrue();
        }
    }

    private static int indexOf(byte[] b, char c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
