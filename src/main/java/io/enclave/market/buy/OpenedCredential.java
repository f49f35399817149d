package io.enclave.market.buy;

import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.market.Purchase;

/**
 * A bought credential, decrypted and checked.
 *
 * @param proofVerified true when the proof verified in Java; null when this app has no verifying key for its circuit
 */
public record OpenedCredential(Purchase purchase, CredentialPackage credential, Boolean proofVerified) {
}
