package io.enclave.credentials.pkg;

import io.enclave.crypto.ecies.EciesException;

/**
 * An account's secp256k1 key as key delivery needs it: its public key, and decryption of payloads wrapped to it. The
 * wallet implements it without handing out the private key; {@link LocalEciesKeyHolder} holds a key in memory.
 */
public interface EciesKeyHolder {
    /** The 65-byte uncompressed public key ({@code 04 || x || y}). */
    byte[] publicKey();

    /** Opens an ECIES payload wrapped to {@link #publicKey()}; the caller wipes the result. */
    byte[] decrypt(byte[] payload) throws EciesException;
}
