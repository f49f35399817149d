package io.enclave.wallet;

import io.enclave.chain.Signer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs with a key held in memory. web3j keeps the key as a {@link java.math.BigInteger}, which cannot be wiped:
 * the signer lives only as long as one signing operation of an unlocked wallet and is then dropped.
 */
public final class LocalSigner implements Signer {
    private final Credentials credentials;
    private final String address;

    LocalSigner(ECKeyPair pair) {
        this.credentials = Credentials.create(pair);
        this.address = HdKeys.address(pair);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public byte[] sign(RawTransaction tx, long chainId) {
        return TransactionEncoder.signMessage(tx, chainId, credentials);
    }

    /** The key pair, for ECIES decryption of content keys wrapped to this account. */
    public ECKeyPair keyPair() {
        return credentials.getEcKeyPair();
    }
}
