package io.enclave.chain;

import org.web3j.crypto.RawTransaction;

/** Signs transactions for one account. {@code LocalSigner} holds the key in memory; a hardware signer may follow. */
public interface Signer {
    /** The account's address, {@code 0x} + 40 lower-case hex digits. */
    String address();

    /** The signed, RLP-encoded transaction for {@code chainId}, ready for {@code eth_sendRawTransaction}. */
    byte[] sign(RawTransaction tx, long chainId);
}
