package io.enclave.market;

import java.math.BigInteger;

/**
 * What the chain says about a seller: the stake vouching for it, by how many vouchers, how often it was slashed and how
 * many keys it delivered. Read from the staking pool and from event logs, never from the discovery API.
 */
public record Reputation(String seller, BigInteger stake, int vouchers, int slashes, int deliveries) {
}
