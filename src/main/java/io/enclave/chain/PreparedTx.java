package io.enclave.chain;

import java.math.BigInteger;

/**
 * A transaction ready to sign: nonce, gas and fees fixed, simulated, described.
 *
 * @param revert why the simulation failed, or null when it succeeded
 */
public record PreparedTx(TxRequest request, long nonce, BigInteger gasLimit, Fees.Fee fee, Confirmation confirmation,
                         RevertReason revert) {
    public boolean willSucceed() {
        return revert == null;
    }
}
