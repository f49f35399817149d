package io.enclave.credentials.attest;

import io.enclave.credentials.pkg.Issuer;

/** The on-chain issuer registry as the holder's checks need it (implemented by io.enclave.chain). */
public interface IssuerRegistry {
    /** Whether the key is a registered, active issuer. */
    boolean isRegistered(Issuer issuer);

    /** Whether the issuer revoked the attestation with this hash (keccak256 of its canonical JSON). */
    boolean isRevoked(Issuer issuer, byte[] attestationHash);
}
