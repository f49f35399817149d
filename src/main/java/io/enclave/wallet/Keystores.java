package io.enclave.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.wallet.WalletException.Reason;
import java.io.IOException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

/**
 * Web3 Secret Storage (V3) keystores through web3j's {@link Wallet}. web3j takes the password as a {@link String}:
 * it is built from the caller's {@code char[]} for the one call and dropped (Java cannot wipe a String).
 */
public final class Keystores {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keystores() {
    }

    static String encrypt(ECKeyPair pair, char[] password, boolean standard) {
        if (password == null || password.length == 0) {
            throw new WalletException(Reason.INVALID_INPUT, "A keystore needs a password.");
        }
        try {
            WalletFile f = standard ? Wallet.createStandard(new String(password), pair)
                    : Wallet.createLight(new String(password), pair);
            return JSON.writeValueAsString(f);
        } catch (CipherException | IOException e) {
            throw new IllegalStateException("Keystore encryption failed: " + e.getMessage(), e);
        }
    }

    /** The 32-byte private key inside a V3 keystore; the caller wipes it. */
    public static byte[] decrypt(String json, char[] password) {
        WalletFile f;
        try {
            f = JSON.readValue(json, WalletFile.class);
        } catch (IOException e) {
            throw new WalletException(Reason.INVALID_INPUT, "This is not a V3 keystore JSON file (" + e.getMessage()
                    + ").", e);
        }
        if (f.getCrypto() == null || f.getVersion() != 3) {
            throw new WalletException(Reason.INVALID_INPUT, "Only version 3 keystores (Web3 Secret Storage) can be "
                    + "imported; this file is version " + f.getVersion() + ".");
        }
        try {
            ECKeyPair pair = Wallet.decrypt(new String(password), f);
            return HdKeys.privateKey(pair);
        } catch (CipherException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Invalid password")) {
                throw new WalletException(Reason.WRONG_PASSWORD, "Wrong password for this keystore.", e);
            }
            throw new WalletException(Reason.INVALID_INPUT, "The keystore cannot be decrypted: " + m, e);
        }
    }
}
