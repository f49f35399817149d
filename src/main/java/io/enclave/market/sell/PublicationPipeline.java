package io.enclave.market.sell;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.CredentialSealer;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.pkg.SealedCredential;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.market.ListingMetadata;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.storage.BlobStore;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.outbox.OutboxStep;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.storage.outbox.StepContext;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The market's publication pipeline for the storage outbox: seal (the credential package, encrypted under a fresh
 * content key kept wrapped to the seller) → upload → pin → Arweave copy → anchor → list. The chain steps look on chain
 * first and only send when the anchor or listing is not there yet, so a crash between sending and recording never
 * anchors or lists twice; a transaction still pending from before a crash is followed, not re-sent ({@link MarketChain}).
 */
final class PublicationPipeline {
    static final String KIND = "market.publish";

    private final MarketChain chain;
    private final MarketStore store;
    private final Listings listings;
    private final BlobStore primary;
    private final EciesKeyHolder sellerKeys;
    private volatile Progress progress = Progress.NONE;

    PublicationPipeline(MarketChain chain, MarketStore store, Listings listings, BlobStore primary,
                        EciesKeyHolder sellerKeys) {
        this.chain = chain;
        this.store = store;
        this.listings = listings;
        this.primary = primary;
        this.sellerKeys = sellerKeys;
    }

    void progress(Progress p) {
        this.progress = p;
    }

    List<OutboxStep> steps(List<BlobStore> secondaries, OutboxStep arweave) {
        List<OutboxStep> steps = new ArrayList<>();
        steps.add(named(PublicationSteps.ENCRYPT, "Encrypting the credential package", this::seal));
        steps.add(reported(PublicationSteps.upload(primary), "Uploading the encrypted package to IPFS"));
        steps.add(reported(PublicationSteps.pin(secondaries), "Pinning the package on the pinning services"));
        steps.add(reported(arweave, "Keeping a permanent copy"));
        steps.add(named(PublicationSteps.ANCHOR, "Anchoring the credential in the registry", this::anchor));
        steps.add(named(PublicationSteps.LIST, "Creating the listing", this::list));
        return steps;
    }

