package io.enclave.chain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A chain the wallet signs for: its id (checked against {@code eth_chainId} before signing), RPC endpoints in
 * failover order, the native currency, how many confirmations make a transaction final, and known contracts.
 */
public record Network(String name, long chainId, List<String> rpcUrls, String symbol, int decimals, int confirmations,
                      Map<String, String> contracts) {
    /** Moca Chain mainnet; its public RPC needs an API key appended by the user. */
    public static final Network MOCA_MAINNET = new Network("mainnet", 2288, List.of("https://rpc.mocachain.org"),
            "MOCA", 18, 1, Map.of());
    /** Moca Chain testnet. */
    public static final Network MOCA_TESTNET = new Network("testnet", 222888, List.of("https://rpc.testnet.mocachain.dev"),
            "MOCA", 18, 1, Map.of());
    /** A local anvil devnet. */
    public static final Network DEVNET = new Network("devnet", 31337, List.of("http://127.0.0.1:8545"), "MOCA", 18, 1,
            Map.of());

    public Network {
        Objects.requireNonNull(name, "name");
        rpcUrls = List.copyOf(rpcUrls);
        contracts = Map.copyOf(contracts);
        if (rpcUrls.isEmpty()) {
            throw new IllegalArgumentException("network " + name + " needs at least one RPC URL");
        }
        for (String u : rpcUrls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException("RPC URL must start with http:// or https://: " + u);
            }
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive, got " + chainId);
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1");
        }
    }

    public static List<Network> presets() {
        return List.of(MOCA_MAINNET, MOCA_TESTNET, DEVNET);
    }

    /** A preset by name (mainnet, testnet, devnet). */
    public static Network preset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return presets().stream().filter(p -> p.name().equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown network '" + name + "': use mainnet, testnet or devnet, or give "
                        + "--rpc and --chain-id for a custom one."));
    }

    public Network withRpcUrls(List<String> urls) {
        return new Network(name, chainId, urls, symbol, decimals, confirmations, contracts);
    }

    public Network withChainId(long id) {
        return new Network(name, id, rpcUrls, symbol, decimals, confirmations, contracts);
    }

    public Network withContracts(Map<String, String> named) {
        return new Network(name, chainId, rpcUrls, symbol, decimals, confirmations, named);
    }

    public Network withConfirmations(int n) {
        return new Network(name, chainId, rpcUrls, symbol, decimals, n, contracts);
    }
}
