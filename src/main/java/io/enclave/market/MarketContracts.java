package io.enclave.market;

import io.enclave.chain.deploy.Deployment;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The addresses of the deployed suite the use cases talk to (the proxies and the governance pair).
 *
 * @param deploymentBlock the block the suite was deployed in, where every log scan starts; -1 when unknown (then
 *        {@link MarketChain#creationBlock} finds each contract's first block on the chain)
 */
public record MarketContracts(String registry, String marketplace, String staking, String governor, String timelock,
                              long deploymentBlock) {
    /** The deployment block of {@code contracts.json} / {@code --contracts}, when the file carries it. */
    public static final String DEPLOYMENT_BLOCK = "deploymentBlock";

    public MarketContracts {
        if (deploymentBlock < -1) {
            throw new IllegalArgumentException("deployment block must be 0 or more (or -1, unknown): " + deploymentBlock);
        }
        registry = address(registry, "registry");
        marketplace = address(marketplace, "marketplace");
        staking = address(staking, "staking");
        governor = address(governor, "governor");
        timelock = address(timelock, "timelock");
    }

    /** With the deployment block unknown (found on the chain when a scan needs it). */
    public MarketContracts(String registry, String marketplace, String staking, String governor, String timelock) {
        this(registry, marketplace, staking, governor, timelock, -1);
    }

    public static MarketContracts of(Deployment d) {
        return new MarketContracts(d.registry(), d.marketplace(), d.staking(), d.governor(), d.timelock());
    }

    /** The same suite, deployed in {@code block}. */
    public MarketContracts withDeploymentBlock(long block) {
        return new MarketContracts(registry, marketplace, staking, governor, timelock, block);
    }

    /**
     * From a name → address map as in a deployments file or {@code --contracts}: CredentialRegistry, Marketplace,
     * TrustStaking, EnclaveGovernor, EnclaveTimelock (or Timelock, as the
     * devnet's {@code devnet.json} names it), and optionally {@value #DEPLOYMENT_BLOCK}.
     */
    public static MarketContracts of(Map<String, String> named) {
        String block = named.get(DEPLOYMENT_BLOCK);
        long deployed;
        try {
            deployed = block == null ? -1 : Long.parseLong(block.trim());
        } catch (NumberFormatException e) {
            throw new MarketException("The contract list's " + DEPLOYMENT_BLOCK + " is not a block number: " + block);
        }
        return new MarketContracts(need(named, "CredentialRegistry"), need(named, "Marketplace"),
                need(named, "TrustStaking"), need(named, "EnclaveGovernor"),
                named.containsKey("EnclaveTimelock") ? named.get("EnclaveTimelock") : need(named, "Timelock"), deployed);
    }

    /** Contract name by address, for readable confirmations and decoded proposals. */
    public Map<String, String> byName() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CredentialRegistry", registry);
        m.put("Marketplace", marketplace);
        m.put("TrustStaking", staking);
        m.put("EnclaveGovernor", governor);
        m.put("EnclaveTimelock", timelock);
        return m;
    }

    private static String need(Map<String, String> named, String name) {
        String a = named.get(name);
        if (a == null) {
            throw new MarketException("The contract list has no " + name + " address (known: " + named.keySet()
                    + "). Deploy the suite or give the deployments file of this network.");
        }
        return a;
    }

    private static String address(String a, String what) {
        Objects.requireNonNull(a, what);
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(what + " address must be 0x + 40 hex digits: " + a);
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