    private byte[] seal(StepContext ctx) throws Exception {
        MarketStore.OwnListing row = row(ctx);
        Optional<byte[]> done = ctx.checkpoint("sealed");
        if (done.isPresent() && row.keyCommitment() != null) {
            return done.get();
        }
        byte[] canonical = ctx.input();
        try {
            CredentialPackage pkg = new PackageReader(SchemaRegistry.builtIn()).read(canonical, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SealedCredential sealed = new CredentialSealer().seal(pkg, out, sellerKeys.publicKey());
            if (!Numeric.toHexString(sealed.credentialHash()).equalsIgnoreCase(row.credentialHash())) {
                throw new MarketException("The package does not hash to the credential being published.");
            }
            store.setSealed(ctx.jobId(), Numeric.toHexString(sealed.keyCommitment()), sealed.sellerWrappedKey());
            byte[] bytes = out.toByteArray();
            ctx.checkpoint("sealed", bytes);
            ctx.consumeInput();
            return bytes;
        } finally {
            Arrays.fill(canonical, (byte) 0);
        }
    }

    private byte[] anchor(StepContext ctx) {
        MarketStore.OwnListing row = row(ctx);
        Cid cid = PublicationSteps.cid(ctx);
        store.setPackageCid(ctx.jobId(), cid.toString());
        byte[] hash = Numeric.hexStringToByteArray(row.credentialHash());
        CredentialRegistry.Credential existing = chain.read("credential " + row.credentialHash(),
                chain.registry().credential(hash));
        if (existing.holder != null && Numeric.toBigInt(existing.holder).signum() != 0) {
            if (!existing.holder.equalsIgnoreCase(chain.account())) {
                throw new MarketException("Credential " + row.credentialHash() + " is already anchored by "
                        + existing.holder + ", not by this account: it cannot be listed from here.");
            }
            return hash;
        }
        byte[] arweave = ctx.result(PublicationSteps.ARWEAVE);
        byte[] arweaveTx = arweave.length == 32 ? arweave : new byte[32];
        byte[] schemaId = Hash.sha3(packageOf(ctx).schemaId().getBytes(StandardCharsets.UTF_8));
        String data = chain.registry().anchor(hash, row.issuer(), schemaId, cid.multihash().digest(), arweaveTx)
                .encodeFunctionCall();
        chain.send("Anchor credential " + row.credentialHash(), chain.contracts().registry(), BigInteger.ZERO, data,
                progress);
        return hash;
    }

    private byte[] list(StepContext ctx) {
        MarketStore.OwnListing row = row(ctx);
        CredentialPackage pkg = packageOf(ctx);
        ListingMetadata meta = new ListingMetadata(row.title(), row.description(), pkg.schemaId(),
                pkg.predicate().toJson().toString(), pkg.circuitId(), row.issuer(), row.credentialHash(),
                PublicationSteps.cid(ctx).toString(), chain.account(), row.tags());
        Cid metaCid = primary.put(meta.canonicalBytes());
        byte[] digest = metaCid.multihash().digest();
        for (Marketplace.ListingCreatedEventResponse e : listings.createdBy(chain.account(), 0, chain.head())) {
            if (Numeric.toHexString(e.credentialHash).equalsIgnoreCase(row.credentialHash())
                    && Arrays.equals(e.metadataDigest, digest)) {
                store.setListed(ctx.jobId(), metaCid.toString(), e.listingId);
                return e.listingId.toByteArray();
            }
        }
        String data = chain.market().createListing(Numeric.hexStringToByteArray(row.credentialHash()), row.price(),
                digest, Numeric.hexStringToByteArray(row.keyCommitment())).encodeFunctionCall();
        TransactionReceipt r = chain.send("List credential " + row.credentialHash() + " for " + chain.amount(row.price()),
                chain.contracts().marketplace(), BigInteger.ZERO, data, progress);
        BigInteger id = Marketplace.getListingCreatedEvents(r).get(0).listingId;
        store.setListed(ctx.jobId(), metaCid.toString(), id);
        return id.toByteArray();
    }

    /** The package itself is consumed by the seal step; the seller reopens its sealed copy to describe it. */
    private CredentialPackage packageOf(StepContext ctx) {
        MarketStore.OwnListing row = row(ctx);
        try {
            return new io.enclave.credentials.pkg.CredentialOpener(SchemaRegistry.builtIn()).open(
                    new java.io.ByteArrayInputStream(ctx.result(PublicationSteps.ENCRYPT)), row.sellerWrappedKey(),
                    sellerKeys, Numeric.hexStringToByteArray(row.keyCommitment()),
                    Numeric.hexStringToByteArray(row.credentialHash()));
        } catch (Exception e) {
            throw new MarketException("The seller cannot reopen its own sealed package: " + e.getMessage(), e);
        }
    }

    /**
     * The job's listing record. A vault holds every account's publications while one runner may act as one account
     * only: a job another account started is refused here, before it seals (the content key is wrapped to the seller),
     * anchors or lists, so it is never published as the wrong seller; it resumes when that account runs it.
     */
    private MarketStore.OwnListing row(StepContext ctx) {
        MarketStore.OwnListing row = store.listingByJob(ctx.jobId()).orElseThrow(() -> new MarketException("Publication "
                + ctx.jobId() + " has no record in the vault's market tables."));
        if (row.seller() != null && !row.seller().equalsIgnoreCase(chain.account())) {
            throw new MarketException("Publication " + ctx.jobId() + " was started by account " + row.seller()
                    + ", not " + chain.account() + ": resume it from the studio with that account.");
        }
        return row;
    }

    private OutboxStep named(String name, String says, PublicationSteps.Body body) {
        return new PublicationSteps.Named(name, ctx -> {
            progress.step(says);
            return body.run(ctx);
        });
    }

    private OutboxStep reported(OutboxStep step, String says) {
        return new PublicationSteps.Named(step.name(), ctx -> {
            progress.step(says);
            return step.run(ctx);
        });
    }
}
