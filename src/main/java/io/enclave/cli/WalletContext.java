package io.enclave.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.chain.AbiRegistry;
import io.enclave.chain.Humanizer;
import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.crypto.Secrets;
import io.enclave.util.DataDirs;
import io.enclave.vault.Vault;
import io.enclave.vault.VaultException;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the wallet and tx commands: where the wallet and data live, and which network to use. */
public final class WalletContext {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Enclave's data folder, the studio's (default: $ENCLAVE_HOME, else ~/.local/share/enclave on "
                    + "Linux, ~/Library/Application Support/Enclave on macOS, %APPDATA%\\Enclave on Windows).")
    Path dataDir;

    @Option(names = "--wallet-file", paramLabel = "FILE", description = "The wallet file (default: <data-dir>/wallet.json).")
    Path walletFile;

    @Option(names = "--network", paramLabel = "NAME", defaultValue = "mainnet",
            description = "mainnet (chain 2288), testnet (222888) or devnet (31337); default: ${DEFAULT-VALUE}.")
    String network;

    @Option(names = "--rpc", paramLabel = "URL", split = ",",
            description = "RPC URL(s) in failover order, replacing the network's default.")
    List<String> rpc;

    @Option(names = "--chain-id", paramLabel = "ID", description = "Expected chain id when it differs from the preset.")
    Long chainId;

    @Option(names = "--contracts", paramLabel = "FILE",
            description = "JSON object of deployed contracts by name, e.g. {\"Marketplace\": \"0x...\"}.")
    Path contracts;

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    Path home() {
        if (dataDir != null) {
            return dataDir;
        }
        return DataDirs.home();
    }

    Path wallet() {
        return walletFile != null ? walletFile : home().resolve("wallet.json");
    }

    /** Unlocks the wallet with the password {@code secrets} gives (prompt, file or fd); the caller closes it. */
    UnlockedWallet unlock(SecretInput secrets) {
        char[] pw = secrets.password("Wallet password", false);
        try {
            return Wallets.unlock(wallet(), pw);
        } finally {
            Secrets.wipe(pw);
        }
    }

    /** The wallet's encrypted vault (activity, outbox, purchases): it opens only with the unlocked wallet's key. */
    Vault vault(UnlockedWallet w) {
        byte[] key = w.deriveVaultKey();
        try {
            return Vault.open(home(), key);
        } catch (VaultException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            Secrets.wipe(key);
        }
    }

    Network networkConfig() {
        Network n;
        try {
            n = Network.preset(network);
            if (rpc != null && !rpc.isEmpty()) {
                n = n.withRpcUrls(rpc);
            }
            if (chainId != null) {
                n = n.withChainId(chainId);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (contracts != null) {
            try {
                Map<String, String> named = new LinkedHashMap<>();
                JSON.readTree(Files.readString(contracts)).fields()
                        .forEachRemaining(f -> named.put(f.getKey(), f.getValue().asText()));
                n = n.withContracts(named);
            } catch (IOException e) {
                throw new UserError("Cannot read --contracts " + contracts + ": " + e.getMessage(), e);
            }
        }
        return n;
    }

    RpcClient connect() {
        return new RpcClient(networkConfig()).connect();
    }

    AbiRegistry abis() {
        return AbiRegistry.fromClasspath();
    }

    /** A humanizer that knows the wallet's account labels and the network's contracts. */
    Humanizer humanizer(Network n) {
        Humanizer h = Humanizer.of(n);
        if (Files.exists(wallet())) {
            for (Account a : Wallets.accounts(wallet())) {
                h.label(a.address(), a.label());
            }
        }
        return h;
    }

    /** The account given, or the wallet's first. */
    String account(String given) {
        if (given != null) {
            String a = given.trim().toLowerCase(java.util.Locale.ROOT);
            if (!a.matches("0x[0-9a-f]{40}")) {
                throw new UserError("'" + given + "' is not an address (0x + 40 hex digits).");
            }
            return a;
        }
        List<Account> all = Wallets.accounts(wallet());
        if (all.isEmpty()) {
            throw new UserError("The wallet has no accounts.");
        }
        return all.get(0).address();
    }

    String toJson(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
