package io.enclave.market.sell;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.market.Listing;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.storage.BlobStore;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.OutboxStep;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * The seller's use cases: publish a credential package (through the durable outbox: seal, upload, pin, Arweave copy,
 * anchor, list), change a listing's price, remove it. A publication interrupted by a crash or an outage is resumed
 * with {@link #resume}; no step is done twice. Published with its attestation, a listing's statement is proven again for
 * each buyer at delivery; published with the package alone, it is delivered key-only.
 */
public final class SellService {
    private final MarketChain chain;
    private final MarketStore store;
    private final Listings listings;
    private final PublicationPipeline pipeline;
    private final Outbox outbox;
    private final EciesKeyHolder sellerKeys;

    /**
     * @param primary the IPFS node the package and metadata are uploaded to
     * @param secondaries pinning services that must hold the package too
     * @param arweave the Arweave step ({@code PublicationSteps.noArweaveCopy()} without an Arweave wallet)
     * @param sellerKeys the seller account's key, to keep the content key wrapped to it
     */
    public SellService(MarketChain chain, MarketStore store, Listings listings, BlobStore primary,
                       List<BlobStore> secondaries, OutboxStep arweave, EciesKeyHolder sellerKeys, Backoff backoff) {
        this(chain, store, listings, primary, secondaries, arweave, sellerKeys,
                new Outbox(store.dataSource(), Map.of(), backoff, Clock.systemUTC()));
    }

    /**
     * On a shared outbox runner (the desktop's one runner per vault): the publication pipeline is registered on
     * {@code outbox}, whose {@code runDue()} then resumes interrupted publications too.
     */
    public SellService(MarketChain chain, MarketStore store, Listings listings, BlobStore primary,
                       List<BlobStore> secondaries, OutboxStep arweave, EciesKeyHolder sellerKeys, Outbox outbox) {
        this.chain = chain;
        this.store = store;
        this.listings = listings;
        this.pipeline = new PublicationPipeline(chain, store, listings, primary, sellerKeys);
        this.outbox = outbox;
        this.sellerKeys = sellerKeys;
        outbox.register(PublicationPipeline.KIND, pipeline.steps(secondaries, arweave));
    }

    /**
     * Publishes and lists a credential; returns the listing. Publishing the same credential again resumes the first
     * publication instead of starting a second one.
     */
    public Listing publish(CredentialPackage pkg, PublishRequest request, Progress progress) {
        String hash = Numeric.toHexString(pkg.credentialHash());
        var existing = store.listingByCredential(chain.chainId(), hash);
        String jobId = existing.map(MarketStore.OwnListing::jobId).orElse("pub-" + hash.substring(2, 42));
        if (existing.isEmpty()) {
            store.insertListing(new MarketStore.OwnListing(jobId, chain.chainId(), chain.account(), hash, request.issuer(),
                    request.price(), request.title(), request.description(), null, null, null, null, null,
                    request.tags()));
        }
        outbox.enqueue(jobId, PublicationPipeline.KIND, pkg.canonicalBytes());
        return resume(jobId, progress);
    }

    /**
     * Publishes a credential whose statement the delivery job proves again for each buyer (docs/MARKET.md, "Delivery"):
     * {@code attestationFile} is the holder's attestation file (encrypted to this seller's account key, as the issuer
     * sent it) that {@code pkg} was proven from. It is checked against the package before anything is recorded: the
     * seller's own attestation, the package's issuer, schema and attribute, unexpired, and the predicate holds.
     */
    public Listing publish(CredentialPackage pkg, byte[] attestationFile, PublishRequest request, Progress progress) {
        ProvingMaterial.check(pkg, ProvingMaterial.open(sellerKeys, attestationFile), chain.account());
        String hash = Numeric.toHexString(pkg.credentialHash());
        var existing = store.listingByCredential(chain.chainId(), hash);
        String jobId = existing.map(MarketStore.OwnListing::jobId).orElse("pub-" + hash.substring(2, 42));
        if (store.proving(jobId).isEmpty()) {
            store.setProving(new MarketStore.Proving(jobId, attestationFile, pkg.canonicalBytes()));
        }
        return publish(pkg, request, progress);
    }

    /** As {@link #publish(CredentialPackage, byte[], PublishRequest, Progress)}, sealing the attestation to the seller. */
    public Listing publish(CredentialPackage pkg, Attestation attestation, PublishRequest request, Progress progress) {
        return publish(pkg, ProvingMaterial.seal(attestation, sellerKeys), request, progress);
    }

    /** Runs a publication as far as it goes now; returns the listing when it is done. */
    public Listing resume(String jobId, Progress progress) {
        JobView job = outbox.job(jobId).orElseThrow(() -> new MarketException("There is no publication " + jobId + "."));
        if (job.state() == JobView.State.FAILED) {
            outbox.retry(jobId);
        }
        pipeline.progress(progress);
        try {
            if (!outbox.runJob(jobId)) {
                JobView now = outbox.job(jobId).orElseThrow();
                throw new MarketException("Publishing stopped at step '" + now.currentStep() + "': " + now.lastError()
                        + ". Nothing is lost: resume it with `enclave market publish --resume " + jobId + "`.");
            }
        } finally {
            pipeline.progress(Progress.NONE);
        }
        MarketStore.OwnListing row = store.listingByJob(jobId).orElseThrow();
        progress.step("Listed as #" + row.listingId());
        return listings.get(row.listingId());
    }

    /** The seller's publications that did not finish (for the UI's and CLI's job list). */
    public List<JobView> unfinished() {
        return outbox.jobs().stream().filter(j -> j.kind().equals(PublicationPipeline.KIND)
                && j.state() != JobView.State.DONE).toList();
    }

    /** Changes the price of one of the seller's active listings. */
    public Listing updatePrice(BigInteger listingId, BigInteger price, Progress progress) {
        try {
            PublishRequest.checkPrice(price);
        } catch (IllegalArgumentException e) {
            throw new MarketException(e.getMessage(), e);
        }
        String data = chain.market().updatePrice(listingId, price).encodeFunctionCall();
        chain.send("Change the price of listing " + listingId + " to " + chain.amount(price),
                chain.contracts().marketplace(), BigInteger.ZERO, data, progress);
        store.listingById(chain.chainId(), listingId).ifPresent(r -> store.setPrice(r.jobId(), price));
        return listings.get(listingId);
    }

    /** Removes a listing; purchases already made can still be delivered or refunded. */
    public Listing delist(BigInteger listingId, Progress progress) {
        String data = chain.market().removeListing(listingId).encodeFunctionCall();
        chain.send("Remove listing " + listingId, chain.contracts().marketplace(), BigInteger.ZERO, data, progress);
        return listings.withoutMetadata(listingId);
    }
}
