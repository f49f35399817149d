package io.enclave.ui.onboarding;

import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.wallet.Keystores;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.WalletException;
import io.enclave.wallet.Wallets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * First-launch operations behind the onboarding screen (blocking; no JavaFX). Every secret argument is wiped
 * before returning, whatever happens; none becomes a String except the keystore's JSON (which is encrypted).
 */
public final class WalletSetup {
    private final Path walletFile;
    private final Argon2id.Params kdf;

    public WalletSetup(Path walletFile, Argon2id.Params kdf) {
        this.walletFile = walletFile;
        this.kdf = kdf;
    }

    /** A wallet from a recovery phrase (new or imported); closes the mnemonic and wipes the password. */
    public UnlockedWallet fromMnemonic(Mnemonic mnemonic, char[] password) {
        try (mnemonic) {
            return Wallets.create(walletFile, password, mnemonic, null, kdf);
        } finally {
            Secrets.wipe(password);
        }
    }

    /** A wallet from a typed recovery phrase; a wrong word or checksum says so. */
    public UnlockedWallet importPhrase(char[] phrase, char[] password) {
        Mnemonic m;
        try {
            m = Mnemonic.parse(phrase);
        } catch (IllegalArgumentException e) {
            Secrets.wipe(password);
            throw new WalletException(WalletException.Reason.INVALID_INPUT, "That recovery phrase is not valid: "
                    + e.getMessage(), e);
        } finally {
            Secrets.wipe(phrase);
        }
        return fromMnemonic(m, password);
    }

    /** A wallet holding one private key typed as 64 hex digits (0x optional). */
    public UnlockedWallet importPrivateKey(char[] hex, char[] password) {
        byte[] key = null;
        try {
            key = parseKey(hex);
            return Wallets.createFromKey(walletFile, password, key, "Imported key", kdf);
        } finally {
            Secrets.wipe(hex);
            Secrets.wipe(password);
            Secrets.wipe(key);
        }
    }

    /** A wallet holding the key of a V3 keystore file (geth, MetaMask, ethers). */
    public UnlockedWallet importKeystore(Path keystore, char[] keystorePassword, char[] password) {
        byte[] key = null;
        try {
            String json;
            try {
                json = Files.readString(keystore);
            } catch (IOException e) {
                throw new WalletException(WalletException.Reason.INVALID_INPUT, "Cannot read the keystore file "
                        + keystore + ": " + e.getMessage(), e);
            }
            key = Keystores.decrypt(json, keystorePassword);
            return Wallets.createFromKey(walletFile, password, key, "Imported keystore", kdf);
        } finally {
            Secrets.wipe(keystorePassword);
            Secrets.wipe(password);
            Secrets.wipe(key);
        }
    }

    /** Unlocks the existing wallet; wipes the password. */
    public UnlockedWallet unlock(char[] password) {
        try {
            return Wallets.unlock(walletFile, password);
        } finally {
            Secrets.wipe(password);
        }
    }

    static byte[] parseKey(char[] hex) {
        int start = 0;
        int end = hex.length;
        while (start < end && Character.isWhitespace(hex[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(hex[end - 1])) {
            end--;
        }
        if (end - start >= 2 && hex[start] == '0' && (hex[start + 1] == 'x' || hex[start + 1] == 'X')) {
            start += 2;
        }
        if (end - start != 64) {
            throw new WalletException(WalletException.Reason.INVALID_INPUT, "A private key is 64 hex digits (0x optional); "
                    + "this one has " + (end - start) + " characters.");
        }
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = Character.digit(hex[start + 2 * i], 16);
            int lo = Character.digit(hex[start + 2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                Secrets.wipe(key);
                throw new WalletException(WalletException.Reason.INVALID_INPUT,
                        "A private key has only the digits 0-9 and a-f.");
            }
            key[i] = (byte) (hi << 4 | lo);
        }
        return key;
    }
}
