package io.enclave.vault;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One transaction the wallet sent, with its live status.
 *
 * @param replaces the hash of the transaction this one replaces (speed-up or cancel), or null
 * @param rawTx the signed transaction (public once broadcast), kept so it can be re-broadcast after a restart
 */
public record Activity(String hash, long chainId, String from, String to, long nonce, BigInteger value, String data,
                       BigInteger gasLimit, BigInteger maxFee, BigInteger maxPriorityFee, Kind kind, Status status,
                       String replaces, String summary, String rawTx, Long blockNumber, BigInteger gasUsed,
                       String error, Instant createdAt, Instant updatedAt) {

    /** What the transaction was sent for. */
    public enum Kind { SEND, CALL, DEPLOY, SPEED_UP, CANCEL }

    /** Where the transaction is. */
    public enum Status {
        /** Broadcast, not in a block yet. */
        PENDING,
        /** In a block, fewer confirmations than required. */
        MINED,
        /** In a block with the required confirmations. */
        CONFIRMED,
        /** Mined but reverted. */
        FAILED,
        /** Another transaction with the same nonce (a speed-up or cancel) was mined instead. */
        REPLACED,
        /** The nonce was used by a transaction this wallet did not send. */
        DROPPED;

        public boolean isFinal() {
            return this != PENDING && this != MINED;
        }
    }

    public Activity withStatus(Status s, Long block, BigInteger used, String err) {
        return new Activity(hash, chainId, from, to, nonce, value, data, gasLimit, maxFee, maxPriorityFee, kind, s,
                replaces, summary, rawTx, block, used, err, createdAt, Instant.now());
    }
}
