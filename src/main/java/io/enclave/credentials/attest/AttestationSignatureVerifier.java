package io.enclave.credentials.attest;

import io.enclave.credentials.pkg.Issuer;
import java.math.BigInteger;
import java.util.List;

/**
 * Checks an EdDSA-Poseidon signature over {@code Poseidon(message)} by a BabyJubJub key. The ZK layer implements it
 * (io.enclave.zk); the message is {@link Attestation#signedMessage()}.
 */
public interface AttestationSignatureVerifier {
    boolean verify(Issuer signer, List<BigInteger> message, EdDsaSignature signature);
}
