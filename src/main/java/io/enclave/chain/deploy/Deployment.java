package io.enclave.chain.deploy;

import java.util.Map;

/**
 * A deployed suite on one chain: the proxies the app talks to, the governance pair, and every verifier deployed.
 *
 * @param implementations implementation addresses behind the proxies, by contract name
 * @param verifiers verifier contracts, by compiled contract name
 */
public record Deployment(long chainId, String timelock, String governor, String registry, String marketplace,
        String staking, Map<String, String> implementations, Map<String, String> verifiers) {

    public Deployment {
        implementations = Map.copyOf(implementations);
        verifiers = Map.copyOf(verifiers);
    }
}
