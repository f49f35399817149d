package io.enclave.market.buy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.market.OnChainVerdict;
import io.enclave.market.Purchase;

/**
 * A bought credential, decrypted and checked.
 *
 * @param proofVerified true when the proof verified in Java; null when this app has no verifying key for its circuit
 * @param onChain the chain verifier's verdict when it was asked for ({@code open(id, true, …)}), else null
 */
public record OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified,
                               OnChainVerdict onChain) {
    /** Without an on-chain check. */
    public OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified) {
        this(purchase, credential, proofVerified, null);
    }
}
