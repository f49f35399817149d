package io.enclave.market.gov;

import java.math.BigInteger;

/**
 * One call a proposal makes through the timelock, with what it does in plain words.
 *
 * @param data the ABI-encoded call, 0x-hex
 */
public record Action(String target, BigInteger value, String data, String words) {
}
