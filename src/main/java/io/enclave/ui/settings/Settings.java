package io.enclave.ui.settings;

import java.util.List;
import java.util.Objects;

/**
 * What the desktop remembers between runs (never a secret: no password, key or API token lives here).
 *
 * @param network the preset name (mainnet, testnet, devnet) the wallet signs for
 * @param rpcUrls RPC endpoints in failover order; empty means the preset's own
 * @param chainId expected chain id; 0 means the preset's
 * @param autoLockMinutes the unlocked wallet locks after this many idle minutes
 * @param autoDeliver whether the app delivers the keys of its listings' purchases by itself while it runs (null, as in
 *     a settings file from before this switch, means yes)
 */
public record Settings(String network, List<String> rpcUrls, long chainId, String ipfsApiUrl, String pinataApiUrl,
                       List<String> gatewayUrls, String discoveryUrl, int autoLockMinutes, boolean dark,
                       boolean onboarded, Boolean autoDeliver) {
    public static final Settings DEFAULTS = new Settings("devnet", List.of(), 0, "http://127.0.0.1:5001",
            "https://api.pinata.cloud", List.of("https://ipfs.io", "https://dweb.link"), "http://127.0.0.1:8080", 10,
            false, false);

    /** With automatic delivery on (the default). */
    public Settings(String network, List<String> rpcUrls, long chainId, String ipfsApiUrl, String pinataApiUrl,
                    List<String> gatewayUrls, String discoveryUrl, int autoLockMinutes, boolean dark, boolean onboarded) {
        this(network, rpcUrls, chainId, ipfsApiUrl, pinataApiUrl, gatewayUrls, discoveryUrl, autoLockMinutes, dark,
                onboarded, Boolean.TRUE);
    }

    public Settings {
        Objects.requireNonNull(network, "network");
        autoDeliver = autoDeliver == null ? Boolean.TRUE : autoDeliver;
        rpcUrls = rpcUrls == null ? List.of() : List.copyOf(rpcUrls);
        gatewayUrls = gatewayUrls == null ? List.of() : List.copyOf(gatewayUrls);
        if (autoLockMinutes < 1 || autoLockMinutes > 24 * 60) {
            throw new IllegalArgumentException("Auto-lock must be between 1 minute and 24 hours, got " + autoLockMinutes
                    + " minutes.");
        }
        if (chainId < 0) {
            throw new IllegalArgumentException("A chain id is a positive number, got " + chainId + ".");
        }
        for (String u : rpcUrls) {
            requireUrl("RPC URL", u);
        }
        for (String u : gatewayUrls) {
            requireUrl("Gateway URL", u);
        }
        requireUrl("IPFS API URL", ipfsApiUrl);
        requireUrl("Pinata API URL", pinataApiUrl);
        requireUrl("Discovery URL", discoveryUrl);
    }

    private static void requireUrl(String what, String u) {
        if (u == null || !(u.startsWith("http://") || u.startsWith("https://")) || u.length() < 10 || u.contains(" ")) {
            throw new IllegalArgumentException(what + " must start with http:// or https://, got '" + u + "'.");
        }
    }

    public Settings withNetwork(String name, List<String> urls, long id) {
        return new Settings(name, urls, id, ipfsApiUrl, pinataApiUrl, gatewayUrls, discoveryUrl, autoLockMinutes, dark,
                onboarded, autoDeliver);
    }

    public Settings withDark(boolean d) {
        return new Settings(network, rpcUrls, chainId, ipfsApiUrl, pinataApiUrl, gatewayUrls, discoveryUrl,
                autoLockMinutes, d, onboarded, autoDeliver);
    }

    public Settings withOnboarded(boolean o) {
        return new Settings(network, rpcUrls, chainId, ipfsApiUrl, pinataApiUrl, gatewayUrls, discoveryUrl,
                autoLockMinutes, dark, o, autoDeliver);
    }

    public Settings withAutoDeliver(boolean on) {
        return new Settings(network, rpcUrls, chainId, ipfsApiUrl, pinataApiUrl, gatewayUrls, discoveryUrl,
                autoLockMinutes, dark, onboarded, on);
    }
}
