package io.enclave.market.deliver;

import io.enclave.chain.contracts.Marketplace;
import io.enclave.credentials.pkg.ContentKey;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.pkg.KeyDelivery;
import io.enclave.credentials.pkg.PerBuyerProof;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.storage.outbox.StepContext;
import io.enclave.zk.CircuitRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The seller's side of the fair exchange. A watcher reads {@code CredentialPurchased} events of the seller's listings
 * from chain logs (never from the discovery API) and turns each purchase into one durable outbox job whose id is the
 * purchase: a purchase seen twice, or again after a restart or a lost vault cursor, never makes a second job. The job's
 * step reads the purchase on chain before sending and sends only while it is still escrowed; the wrapped key is
 * checkpointed before sending, so a retry after a crash sends the same transaction, which {@link MarketChain} follows
 * instead of re-sending. The key is wrapped only to the public key of the purchase event, after checking that this key
 * belongs to the purchase's buyer. A listing published with its attestation is proven again for each buyer
 * ({@link KeyDelivery}: the per-buyer proof travels with the key, inside the same ECIES payload).
 */
public final class DeliveryService {
    static final String KIND = "market.deliver";
    static final String STEP = "deliver";
    private static final String PURCHASED = EventEncoder.encode(Marketplace.CREDENTIALPURCHASED_EVENT);

    private final MarketChain chain;
    private final MarketStore store;
    private final Listings listings;
    private final EciesKeyHolder sellerKeys;
    private final Outbox outbox;
    private final Clock clock;
    private final BuyerProofs proofs;
    /**
     * The progress of the delivery running on this thread: each call ({@link #scan}, {@link #deliver}) reports into its
     * own callback, and a delivery job the shared runner runs without one ({@link Outbox#runDue}) reports nowhere — two
     * deliveries never report into each other's screen. The outbox runs a job's step on the thread that asked for it.
     */
    private final ThreadLocal<Progress> progress = ThreadLocal.withInitial(() -> Progress.NONE);
    private final Set<BigInteger> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long mineUpTo = -1;

    public DeliveryService(MarketChain chain, MarketStore store, Listings listings, EciesKeyHolder sellerKeys,
                           Backoff backoff, Clock clock) {
        this(chain, store, listings, sellerKeys, new Outbox(store.dataSource(), Map.of(), backoff, clock), clock);
    }

    /** On a shared outbox runner (the desktop's one runner per vault): the delivery step is registered on it. */
    public DeliveryService(MarketChain chain, MarketStore store, Listings listings, EciesKeyHolder sellerKeys,
                           Outbox outbox, Clock clock) {
        this(chain, store, listings, sellerKeys, outbox, CircuitRegistry.classPath(), clock);
    }

    /**
     * With the process's circuits: per-buyer proofs reuse what {@code circuits} has loaded (the proving key is read once,
     * on the first delivery or by {@link #warmUp()}).
     */
    public DeliveryService(MarketChain chain, MarketStore store, Listings listings, EciesKeyHolder sellerKeys,
                           Outbox outbox, CircuitRegistry circuits, Clock clock) {
        this.proofs = new BuyerProofs(chain, sellerKeys, circuits, clock);
        this.chain = chain;
        this.store = store;
        this.listings = listings;
        this.sellerKeys = sellerKeys;
        this.clock = clock;
        this.outbox = outbox;
        outbox.register(KIND, List.of(new PublicationSteps.Named(STEP, this::deliver)));
    }

