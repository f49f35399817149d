package io.enclave.chain;

import io.enclave.vault.Activity;
import java.math.BigInteger;

/**
 * A replacement of one pending transaction, ready to sign: same nonce, higher fees; a speed-up re-sends the same
 * transaction, a cancel sends 0 to oneself. Nothing is signed until {@link TransactionService#sendReplacement}.
 *
 * @param original     the pending transaction it replaces
 * @param cancel       true for a cancel (0-value self-transfer), false for a speed-up
 * @param description  what it does, in words, shown before the confirmation's details
 * @param confirmation the readable confirmation of the replacement itself
 */
public record Replacement(Activity original, boolean cancel, BigInteger gasLimit, Fees.Fee fee, String description,
                          Confirmation confirmation) {
    public long nonce() {
        return original.nonce();
    }
}
