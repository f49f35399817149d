package io.enclave.market.erase;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.credentials.store.LocalCredentialStore;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The seed's "delete my data" flow, one step at a time, shared by {@code enclave credential delete-my-data} and the
 * desktop's My credentials: erase the local files (overwritten, then deleted), revoke the credential on chain, delist
 * this wallet's listing of it, unpin its package and metadata CIDs on the IPFS node. Each step returns a {@link Step}
 * (done, nothing to do, or failed with the reason) and never throws for an outside failure, so the caller can run every
 * step whatever the others did, show each result, and offer to finish a failed one. Every step is safe to run again:
 * a deleted file is not there, a revoked credential is not revoked twice, an inactive listing is not touched, and
 * unpinning what is not pinned is a no-op. Transactions go through the chain's approver (confirmation first).
 */
public final class DeleteMyData {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    /** The steps, in the order they run. */
    public enum Kind { LOCAL_FILES, REVOKE, DELIST, UNPIN }

    /** How a step ended. */
    public enum Outcome { DONE, NOTHING_TO_DO, FAILED }

    /**
     * One step's result.
     *
     * @param message what happened, a sentence (for a failure: what failed and why)
     * @param items   what it acted on (deleted paths, unpinned CIDs), may be empty
     */
    public record Step(Kind kind, Outcome outcome, String message, List<String> items) {
        public Step {
            items = List.copyOf(items);
        }

        public boolean failed() {
            return outcome == Outcome.FAILED;
        }
    }

    private DeleteMyData() {
    }

    /** Overwrites and deletes the local files of the attestation and/or the credential (and {@code more} copies). */
    public static Step eraseLocal(LocalCredentialStore local, byte[] attestationHash, byte[] credentialHash,
                                  List<Path> more) {
        try {
            LocalCredentialStore.Erasure e = local.erase(attestationHash, credentialHash, more);
            List<String> paths = e.deleted().stream().map(Path::toString).toList();
            return paths.isEmpty() ? new Step(Kind.LOCAL_FILES, Outcome.NOTHING_TO_DO, "No local file held this data.",
                    List.of()) : new Step(Kind.LOCAL_FILES, Outcome.DONE, "Overwritten and deleted:", paths);
        } catch (IOException | RuntimeException e) {
            return new Step(Kind.LOCAL_FILES, Outcome.FAILED, "Could not delete every local file (" + message(e)
                    + "); close other programs using the data folder and try again.", List.of());
        }
    }

    /** Revokes the anchored credential in the registry (the holder's transaction), unless it is revoked already. */
    public static Step revoke(MarketChain chain, byte[] credentialHash, Progress progress) {
        try {
            CredentialRegistry.Credential c = chain.read("credential " + Numeric.toHexString(credentialHash),
                    chain.registry().credential(credentialHash));
            boolean anchored = c.holder != null && !ZERO.equalsIgnoreCase(c.holder);
            if (!anchored) {
                return new Step(Kind.REVOKE, Outcome.NOTHING_TO_DO, "Not anchored on this chain: nothing to revoke.",
                        List.of());
            }
            if (Boolean.TRUE.equals(c.revoked)) {
                return new Step(Kind.REVOKE, Outcome.NOTHING_TO_DO, "Already revoked on-chain.", List.of());
            }
            String data = chain.registry().revoke(credentialHash).encodeFunctionCall();
            var receipt = chain.send("Revoke credential " + Numeric.toHexString(credentialHash) + " (delete my data)",
                    chain.contracts().registry(), BigInteger.ZERO, data, progress);
            return new Step(Kind.REVOKE, Outcome.DONE, "Revoked on-chain in transaction " + receipt.getTransactionHash()
                    + ".", List.of(receipt.getTransactionHash()));
        } catch (RuntimeException e) {
            return new Step(Kind.REVOKE, Outcome.FAILED, "Revoking on-chain failed (" + message(e) + ").", List.of());
        }
    }

    /** This wallet's publication of the credential on the chain, from its vault (empty when it published none). */
    public static Optional<MarketStore.OwnListing> publication(MarketStore store, long chainId, byte[] credentialHash) {
        return store.listingByCredential(chainId, Numeric.toHexString(credentialHash));
    }