    /**
     * One pass of the watcher: finds new purchases of the seller's listings since the last pass, records a delivery job
     * for each, and runs every delivery job that is due. Returns what happened to the jobs it ran. A job another thread
     * is running right now (a hand delivery waiting for its confirmation) is skipped, not waited for: the pass goes on
     * with the others, and a later pass picks it up if it is still due then.
     */
    public synchronized List<Delivery> scan(Progress p) {
        long head = chain.head();
        String cursorName = "deliver:" + chain.chainId() + ":" + chain.contracts().marketplace() + ":" + chain.account();
        long from = store.cursor(cursorName).orElse(-1) + 1;
        if (from <= head) {
            if (mineUpTo < head) {
                // the seller's listings, read once from the deployment and then only the new blocks
                listings.createdBy(chain.account(), mineUpTo + 1, head).forEach(e -> mine.add(e.listingId));
                mineUpTo = head;
            }
            if (!mine.isEmpty()) {
                for (Log log : chain.logs(chain.contracts().marketplace(), from, head, PURCHASED)) {
                    Marketplace.CredentialPurchasedEventResponse e = Marketplace.getCredentialPurchasedEventFromLog(log);
                    if (mine.contains(e.listingId) && enqueue(e.purchaseId)) {
                        p.step("Purchase #" + e.purchaseId + " of listing #" + e.listingId + " by " + e.buyer);
                    }
                }
            }
            store.setCursor(cursorName, head);
        }
        List<Delivery> out = new ArrayList<>();
        Instant now = clock.instant();
        for (JobView j : outbox.jobs()) {
            if (j.kind().equals(KIND) && j.state() == JobView.State.PENDING && !j.nextAttemptAt().isAfter(now)) {
                run(j.id(), p, true).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Loads the circuits this vault's publications are proven with, so that the first delivery does not also pay for
     * reading the proving key. {@link #watch} does it before its first pass.
     */
    public void warmUp() {
        for (MarketStore.OwnListing l : store.listings(chain.chainId(), chain.account())) {
            store.proving(l.jobId()).ifPresent(proofs::warmUp);
        }
    }

    /** Runs the watcher until the thread is interrupted (the UI's cancel, Ctrl-C in the CLI). */
    public void watch(Duration interval, Progress p) throws InterruptedException {
        warmUp();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (Delivery d : scan(p)) {
                    p.step("Purchase #" + d.purchaseId() + ": " + d.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (d.note() == null ? "" : " — " + d.note()));
                }
            } catch (MarketException e) {
                p.step("Watcher pass failed, retrying: " + e.getMessage());
            }
            Thread.sleep(interval.toMillis());
        }
        throw new InterruptedException("watcher stopped");
    }

    /**
     * Purchases of this seller's listings still waiting for their key (escrowed on chain), read from chain logs like
     * the watcher does, oldest first: what a seller's inbox shows.
     */
    public List<io.enclave.market.Purchase> waiting() {
        long head = chain.head();
        Set<BigInteger> mine = listings.createdBy(chain.account(), 0, head).stream().map(e -> e.listingId)
                .collect(Collectors.toSet());
        List<io.enclave.market.Purchase> out = new ArrayList<>();
        if (mine.isEmpty()) {
            return out;
        }
        for (Log log : chain.logs(chain.contracts().marketplace(), 0, head, PURCHASED)) {
            Marketplace.CredentialPurchasedEventResponse e = Marketplace.getCredentialPurchasedEventFromLog(log);
            if (!mine.contains(e.listingId)) {
                continue;
            }
            Marketplace.Purchase p = chain.read("purchase " + e.purchaseId, chain.market().purchaseOf(e.purchaseId));
            if (p.status.intValue() == 1) {
                out.add(new io.enclave.market.Purchase(e.purchaseId, p.listingId, p.buyer.toLowerCase(Locale.ROOT),
                        p.amount, io.enclave.market.PurchaseState.ESCROWED, Instant.ofEpochSecond(p.deliverBy.longValueExact()),
                        null, outbox.job(jobId(e.purchaseId)).map(JobView::lastError).orElse(null)));
            }
        }
        return out;
    }

    /**
     * Delivers one purchase by hand (the same job the watcher would make: never a second delivery). When the watcher or
     * the runner is delivering it right now, returns {@link Delivery.Outcome#IN_PROGRESS} at once instead of waiting.
     */
    public Delivery deliver(BigInteger purchaseId, Progress p) {
        String id = jobId(purchaseId);
        enqueue(purchaseId);
        JobView j = outbox.job(id).orElseThrow();
        if (j.state() == JobView.State.FAILED) {
            outbox.retry(id);
        }
        return run(id, p, false).orElseGet(() -> new Delivery(purchaseId, Delivery.Outcome.IN_PROGRESS,
                "the background runner is delivering it right now; nothing more was sent, and its outcome is "
                + "recorded on the job when it ends"));
    }

    private boolean enqueue(BigInteger purchaseId) {
        return outbox.enqueue(jobId(purchaseId), KIND, purchaseId.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private String jobId(BigInteger purchaseId) {
        return "dlv-" + chain.chainId() + "-" + chain.contracts().marketplace().substring(2, 10) + "-" + purchaseId;
    }

    /** Runs a job if no other thread is running it ({@code onlyIfDue}: and it is still due); empty when skipped. */
    private Optional<Delivery> run(String jobId, Progress p, boolean onlyIfDue) {
        BigInteger purchaseId = new BigInteger(jobId.substring(jobId.lastIndexOf('-') + 1));
        progress.set(p);
        try {
            Outbox.Attempt a = onlyIfDue ? outbox.runIfDue(jobId) : outbox.runIfFree(jobId);
            if (a == Outbox.Attempt.BUSY || a == Outbox.Attempt.NOT_DUE) {
                return Optional.empty();
            }
            return Optional.of(result(jobId, purchaseId, a == Outbox.Attempt.DONE));
        } finally {
            progress.remove();
        }
    }

    /** What became of a job this call ran. */
    private Delivery result(String jobId, BigInteger purchaseId, boolean done) {
        if (done) {
            String r = new String(outbox.result(jobId, STEP).orElse(new byte[0]), StandardCharsets.UTF_8);
            int colon = r.indexOf(':');
            Delivery.Outcome o = Delivery.Outcome.valueOf(colon < 0 ? r : r.substring(0, colon));
            return new Delivery(purchaseId, o, colon < 0 ? null : r.substring(colon + 1));
        }
        JobView j = outbox.job(jobId).orElseThrow();
        return new Delivery(purchaseId, j.state() == JobView.State.FAILED ? Delivery.Outcome.FAILED
                : Delivery.Outcome.PENDING, j.lastError());
    }

    /** The outbox step: checks the purchase on chain, then wraps the content key to the buyer and sends it once. */
    private byte[] deliver(StepContext ctx) throws Exception {
        BigInteger purchaseId = new BigInteger(new String(ctx.input(), StandardCharsets.US_ASCII));
        Marketplace.Purchase p = chain.read("purchase " + purchaseId, chain.market().purchaseOf(purchaseId));
        int status = p.status.intValue();
        if (status == 0) {
            throw new MarketException("There is no purchase " + purchaseId + " on this marketplace.");
        }
        if (status != 1) {
            return outcome(status == 3 ? Delivery.Outcome.TOO_LATE : Delivery.Outcome.ALREADY_DELIVERED, "the purchase is "
                    + io.enclave.market.PurchaseState.ofChain(status).name().toLowerCase(Locale.ROOT) + " on chain");
        }
        Marketplace.Listing l = chain.read("listing " + p.listingId, chain.market().listing(p.listingId));
        if (!l.seller.equalsIgnoreCase(chain.account())) {
            throw new MarketException("Purchase " + purchaseId + " is of listing " + p.listingId + " of " + l.seller
                    + ", not of this account: only its seller can deliver it.");
        }
        if (chain.chainTime() > p.deliverBy.longValueExact()) {
            return outcome(Delivery.Outcome.TOO_LATE, "the delivery window closed at "
                    + Instant.ofEpochSecond(p.deliverBy.longValueExact()) + "; the buyer can take a refund");
        }
        byte[] wrapped = ctx.checkpoint("wrapped-key").orElse(null);
        if (wrapped == null) {
            byte[] buyerKey = buyerPublicKey(purchaseId, p.buyer);
            String credential = Numeric.toHexString(l.credentialHash);
            MarketStore.OwnListing own = store.listingByCredential(chain.chainId(), credential)
                    .filter(o -> o.sellerWrappedKey() != null).orElseThrow(() -> new MarketException("This vault has no "
                            + "content key for credential " + credential + " (listing " + p.listingId + "): it was "
                            + "published from another vault. Deliver from the desktop that published it."));
            PerBuyerProof proof = null;
            var proving = store.proving(own.jobId());
            if (proving.isPresent()) {
                progress.get().step("Proving the credential for " + p.buyer + " (purchase #" + purchaseId + ")");
                proof = proofs.prove(proving.get(), p.listingId, p.buyer);
            }
            try (ContentKey key = ContentKey.unwrap(sellerKeys, own.sellerWrappedKey(),
                    Numeric.hexStringToByteArray(own.keyCommitment()))) {
                wrapped = KeyDelivery.wrap(key, proof, buyerKey);
            }
            // the proof travels inside the wrapped payload: checkpointed before sending, so a retry after a crash sends
            // the same bytes (the same proof), never a second, different one
            ctx.checkpoint("wrapped-key", wrapped);
        }
        Progress here = progress.get();
        here.step("Delivering the key of purchase #" + purchaseId + " to " + p.buyer);
        String data = chain.market().deliverKey(purchaseId, wrapped).encodeFunctionCall();
        var receipt = chain.send("Deliver the key of purchase " + purchaseId, chain.contracts().marketplace(),
                BigInteger.ZERO, data, here);
        return outcome(Delivery.Outcome.DELIVERED, receipt.getTransactionHash());
    }

    /** The public key of the purchase event, checked to belong to the buyer of record. */
    private byte[] buyerPublicKey(BigInteger purchaseId, String buyer) {
        Log log = chain.newestLog(chain.contracts().marketplace(), PURCHASED,
                Numeric.toHexStringWithPrefixZeroPadded(purchaseId, 64)).orElseThrow(() ->
                new MarketException("The CredentialPurchased event of purchase " + purchaseId + " is not in the logs."));
        byte[] key = Marketplace.getCredentialPurchasedEventFromLog(log).buyerPublicKey;
        String derived = "0x" + Keys.getAddress(Numeric.toHexStringNoPrefix(key));
        if (key.length != 64 || !derived.equalsIgnoreCase(buyer)) {
            throw new MarketException("The public key of purchase " + purchaseId + " belongs to " + derived + ", not to its "
                    + "buyer " + buyer + ": refusing to deliver the key to it.");
        }
        return key;
    }

    private static byte[] outcome(Delivery.Outcome o, String note) {
        return (o.name() + ":" + note).getBytes(StandardCharsets.UTF_8);
    }
}
