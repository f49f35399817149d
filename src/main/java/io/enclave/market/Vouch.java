package io.enclave.market;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A voucher's stake behind a seller, as the staking contract has it.
 *
 * @param activeValue what the active shares are worth now (slashing lowers it)
 * @param unbondingValue what the shares waiting for withdrawal are worth
 * @param releaseAt when the unbonding shares can be withdrawn (null when nothing is unbonding)
 * @param votingPower the governance votes this vouch gives the voucher
 */
public record Vouch(String voucher, String vouchee, BigInteger shares, BigInteger activeValue, BigInteger unbondingShares,
                    BigInteger unbondingValue, Instant releaseAt, BigInteger votingPower) {
}
