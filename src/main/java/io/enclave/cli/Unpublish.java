package io.enclave.cli;

import io.enclave.chain.RpcClient;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketStore;
import io.enclave.market.erase.DeleteMyData;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The chain and IPFS half of {@code credential delete-my-data}, over the shared {@link DeleteMyData} steps: revokes the
 * credential ({@code --revoke}), finds this wallet's publication of it in its vault, delists an active listing
 * (confirmed before signing, like the market commands) and unpins the package and metadata CIDs on the IPFS node
 * ({@code --unpublish}). Each step is tried whatever the other's outcome; a step that fails adds a line to
 * {@code unfinished} saying what to run to finish it. Running it again is safe.
 */
final class Unpublish {
    private final MarketContext m;
    private final PrintWriter out;
    private final PrintWriter err;

    Unpublish(MarketContext m, PrintWriter out, PrintWriter err) {
        this.m = m;
        this.out = out;
        this.err = err;
    }

    /** Revokes the credential on chain with the chosen account, unless it is revoked or not anchored. */
    void revoke(byte[] credentialHash, UnlockedWallet wallet, List<String> unfinished) {
        String hex = Numeric.toHexString(credentialHash);
        DeleteMyData.Step step;
        try (RpcClient rpc = m.ctx.connect();
             MarketChain chain = chain(rpc, wallet, m.ctx.account(m.account), m.ctx.vault(wallet))) {
            step = DeleteMyData.revoke(chain, credentialHash, m.progress());
        } catch (RuntimeException e) {
            step = new DeleteMyData.Step(DeleteMyData.Kind.REVOKE, DeleteMyData.Outcome.FAILED, "Revoking on-chain failed ("
                    + message(e) + ").", List.of());
        }
        if (step.failed()) {
            unfinished.add(step.message().replaceAll("\\.$", "") + ". Run `enclave credential revoke --credential " + hex
                    + "`.");
        } else {
            out.println(step.message());
        }
        out.flush();
    }

    /**
     * Delists and unpins with a wallet the caller unlocked (and closes); returns the CIDs left for the "what remains"
     * report (empty when this wallet published nothing of it).
     */
    List<String> run(byte[] credentialHash, UnlockedWallet wallet, List<String> unfinished) {
        String hex = Numeric.toHexString(credentialHash);
        String rerun = "`enclave credential delete-my-data --credential " + hex + " --unpublish` (with the same --network, "
                + "--rpc, --contracts and --ipfs)";
        Optional<MarketStore.OwnListing> found;
        long chainId;
        Vault vault;
        try {
            vault = m.ctx.vault(wallet);
            chainId = m.ctx.networkConfig().chainId();
            found = DeleteMyData.publication(new MarketStore(vault), chainId, credentialHash);
        } catch (RuntimeException e) {
            unfinished.add("Delisting and unpinning: the vault could not be read (" + message(e) + "). Run " + rerun + ".");
            return List.of();
        }
        if (found.isEmpty()) {
            out.println("Marketplace: this wallet never published it on chain " + chainId + ": nothing to delist or unpin.");
            return List.of();
        }
        MarketStore.OwnListing own = found.get();
        delist(own, wallet, vault, unfinished, rerun);
        unpin(own, unfinished, rerun);
        return DeleteMyData.cids(own);
    }

    private void delist(MarketStore.OwnListing own, UnlockedWallet wallet, Vault vault, List<String> unfinished,
                        String rerun) {
        DeleteMyData.Step step;
        try (RpcClient rpc = m.ctx.connect(); MarketChain chain = chain(rpc, wallet, own.seller(), vault)) {
            step = DeleteMyData.delist(chain, own, m.progress());
        } catch (RuntimeException e) {
            step = new DeleteMyData.Step(DeleteMyData.Kind.DELIST, DeleteMyData.Outcome.FAILED, "Marketplace: listing "
                    + own.listingId() + " could not be removed (" + message(e) + ").", List.of());
        }
        if (step.failed()) {
            unfinished.add("Delisting: " + step.message().replaceFirst("^Marketplace: ", "").replaceAll("\\.$", "")
                    + ". Run `enclave market delist " + own.listingId() + "` or " + rerun + ".");
        } else {
            out.println(step.message());
        }
    }

    private void unpin(MarketStore.OwnListing own, List<String> unfinished, String rerun) {
        KuboStore kubo;
        try {
            kubo = new KuboStore(URI.create(m.ipfs), new Http(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            unfinished.add("Unpinning: --ipfs " + m.ipfs + " is not usable (" + message(e) + "). Run " + rerun + ".");
            return;
        }
        for (DeleteMyData.Step step : DeleteMyData.unpin(kubo, own)) {
            if (step.failed()) {
                unfinished.add("Unpinning: " + step.message().replaceFirst("^IPFS: ", "").replaceAll("\\.$", "")
                        + ". When the node is reachable, run " + rerun + ".");
            } else {
                out.println(step.message());
            }
        }
    }

    private MarketChain chain(RpcClient rpc, UnlockedWallet wallet, String account, Vault vault) {
        return new MarketChain(rpc, m.contracts(), vault.activity(), wallet.signer(account), m.approver(out, err),
                Duration.ofMinutes(10), Duration.ofSeconds(1));
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
