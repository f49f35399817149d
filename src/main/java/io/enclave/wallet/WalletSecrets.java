package io.enclave.wallet;

import io.enclave.crypto.Secrets;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The encrypted part of a wallet file: the recovery phrase and its passphrase (UTF-8) and imported private keys.
 * Binary layout (v1): "EWS1", u16 phrase length, phrase, u16 passphrase length, passphrase, u16 key count, 32-byte keys.
 * Every array is wiped by {@link #close()}.
 */
final class WalletSecrets implements AutoCloseable {
    private static final byte[] MAGIC = {'E', 'W', 'S', '1'};

    private byte[] phrase;
    private byte[] passphrase;
    private final List<byte[]> importedKeys;

    WalletSecrets(byte[] phrase, byte[] passphrase, List<byte[]> importedKeys) {
        this.phrase = phrase == null ? new byte[0] : phrase;
        this.passphrase = passphrase == null ? new byte[0] : passphrase;
        this.importedKeys = new ArrayList<>(importedKeys);
    }

    boolean hasPhrase() {
        return phrase.length > 0;
    }

    /** A copy of the phrase as UTF-8; the caller wipes it. */
    byte[] phrase() {
        return phrase.clone();
    }

    byte[] passphrase() {
        return passphrase.clone();
    }

    int importedCount() {
        return importedKeys.size();
    }

    byte[] importedKey(int slot) {
        return importedKeys.get(slot).clone();
    }

    /** Adds a copy of a 32-byte key and returns its slot. */
    int addImportedKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key is 32 bytes, got " + key.length);
        }
        importedKeys.add(key.clone());
        return importedKeys.size() - 1;
    }

    void removeLastImportedKey() {
        Secrets.wipe(importedKeys.remove(importedKeys.size() - 1));
    }

    /** The serialised form; the caller wipes it. */
    byte[] encode() {
        int size = 4 + 2 + phrase.length + 2 + passphrase.length + 2 + 32 * importedKeys.size();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC);
        b.putShort((short) phrase.length).put(phrase);
        b.putShort((short) passphrase.length).put(passphrase);
        b.putShort((short) importedKeys.size());
        importedKeys.forEach(b::put);
        return b.array();
    }

    /** Parses {@link #encode()}'s output; a malformed payload is {@link WalletException.Reason#DAMAGED}. */
    static WalletSecrets decode(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            byte[] magic = new byte[4];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("unknown secrets layout");
            }
            byte[] phrase = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(phrase);
            byte[] pass = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(pass);
            int n = Short.toUnsignedInt(b.getShort());
            List<byte[]> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] k = new byte[32];
                b.get(k);
                keys.add(k);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new WalletSecrets(phrase, pass, keys);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new WalletException(WalletException.Reason.DAMAGED,
                    "The wallet's decrypted contents are malformed (" + e.getMessage() + "); restore the .bak copy or "
                            + "re-import your recovery phrase.", e);
        }
    }

    @Override
    public void close() {
        Secrets.wipe(phrase, passphrase);
        importedKeys.forEach(Secrets::wipe);
        importedKeys.clear();
        phrase = new byte[0];
        passphrase = new byte[0];
    }
}
