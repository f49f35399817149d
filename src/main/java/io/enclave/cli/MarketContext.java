package io.enclave.cli;

import io.enclave.chain.Confirmation;
import io.enclave.chain.RpcClient;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.market.Approver;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.vault.Vault;
import io.enclave.wallet.LocalSigner;
import io.enclave.wallet.UnlockedWallet;
import java.io.Console;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.web3j.utils.Numeric;

/**
 * What the market, trust and gov commands share: the wallet context (network, contracts, data folder, --json), the
 * password input, the account, the IPFS node, and --yes. A {@link Session} holds the unlocked account for one command.
 */
public final class MarketContext {
    @Mixin
    WalletContext ctx;
    @Mixin
    SecretInput secrets;

    @Option(names = "--account", paramLabel = "ADDRESS", description = "The account to act as (default: the first).")
    String account;

    @Option(names = "--ipfs", paramLabel = "URL", defaultValue = "http://127.0.0.1:5001",
            description = "IPFS node RPC API (Kubo or compatible) for packages, metadata and evidence (default: "
                    + "${DEFAULT-VALUE}).")
    String ipfs;

    @Option(names = "--yes", description = "Sign without asking (scripts); the confirmation is still printed.")
    boolean yes;

    private PrintWriter err = new PrintWriter(System.err, true);

    /** An unlocked account and the market plumbing around it; closing it wipes the keys. */
    final class Session implements AutoCloseable {
        final MarketChain chain;
        final MarketStore store;
        final Listings listings;
        final KuboStore kubo;
        final TrustlessReader reader;
        final LocalEciesKeyHolder ecies;
        private final UnlockedWallet wallet;
        private final RpcClient rpc;

        Session(PrintWriter out, PrintWriter err) {
            String address = ctx.account(account);
            MarketContracts contracts = contracts();
            wallet = ctx.unlock(secrets);
            Vault vault;
            try {
                vault = ctx.vault(wallet);
            } catch (RuntimeException e) {
                wallet.close();
                throw e;
            }
            LocalSigner signer = wallet.signer(address);
            byte[] key = Numeric.toBytesPadded(signer.keyPair().getPrivateKey(), 32);
            try {
                ecies = new LocalEciesKeyHolder(key);
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
            rpc = ctx.connect();
            chain = new MarketChain(rpc, contracts, vault.activity(), signer, approver(out, err), Duration.ofMinutes(10),
                    Duration.ofSeconds(1));
            store = new MarketStore(vault);
            kubo = new KuboStore(URI.create(ipfs), new Http(), Duration.ofSeconds(60));
            reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(30), 16L << 20);
            listings = new Listings(chain, reader);
        }

        @Override
        public void close() {
            ecies.close();
            chain.close();
            rpc.close();
            wallet.close();
        }
    }

    /** Where progress lines go for a command that opens no session. */
    void useErr(PrintWriter err) {
        this.err = err;
    }

    Session session(PrintWriter out, PrintWriter err) {
        this.err = err;
        return new Session(out, err);
    }

    MarketContracts contracts() {
        var named = ctx.networkConfig().contracts();
        if (named.isEmpty()) {
            throw new UserError("No contract addresses for this network: pass --contracts FILE (a JSON object of "
                    + "CredentialRegistry, Marketplace, TrustStaking, EnclaveGovernor and EnclaveTimelock addresses).");
        }
        try {
            return MarketContracts.of(named);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Prints each confirmation (to stderr with --json); asks on the terminal unless --yes. */
    Approver approver(PrintWriter out, PrintWriter err) {
        return (Confirmation c) -> {
            PrintWriter where = ctx.json ? err : out;
            where.print(c.render());
            where.flush();
            if (yes) {
                return true;
            }
            Console console = System.console();
            if (console == null) {
                throw new UserError("There is no terminal to confirm on: review the output and pass --yes to sign.");
            }
            String answer = console.readLine("Sign and send? [y/N] ");
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        };
    }

    /** Progress lines go to stderr, so --json output stays parseable. */
    Progress progress() {
        PrintWriter e = err;
        return m -> {
            e.println("… " + m);
            e.flush();
        };
    }

    BigInteger wei(String amount) {
        return WalletSendCommands.wei(amount, 18);
    }

    boolean json() {
        return ctx.json;
    }

    String toJson(Object o) {
        return ctx.toJson(o);
    }
}
