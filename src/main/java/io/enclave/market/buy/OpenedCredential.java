package io.enclave.market.buy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.market.OnChainVerdict;
import io.enclave.market.Purchase;

/**
 * A bought credential, decrypted and checked.
 *
 * @param credential the credential as the buyer holds it: with a per-buyer proof, the listed statement with the proof
 *                   the seller made for this buyer (what exports carry); else the package as it was sealed
 * @param proofVerified true when the proof verified in Java; null when this app has no verifying key for its circuit
 * @param onChain the chain verifier's verdict when it was asked for ({@code open(id, true, …)}), else null
 * @param perBuyer true when the delivery carried a proof made for this buyer, false for a key-only delivery (the
 *                 package's own proof, fixed when it was sealed, which anyone holding the package could show)
 */
public record OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified,
                               OnChainVerdict onChain, boolean perBuyer) {
    /** A key-only delivery. */
    public OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified, OnChainVerdict onChain) {
        this(purchase, credential, proofVerified, onChain, false);
    }

    /** A key-only delivery, without an on-chain check. */
    public OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified) {
        this(purchase, credential, proofVerified, null, false);
    }
}