    /** Removes the publication's listing when it is active (purchases already paid can still be delivered or refunded). */
    public static Step delist(MarketChain chain, MarketStore.OwnListing own, Progress progress) {
        BigInteger id = own.listingId();
        if (id == null) {
            return new Step(Kind.DELIST, Outcome.NOTHING_TO_DO, "Marketplace: the publication never reached a listing: "
                    + "nothing to delist.", List.of());
        }
        try {
            Listings listings = new Listings(chain, null);
            if (!listings.withoutMetadata(id).active()) {
                return new Step(Kind.DELIST, Outcome.NOTHING_TO_DO, "Marketplace: listing " + id + " is already inactive.",
                        List.of());
            }
            String data = chain.market().removeListing(id).encodeFunctionCall();
            var receipt = chain.send("Remove listing " + id + " (delete my data)", chain.contracts().marketplace(),
                    BigInteger.ZERO, data, progress);
            if (listings.withoutMetadata(id).active()) {
                return new Step(Kind.DELIST, Outcome.FAILED, "Marketplace: listing " + id + " is still active after "
                        + "transaction " + receipt.getTransactionHash() + ".", List.of());
            }
            return new Step(Kind.DELIST, Outcome.DONE, "Marketplace: delisted listing " + id + " in transaction "
                    + receipt.getTransactionHash() + " (purchases already paid can still be delivered or refunded).",
                    List.of(id.toString()));
        } catch (RuntimeException e) {
            return new Step(Kind.DELIST, Outcome.FAILED, "Marketplace: listing " + id + " could not be removed ("
                    + message(e) + ").", List.of());
        }
    }

    /** The publication's package and metadata CIDs (what unpinning acts on, and what may remain elsewhere). */
    public static List<String> cids(MarketStore.OwnListing own) {
        List<String> cids = new ArrayList<>();
        if (own.packageCid() != null) {
            cids.add(own.packageCid());
        }
        if (own.metadataCid() != null) {
            cids.add(own.metadataCid());
        }
        return cids;
    }

    /** Unpins each of the publication's CIDs on the node and checks it is no longer pinned: one step per CID. */
    public static List<Step> unpin(KuboStore ipfs, MarketStore.OwnListing own) {
        List<String> cids = cids(own);
        if (cids.isEmpty()) {
            return List.of(new Step(Kind.UNPIN, Outcome.NOTHING_TO_DO, "IPFS: nothing of it was uploaded.", List.of()));
        }
        List<Step> steps = new ArrayList<>();
        for (String text : cids) {
            try {
                Cid cid = Cid.parse(text);
                ipfs.unpin(cid);
                if (ipfs.isPinned(cid)) {
                    steps.add(new Step(Kind.UNPIN, Outcome.FAILED, "IPFS: " + text + " is still pinned on " + ipfs.name()
                            + ".", List.of(text)));
                } else {
                    steps.add(new Step(Kind.UNPIN, Outcome.DONE, "IPFS: unpinned " + text + " on " + ipfs.name()
                            + " (the node drops the blocks at its next garbage collection).", List.of(text)));
                }
            } catch (RuntimeException e) {
                steps.add(new Step(Kind.UNPIN, Outcome.FAILED, "IPFS: " + text + " could not be unpinned on " + ipfs.name()
                        + " (" + message(e) + ").", List.of(text)));
            }
        }
        return steps;
    }

    /**
     * What cannot be deleted, by design, one sentence each.
     *
     * @param cids the publication's CIDs (empty when this wallet published nothing of it)
     */
    public static List<String> remains(List<String> cids) {
        List<String> out = new ArrayList<>();
        out.add("the chain keeps the credential hash, its anchor and revocation, and sale records forever (hashes and "
                + "addresses, no attribute value);");
        if (!cids.isEmpty()) {
            out.add("the listing's record stays on-chain (inactive), and your encrypted vault keeps the publication record "
                    + "so purchases already paid can still be delivered or refunded;");
            out.add(String.join(" and ", cids) + " stay on IPFS wherever others pinned or cached them (gateways, buyers' "
                    + "nodes): the package is ciphertext, the metadata holds only what the listing showed publicly (title, "
                    + "description, predicate, issuer);");
        }
        out.add("IPFS copies pinned by others and the Arweave copy (permanent) keep the encrypted package: ciphertext "
                + "only, unreadable without a content key;");
        out.add("buyers who opened the package keep their copy of the proof (it reveals only the statement, never the "
                + "value);");
        out.add("the issuer keeps its own records of what it attested.");
        return out;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
