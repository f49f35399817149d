package io.enclave.wallet;

import io.enclave.crypto.AesGcm;
import io.enclave.crypto.Secrets;
import io.enclave.wallet.WalletException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;

/**
 * A decrypted wallet. It holds the file key and the secrets until {@link #close()} (lock) wipes them; every
 * change is written back to the file at once. Thread-safe: the auto-lock may close it from another thread.
 */
public final class UnlockedWallet implements AutoCloseable {
    private static final byte[] VAULT_KEY_INFO = "enclave/vault/v1".getBytes(StandardCharsets.US_ASCII);
    private final Path path;
    private WalletFile.Header header;
    private byte[] key;
    private WalletSecrets secrets;
    private Bip32ECKeyPair branch;

    UnlockedWallet(Path path, WalletFile.Header header, byte[] key, WalletSecrets secrets) {
        this.path = path;
        this.header = header;
        this.key = key;
        this.secrets = secrets;
    }

    public Path path() {
        return path;
    }

    public synchronized boolean isLocked() {
        return key == null;
    }

    public synchronized List<Account> accounts() {
        return header.accounts();
    }

    public synchronized Optional<Account> account(String address) {
        String a = normalise(address);
        return header.accounts().stream().filter(x -> x.address().equals(a)).findFirst();
    }

    /** Whether the wallet has a recovery phrase (it has none when it was created from a single key). */
    public synchronized boolean hasRecoveryPhrase() {
        open();
        return secrets.hasPhrase();
    }

    /** Derives and saves the next HD account (m/44'/60'/0'/0/n). */
    public synchronized Account addAccount(String label) {
        open();
        if (!secrets.hasPhrase()) {
            throw new WalletException(Reason.INVALID_INPUT, "This wallet has no recovery phrase, so it cannot derive "
                    + "accounts: import a key instead.");
        }
        int next = header.accounts().stream().filter(a -> a.source() == Account.Source.HD)
                .mapToInt(Account::index).max().orElse(-1) + 1;
        String address = HdKeys.address(HdKeys.child(branch(), next));
        Account a = new Account(address, label == null || label.isBlank() ? "Account " + (header.accounts().size() + 1)
                : label, Account.Source.HD, next);
        append(a);
        return a;
    }

    /** Imports a 32-byte private key (copied; the caller wipes its array) and saves. */
    public synchronized Account importKey(byte[] privateKey, String label) {
        open();
        if (privateKey.length != 32) {
            throw new WalletException(Reason.INVALID_INPUT, "A private key is 32 bytes (64 hex digits); got "
                    + privateKey.length + " bytes.");
        }
        String address = HdKeys.address(ECKeyPair.create(privateKey));
        if (account(address).isPresent()) {
            throw new WalletException(Reason.INVALID_INPUT, "Account " + address + " is already in this wallet.");
        }
        int slot = secrets.addImportedKey(privateKey);
        Account a = new Account(address, label == null || label.isBlank() ? "Imported " + (slot + 1) : label,
                Account.Source.IMPORTED, slot);
        try {
            append(a);
        } catch (RuntimeException e) {
            secrets.removeLastImportedKey();
            throw e;
        }
        return a;
    }

    /** Imports the key of a Web3 Secret Storage (V3) keystore JSON. */
    public synchronized Account importKeystore(String keystoreJson, char[] keystorePassword, String label) {
        byte[] k = Keystores.decrypt(keystoreJson, keystorePassword);
        try {
            return importKey(k, label);
        } finally {
            Secrets.wipe(k);
        }
    }

    public synchronized Account rename(String address, String label) {
        open();
        Account old = require(address);
        Account renamed = new Account(old.address(), label, old.source(), old.index());
        List<Account> list = new ArrayList<>(header.accounts());
        list.set(list.indexOf(old), renamed);
        write(list, false);
        return renamed;
    }

    /** A signer for one account; drop it after use. */
    public synchronized LocalSigner signer(String address) {
        open();
        return new LocalSigner(keyPair(require(address)));
    }

    /**
     * Exports one account as a V3 keystore JSON that geth, ethers and MetaMask import. {@code standard} selects
     * scrypt N=2^18 (the geth/MetaMask default); otherwise N=2^12 (fast, for tests and low-value keys).
     */
    public synchronized String exportKeystore(String address, char[] keystorePassword, boolean standard) {
        open();
        return Keystores.encrypt(keyPair(require(address)), keystorePassword, standard);
    }

    /** The recovery phrase, for a backup screen; the caller wipes it. */
    public synchronized char[] revealRecoveryPhrase() {
        open();
        byte[] p = secrets.phrase();
        try {
            return Secrets.chars(p);
        } finally {
            Secrets.wipe(p);
        }
    }

