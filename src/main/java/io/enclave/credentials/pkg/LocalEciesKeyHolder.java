package io.enclave.credentials.pkg;

import io.enclave.crypto.ecies.EciesException;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.util.Arrays;

/** A private key held in memory (a copy, wiped by {@link #close()}). */
public final class LocalEciesKeyHolder implements EciesKeyHolder, AutoCloseable {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Secp256k1Ecies ecies = new Secp256k1Ecies();
    private boolean closed;

    public LocalEciesKeyHolder(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key has 32 bytes");
        }
        this.privateKey = privateKey.clone();
        this.publicKey = Secp256k1Ecies.publicKeyOf(this.privateKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public synchronized byte[] decrypt(byte[] payload) throws EciesException {
        if (closed) {
            throw new IllegalStateException("this key was closed and wiped");
        }
        return ecies.decrypt(privateKey, payload);
    }

    @Override
    public synchronized void close() {
        Arrays.fill(privateKey, (byte) 0);
        closed = true;
    }
}
