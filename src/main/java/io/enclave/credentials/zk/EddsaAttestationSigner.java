package io.enclave.credentials.zk;

import io.enclave.credentials.attest.AttestationSigner;
import io.enclave.credentials.attest.EdDsaSignature;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.zk.babyjub.BabyJubJub;
import io.enclave.zk.babyjub.EddsaPoseidon;
import io.enclave.zk.poseidon.Poseidon;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Signs attestations with a BabyJubJub private key (EdDSA-Poseidon over {@code Poseidon(message)}). Holds a copy of the
 * 32-byte key and wipes it on {@link #close()}; the caller wipes its own copy.
 */
public final class EddsaAttestationSigner implements AttestationSigner, AutoCloseable {
    private final byte[] privateKey;
    private final Issuer issuer;
    private boolean closed;

    /**
     * @param privateKey 32 bytes (copied)
     * @param provenance {@link Issuer.Provenance#ISSUER} for a registered issuer's key, SELF_ATTESTED for the holder's own
     */
    public EddsaAttestationSigner(byte[] privateKey, Issuer.Provenance provenance) {
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("a BabyJubJub private key is 32 bytes");
        }
        this.privateKey = privateKey.clone();
        BabyJubJub.Point a = EddsaPoseidon.publicKey(this.privateKey);
        this.issuer = new Issuer(provenance, a.x(), a.y());
    }

    @Override
    public Issuer issuer() {
        return issuer;
    }

    @Override
    public synchronized EdDsaSignature sign(List<BigInteger> message) {
        if (closed) {
            throw new IllegalStateException("the signing key was closed");
        }
        EddsaPoseidon.Signature s = EddsaPoseidon.sign(privateKey, Poseidon.hash(message));
        return new EdDsaSignature(s.r8().x(), s.r8().y(), s.s());
    }

    @Override
    public synchronized void close() {
        Arrays.fill(privateKey, (byte) 0);
        closed = true;
    }
}
