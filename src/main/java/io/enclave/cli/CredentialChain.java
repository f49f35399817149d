package io.enclave.cli;

import io.enclave.chain.EstimatedGas;
import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.Network;
import io.enclave.chain.RevertDecoder;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.chain.CredentialAnchors;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.crypto.Secrets;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.io.IOException;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;

/** The credential commands' access to CredentialRegistry: read-only, or signing with an account of the wallet. */
final class CredentialChain implements AutoCloseable {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final Network network;
    private final Web3j web3j;
    private final String registry;

    CredentialChain(WalletContext ctx) {
        this.network = ctx.networkConfig();
        this.registry = network.contracts().get("CredentialRegistry");
        if (registry == null) {
            throw new UserError("The network " + network.name() + " has no CredentialRegistry address: pass --contracts "
                    + "FILE with {\"CredentialRegistry\": \"0x...\"} (the devnet writes it to its deployment file)");
        }
        this.web3j = Web3j.build(new HttpService(network.rpcUrls().get(0)));
        try {
            long actual = web3j.ethChainId().send().getChainId().longValueExact();
            if (actual != network.chainId()) {
                throw new UserError("The RPC endpoint serves chain " + actual + ", not " + network.chainId() + " ("
                        + network.name() + "): check --rpc and --chain-id");
            }
        } catch (IOException e) {
            throw new UserError("Cannot reach " + network.rpcUrls().get(0) + ": " + e.getMessage(), e);
        }
    }

    long chainId() {
        return network.chainId();
    }

    String registryAddress() {
        return registry;
    }

    Network network() {
        return network;
    }

    CredentialRegistry readOnly() {
        return CredentialRegistry.load(registry, web3j, new ReadonlyTransactionManager(web3j, ZERO),
                new EstimatedGas(network.chainId()));
    }

    OnChainIssuerRegistry issuers() {
        return new OnChainIssuerRegistry(readOnly());
    }

    /** Unlocks the wallet, runs {@code action} with anchors signing as {@code account}, locks again. */
    <T> T signing(WalletContext ctx, SecretInput secrets, String account, Function<CredentialAnchors, T> action) {
        char[] pw = secrets.password("Wallet password", false);
        try (UnlockedWallet w = Wallets.unlock(ctx.wallet(), pw)) {
            return signing(w, account, action);
        } finally {
            Secrets.wipe(pw);
        }
    }

    /** As above with a wallet the caller has unlocked (and closes). */
    <T> T signing(UnlockedWallet w, String account, Function<CredentialAnchors, T> action) {
        try {
            Credentials credentials = Credentials.create(w.signer(account).keyPair());
            EstimatingTransactionManager tm = EstimatingTransactionManager.connect(web3j, credentials, network.chainId(),
                    RevertDecoder.bundled());
            CredentialRegistry reg = CredentialRegistry.load(registry, web3j, tm, new EstimatedGas(network.chainId()));
            return action.apply(new CredentialAnchors(reg, network.chainId()));
        } catch (IOException e) {
            throw new UserError("Cannot reach the chain: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
