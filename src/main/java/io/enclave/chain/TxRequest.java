package io.enclave.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What the user wants to send: {@code to} null deploys {@code data} as a contract.
 *
 * @param speed which fee suggestion to use, unless {@code feeOverride} is set
 * @param gasLimitOverride a fixed gas limit instead of the estimate (null to estimate)
 */
public record TxRequest(String from, String to, BigInteger value, String data, Fees.Speed speed, Fees.Fee feeOverride,
                        BigInteger gasLimitOverride) {
    public TxRequest {
        Objects.requireNonNull(from, "from");
        from = from.toLowerCase(java.util.Locale.ROOT);
        to = to == null ? null : to.toLowerCase(java.util.Locale.ROOT);
        value = value == null ? BigInteger.ZERO : value;
        data = data == null || data.isEmpty() ? "0x" : data;
        speed = speed == null ? Fees.Speed.NORMAL : speed;
        if (value.signum() < 0) {
            throw new IllegalArgumentException("value must not be negative");
        }
        if (!from.matches("0x[0-9a-f]{40}") || to != null && !to.matches("0x[0-9a-f]{40}")) {
            throw new IllegalArgumentException("addresses are 0x + 40 hex digits");
        }
        if (!data.matches("0x([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException("data must be 0x-prefixed hex with whole bytes");
        }
    }

    /** A plain transfer of native currency. */
    public static TxRequest transfer(String from, String to, BigInteger wei) {
        return new TxRequest(from, to, wei, "0x", Fees.Speed.NORMAL, null, null);
    }

    /** A contract call. */
    public static TxRequest call(String from, String to, BigInteger wei, String data) {
        return new TxRequest(from, to, wei, data, Fees.Speed.NORMAL, null, null);
    }

    public TxRequest withSpeed(Fees.Speed s) {
        return new TxRequest(from, to, value, data, s, feeOverride, gasLimitOverride);
    }

    public TxRequest withFee(Fees.Fee f) {
        return new TxRequest(from, to, value, data, speed, f, gasLimitOverride);
    }

    public TxRequest withGasLimit(BigInteger g) {
        return new TxRequest(from, to, value, data, speed, feeOverride, g);
    }
}