    /**
     * Re-encrypts the wallet under a new password with a fresh salt (and the given Argon2id parameters); the
     * previous file is kept as {@code .bak}. The caller wipes {@code newPassword}.
     */
    public synchronized void changePassword(char[] newPassword, io.enclave.crypto.Argon2id.Params params) {
        open();
        Wallets.requirePassword(newPassword);
        byte[] salt = Secrets.randomBytes(io.enclave.crypto.Argon2id.SALT_BYTES);
        byte[] derived = io.enclave.crypto.Argon2id.derive(newPassword, salt, params, 64);
        byte[] newKey = java.util.Arrays.copyOf(derived, 32);
        byte[] check = Wallets.keyCheck(derived);
        Secrets.wipe(derived);
        WalletFile.Header oldHeader = header;
        byte[] oldKey = key;
        header = new WalletFile.Header(params, salt, oldHeader.nonce(), oldHeader.ciphertextBytes(), check,
                oldHeader.accounts());
        key = newKey;
        try {
            save(false);
            Secrets.wipe(oldKey);
        } catch (RuntimeException e) {
            header = oldHeader;
            key = oldKey;
            Secrets.wipe(newKey);
            throw e;
        }
    }

    /**
     * The 256-bit key of this wallet's local vault: HKDF-SHA256 of the first account's private key with the info
     * {@code "enclave/vault/v1"}. It needs the unlocked wallet, does not change with the password, and comes back
     * when the wallet is restored from its recovery phrase (account 0) or its first imported key. The caller wipes it.
     */
    public synchronized byte[] deriveVaultKey() {
        open();
        Account first = header.accounts().get(0);
        byte[] ikm = HdKeys.privateKey(keyPair(first));
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(ikm, null, VAULT_KEY_INFO));
            byte[] out = new byte[32];
            hkdf.generateBytes(out, 0, out.length);
            return out;
        } finally {
            Secrets.wipe(ikm);
        }
    }

    /** Locks: wipes the file key and every secret. Idempotent. */
    @Override
    public synchronized void close() {
        Secrets.wipe(key);
        key = null;
        if (secrets != null) {
            secrets.close();
            secrets = null;
        }
        branch = null;
    }

    private ECKeyPair keyPair(Account a) {
        if (a.source() == Account.Source.HD) {
            return HdKeys.child(branch(), a.index());
        }
        byte[] k = secrets.importedKey(a.index());
        try {
            return ECKeyPair.create(k);
        } finally {
            Secrets.wipe(k);
        }
    }

    private Bip32ECKeyPair branch() {
        if (branch == null) {
            byte[] phrase = secrets.phrase();
            byte[] pass = secrets.passphrase();
            char[] phraseChars = Secrets.chars(phrase);
            char[] passChars = Secrets.chars(pass);
            Secrets.wipe(phrase, pass);
            try (Mnemonic m = Mnemonic.parse(phraseChars)) {
                byte[] seed = m.toSeed(passChars);
                try {
                    branch = HdKeys.branch(seed);
                } finally {
                    Secrets.wipe(seed);
                }
            } finally {
                Secrets.wipe(phraseChars, passChars);
            }
        }
        return branch;
    }

    private Account require(String address) {
        return account(address).orElseThrow(() -> new WalletException(Reason.UNKNOWN_ACCOUNT,
                "Account " + address + " is not in wallet " + path + ": `enclave wallet list` shows its accounts."));
    }

    private void append(Account a) {
        List<Account> list = new ArrayList<>(header.accounts());
        list.add(a);
        write(list, false);
    }

    /** Encrypts the secrets under a fresh nonce and writes the file atomically. */
    synchronized void save(boolean create) {
        write(header.accounts(), create);
    }

    /** Writes {@code accounts} and the secrets; the in-memory state changes only once the file is written. */
    private void write(List<Account> accounts, boolean create) {
        open();
        byte[] plain = secrets.encode();
        try {
            byte[] nonce = Secrets.randomBytes(AesGcm.NONCE_BYTES);
            WalletFile.Header next = header.withCipher(nonce, plain.length + AesGcm.TAG_BITS / 8, accounts);
            byte[] ct = AesGcm.encrypt(key, nonce, plain, WalletFile.headerBytes(next));
            try (WalletFile.WriteLock lock = WalletFile.lock(path)) {
                if (!create) {
                    byte[] onDisk = WalletFile.read(path).header().nonce();
                    if (!java.util.Arrays.equals(onDisk, header.nonce())) {
                        throw new WalletException(Reason.CONFLICT, "Wallet " + path + " was changed by another Enclave "
                                + "window or command since it was unlocked; nothing was written. Unlock it again and retry.");
                    }
                }
                WalletFile.write(path, next, ct, create);
            }
            header = next;
        } finally {
            Secrets.wipe(plain);
        }
    }

    private void open() {
        if (key == null) {
            throw new WalletException(Reason.LOCKED, "The wallet is locked: unlock it with its password again.");
        }
    }

    static String normalise(String address) {
        String a = address == null ? "" : address.trim().toLowerCase(java.util.Locale.ROOT);
        return a.startsWith("0x") ? a : "0x" + a;
    }
}
