package io.enclave.wallet;

import io.enclave.crypto.AesGcm;
import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.wallet.WalletException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;

/** Creates and unlocks wallet files. Every secret argument is a {@code char[]}/{@code byte[]} the caller wipes. */
public final class Wallets {
    private static final byte[] KEY_CHECK_LABEL = "enclave-wallet/key-check".getBytes(StandardCharsets.US_ASCII);

    private Wallets() {
    }

    /**
     * Creates a wallet file from a recovery phrase (and optional passphrase) with its first HD account.
     * Fails with {@link Reason#ALREADY_EXISTS} rather than replacing a wallet.
     */
    public static UnlockedWallet create(Path path, char[] password, Mnemonic mnemonic, char[] passphrase,
                                        Argon2id.Params params) {
        requirePassword(password);
        char[] phrase = mnemonic.phrase();
        byte[] phraseBytes = Secrets.utf8(phrase);
        byte[] passBytes = passphrase == null ? new byte[0] : Secrets.utf8(passphrase);
        Secrets.wipe(phrase);
        WalletSecrets secrets = new WalletSecrets(phraseBytes, passBytes, List.of());
        byte[] seed = mnemonic.toSeed(passphrase);
        String first;
        try {
            Bip32ECKeyPair branch = HdKeys.branch(seed);
            first = HdKeys.address(HdKeys.child(branch, 0));
        } finally {
            Secrets.wipe(seed);
        }
        return createWith(path, password, secrets, List.of(new Account(first, "Account 1", Account.Source.HD, 0)), params);
    }

    /** Creates a wallet file holding one imported private key (32 bytes) and no recovery phrase. */
    public static UnlockedWallet createFromKey(Path path, char[] password, byte[] privateKey, String label,
                                               Argon2id.Params params) {
        requirePassword(password);
        WalletSecrets secrets = new WalletSecrets(null, null, List.of());
        int slot = secrets.addImportedKey(privateKey);
        String address = HdKeys.address(org.web3j.crypto.ECKeyPair.create(privateKey));
        return createWith(path, password, secrets, List.of(new Account(address, label, Account.Source.IMPORTED, slot)),
                params);
    }

    private static UnlockedWallet createWith(Path path, char[] password, WalletSecrets secrets, List<Account> accounts,
                                             Argon2id.Params params) {
        byte[] salt = Secrets.randomBytes(Argon2id.SALT_BYTES);
        byte[] derived = Argon2id.derive(password, salt, params, 64);
        byte[] key = java.util.Arrays.copyOf(derived, 32);
        byte[] check = keyCheck(derived);
        Secrets.wipe(derived);
        WalletFile.Header header = new WalletFile.Header(params, salt, new byte[AesGcm.NONCE_BYTES], 0, check,
                List.copyOf(accounts));
        UnlockedWallet w = new UnlockedWallet(path, header, key, secrets);
        w.save(true);
        return w;
    }

    /**
     * Decrypts the wallet at {@code path}. Wrong password, damage, truncation and unknown versions each raise a
     * {@link WalletException} with its own {@link Reason}; the file is never written here.
     */
    public static UnlockedWallet unlock(Path path, char[] password) {
        WalletFile.Contents c = WalletFile.read(path);
        WalletFile.Header h = c.header();
        byte[] derived = Argon2id.derive(password, h.salt(), h.kdf(), 64);
        byte[] key = java.util.Arrays.copyOf(derived, 32);
        byte[] check = keyCheck(derived);
        Secrets.wipe(derived);
        if (!Secrets.constantTimeEquals(check, h.keyCheck())) {
            Secrets.wipe(key);
            throw new WalletException(Reason.WRONG_PASSWORD, "Wrong password for wallet " + path + ".");
        }
        byte[] plain = null;
        try {
            plain = AesGcm.decrypt(key, h.nonce(), c.ciphertext(), c.headerBytes());
            return new UnlockedWallet(path, h, key, WalletSecrets.decode(plain));
        } catch (AesGcm.AuthenticationException e) {
            Secrets.wipe(key);
            throw WalletFile.damaged(path, "authentication failed, so it was modified or corrupted after it was written");
        } catch (RuntimeException e) {
            Secrets.wipe(key);
            throw e;
        } finally {
            Secrets.wipe(plain);
        }
    }

    /** The accounts of a wallet file, read from its authenticated-on-unlock header without the password. */
    public static List<Account> accounts(Path path) {
        return new ArrayList<>(WalletFile.read(path).header().accounts());
    }

    static byte[] keyCheck(byte[] derived64) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(KEY_CHECK_LABEL);
            sha.update(derived64, 32, 32);
            byte[] full = sha.digest();
            byte[] out = java.util.Arrays.copyOf(full, 16);
            Secrets.wipe(full);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void requirePassword(char[] password) {
        if (password == null || password.length < 8) {
            throw new WalletException(Reason.INVALID_INPUT, "Choose a wallet password of at least 8 characters.");
        }
    }
}
