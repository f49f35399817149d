package io.enclave.cli;

import io.enclave.chain.RpcClient;
import io.enclave.market.Listing;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketStore;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The market half of {@code credential delete-my-data --unpublish}: finds this wallet's publication of a credential in
 * its vault, delists an active listing (confirmed before signing, like the market commands) and unpins the package and
 * metadata CIDs on the IPFS node. Each step is tried whatever the other's outcome; a step that fails adds a line to
 * {@code unfinished} saying what to run to finish it. Running it again is safe: an inactive listing is not touched and
 * unpinning what is not pinned is a no-op.
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
            found = new MarketStore(vault).listingByCredential(chainId, hex);
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
        return unpin(own, unfinished, rerun);
    }

    private void delist(MarketStore.OwnListing own, UnlockedWallet wallet, Vault vault, List<String> unfinished,
                        String rerun) {
        BigInteger id = own.listingId();
        if (id == null) {
            out.println("Marketplace: the publication never reached a listing: nothing to delist.");
            return;
        }
        try (RpcClient rpc = m.ctx.connect();
             MarketChain chain = new MarketChain(rpc, m.contracts(), vault.activity(), wallet.signer(own.seller()),
                     m.approver(out, err), Duration.ofMinutes(10), Duration.ofSeconds(1))) {
            Listings listings = new Listings(chain, null);
            Listing before = listings.withoutMetadata(id);
            if (!before.active()) {
                out.println("Marketplace: listing " + id + " is already inactive.");
                return;
            }
            String data = chain.market().removeListing(id).encodeFunctionCall();
            var receipt = chain.send("Remove listing " + id + " (delete my data)", chain.contracts().marketplace(),
                    BigInteger.ZERO, data, m.progress());
            boolean active = listings.withoutMetadata(id).active();
            if (active) {
                unfinished.add("Delisting: listing " + id + " is still active after transaction "
                        + receipt.getTransactionHash() + ". Run `enclave market delist " + id + "`.");
            } else {
                out.println("Marketplace: delisted listing " + id + " in transaction " + receipt.getTransactionHash()
                        + " (purchases already paid can still be delivered or refunded).");
            }
        } catch (RuntimeException e) {
            unfinished.add("Delisting: listing " + id + " could not be removed (" + message(e) + "). Run `enclave market "
                    + "delist " + id + "` or " + rerun + ".");
        }
    }

    private List<String> unpin(MarketStore.OwnListing own, List<String> unfinished, String rerun) {
        List<String> cids = new ArrayList<>();
        if (own.packageCid() != null) {
            cids.add(own.packageCid());
        }
        if (own.metadataCid() != null) {
            cids.add(own.metadataCid());
        }
        if (cids.isEmpty()) {
            out.println("IPFS: nothing of it was uploaded.");
            return cids;
        }
        KuboStore kubo;
        try {
            kubo = new KuboStore(URI.create(m.ipfs), new Http(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            unfinished.add("Unpinning: --ipfs " + m.ipfs + " is not usable (" + message(e) + "). Run " + rerun + ".");
            return cids;
        }
        for (String text : cids) {
            try {
                Cid cid = Cid.parse(text);
                kubo.unpin(cid);
                if (kubo.isPinned(cid)) {
                    unfinished.add("Unpinning: " + text + " is still pinned on " + m.ipfs + ". Run " + rerun + ".");
                } else {
                    out.println("IPFS: unpinned " + text + " on " + m.ipfs
                            + " (the node drops the blocks at its next garbage collection).");
                }
            } catch (RuntimeException e) {
                unfinished.add("Unpinning: " + text + " could not be unpinned on " + m.ipfs + " (" + message(e)
                        + "). When the node is reachable, run " + rerun + ".");
            }
        }
        return cids;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
