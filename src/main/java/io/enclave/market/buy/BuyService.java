package io.enclave.market.buy;

import io.enclave.chain.contracts.Marketplace;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.CredentialOpener;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.EciesKeyHolder;
import io.enclave.credentials.pkg.KeyDeliveryException;
import io.enclave.credentials.pkg.PackageException;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.crypto.envelope.EnvelopeException;
import io.enclave.market.Listing;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.OnChainVerdict;
import io.enclave.market.Progress;
import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import io.enclave.storage.BlobStore;
import io.enclave.storage.StorageException;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.TrustlessReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The buyer's use cases: buy (escrow with the buyer's public key), wait for the key, open (unwrap, fetch the package by
 * the CID the listing names and the registry anchored, decrypt, check the hash and the proof), refund after the
 * deadline, dispute with an evidence document on IPFS. A delivery with a per-buyer proof is accepted only when that proof
 * is bound to this buyer, this listing, this marketplace and chain, and dated between the purchase and the delivery.
 * What was bought is kept in the vault still encrypted, with the wrapped key: opening it again needs the buyer's
 * account key.
 */
public final class BuyService {
    private static final String KEY_DELIVERED = EventEncoder.encode(Marketplace.KEYDELIVERED_EVENT);
    private static final String PURCHASED = EventEncoder.encode(Marketplace.CREDENTIALPURCHASED_EVENT);

    private final MarketChain chain;
    private final MarketStore store;
    private final Listings listings;
    private final TrustlessReader ipfs;
    private final BlobStore evidenceStore;
    private final EciesKeyHolder buyerKeys;
    private final ProofCheck proofs;
    private final CredentialOpener opener = new CredentialOpener(SchemaRegistry.builtIn());

    public BuyService(MarketChain chain, MarketStore store, Listings listings, TrustlessReader ipfs,
                      BlobStore evidenceStore, EciesKeyHolder buyerKeys, ProofCheck proofs) {
        this.chain = chain;
        this.store = store;
        this.listings = listings;
        this.ipfs = ipfs;
        this.evidenceStore = evidenceStore;
        this.buyerKeys = buyerKeys;
        this.proofs = proofs;
    }

    /**
     * Buys a listing at its current price; the payment stays in escrow until the seller delivers or the deadline. A
     * second purchase of the same listing by the same account (a double click, a retry after a crash) is refused unless
     * the first was refunded.
     */
    public Purchase buy(BigInteger listingId, Progress progress) {
        progress.step("Reading listing #" + listingId);
        Listing l = listings.get(listingId);
        if (!l.active()) {
            throw new MarketException("Listing " + listingId + " was removed by its seller; it cannot be bought. Nothing "
                    + "was sent.");
        }
        if (l.seller().equalsIgnoreCase(chain.account())) {
            throw new MarketException("Listing " + listingId + " is your own; it cannot be bought from this account.");
        }
        for (Log log : chain.logsSinceDeployment(chain.contracts().marketplace(), PURCHASED, null,
                Numeric.toHexStringWithPrefixZeroPadded(listingId, 64),
                "0x" + "0".repeat(24) + chain.account().substring(2))) {
            Purchase earlier = purchase(Marketplace.getCredentialPurchasedEventFromLog(log).purchaseId);
            if (earlier.state() != PurchaseState.REFUNDED) {
                throw new MarketException("You already bought listing " + listingId + " as purchase #" + earlier.id() + " ("
                        + earlier.state().name().toLowerCase(java.util.Locale.ROOT) + "); nothing was sent.");
            }
        }
        byte[] publicKey = Arrays.copyOfRange(buyerKeys.publicKey(), 1, 65);
        String data = chain.market().purchase(listingId, publicKey, l.price()).encodeFunctionCall();
        TransactionReceipt r = chain.send("Buy listing " + listingId + " (" + l.metadata().title() + ") for "
                + chain.amount(l.price()), chain.contracts().marketplace(), l.price(), data, progress);
        BigInteger purchaseId = Marketplace.getCredentialPurchasedEvents(r).get(0).purchaseId;
        store.savePurchase(chain.chainId(), chain.contracts().marketplace(), new MarketStore.OwnPurchase(purchaseId,
                listingId, chain.account(), PurchaseState.ESCROWED, null, null, null, l.credentialHash(), null, null));
        progress.step("Purchase #" + purchaseId + " is in escrow; waiting for the seller's key");
        return purchase(purchaseId);
    }

    /** A purchase: the chain's state, refined by what this app learned opening it. */
    public Purchase purchase(BigInteger purchaseId) {
        Marketplace.Purchase p = chain.read("purchase " + purchaseId, chain.market().purchaseOf(purchaseId));
        if (p.status.signum() == 0) {
            throw new MarketException("There is no purchase " + purchaseId + " on this marketplace.");
        }
        PurchaseState state = PurchaseState.ofChain(p.status.intValue());
        Optional<MarketStore.OwnPurchase> own = store.purchase(chain.chainId(), chain.contracts().marketplace(), purchaseId);
        String note = own.map(MarketStore.OwnPurchase::note).orElse(null);
        if (state == PurchaseState.DELIVERED && own.isPresent()
                && (own.get().state() == PurchaseState.OPENED || own.get().state() == PurchaseState.REJECTED)) {
            state = own.get().state();
        }
        return new Purchase(purchaseId, p.listingId, p.buyer.toLowerCase(java.util.Locale.ROOT), p.amount, state,
                Instant.ofEpochSecond(p.deliverBy.longValueExact()),
                p.disputeBy.signum() == 0 ? null : Instant.ofEpochSecond(p.disputeBy.longValueExact()), note);
    }

    /**
     * Waits until the seller delivered (or the purchase left escrow otherwise), polling the chain.
     *
     * @return the purchase as it is then; still ESCROWED when {@code timeout} passed first
     */
    public Purchase awaitKey(BigInteger purchaseId, Duration timeout, Duration poll, Progress progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Purchase p = purchase(purchaseId);
            if (p.state() != PurchaseState.ESCROWED || System.nanoTime() > deadline) {
                return p;
            }
            if (p.refundableAt(chain.chainTime())) {
                progress.step("The seller did not deliver in time: take a refund");
                return p;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Opens a delivered purchase: unwraps the key, fetches the encrypted package (checked against the CID the registry
     * anchored), decrypts it, checks it is the anchored credential and verifies its proof. A failure marks the purchase
     * REJECTED with the reason (a dispute is the way out) and is thrown as a readable {@link MarketException}.
     */
    public OpenedCredential open(BigInteger purchaseId, Progress progress) {
        return open(purchaseId, false, progress);
    }

    /**
     * Opens a delivered purchase as {@link #open(BigInteger, Progress)} and, with {@code onChain}, also asks the chain:
     * the verifier the CredentialRegistry registered for the package's circuit verifies the proof in a view call (no
     * transaction, no gas), and the registry's {@code verifiedProof} record is read. A refusal by the chain's verifier
     * rejects the purchase like a refusal in Java; the verdict is recorded with the purchase in the vault. When the chain
     * cannot be reached for that check, nothing is recorded and the purchase stays as it was, to be opened again.
     */
    public OpenedCredential open(BigInteger purchaseId, boolean onChain, Progress progress) {
        Purchase p = purchase(purchaseId);
        if (!p.buyer().equalsIgnoreCase(chain.account())) {
            throw new MarketException("Purchase " + purchaseId + " was made by " + p.buyer() + ", not by this account.");
        }
        if (p.state() == PurchaseState.ESCROWED || p.state() == PurchaseState.REFUNDED) {
            throw new MarketException("Purchase " + purchaseId + " is " + p.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ": no key was delivered.");
        }
        Log delivery = deliveryLog(purchaseId);
        byte[] wrapped = Marketplace.getKeyDeliveredEventFromLog(delivery).wrappedKey;
        Listing l = listings.get(p.listingId());
        progress.step("Fetching the encrypted package");
        Cid cid;
        byte[] sealed;
        try {
            cid = Cid.parse(l.metadata().packageCid());
            if (!Arrays.equals(cid.multihash().digest(), listings.anchoredContentDigest(l.credentialHash()))) {
                throw reject(p, wrapped, null, l, "The package the listing names (" + cid + ") is not the package the "
                        + "registry anchored for this credential: the seller swapped it; open a dispute");
            }
            sealed = ipfs.read(cid);
        } catch (StorageException | IllegalArgumentException e) {
            throw new MarketException("The encrypted package of listing " + p.listingId() + " cannot be fetched: "
                    + e.getMessage() + ". Try again later, or dispute before " + p.disputeBy() + ".", e);
        }
        progress.step("Decrypting and checking the credential");
        CredentialOpener.Opened opened;
        try {
            opened = opener.openDelivery(new ByteArrayInputStream(sealed), wrapped, buyerKeys,
                    Numeric.hexStringToByteArray(l.keyCommitment()), Numeric.hexStringToByteArray(l.credentialHash()));
        } catch (KeyDeliveryException | EnvelopeException | PackageException | IOException e) {
            throw reject(p, wrapped, sealed, l, e.getMessage());
        }
        CredentialPackage pkg = opened.pkg();
        Optional<Boolean> verified;
        boolean perBuyer = opened.perBuyerProof().isPresent();
        if (perBuyer) {
            progress.step("Verifying the proof the seller made for you");
            ProofCheck.Delivered d = proofs.verifyDelivered(pkg, opened.perBuyerProof().get(),
                    new ContextBinding(chain.chainId(), chain.contracts().marketplace(), p.listingId(), chain.account())
                            .fieldElement(),
                    Instant.ofEpochSecond(chain.blockTime(purchaseLog(purchaseId).getBlockNumber())),
                    Instant.ofEpochSecond(chain.blockTime(delivery.getBlockNumber())));
            if (!d.verified()) {
                throw reject(p, wrapped, sealed, l, "T" + d.refusal().substring(1) + "; open a dispute");
            }
            pkg = d.perBuyer();
            verified = Optional.of(true);
        } else {
            progress.step("Verifying the proof");
            verified = proofs.verify(pkg);
        }
        OnChainVerdict chainVerdict = null;
        if (onChain) {
            progress.step("Verifying the proof with the chain's verifier (a view call: no transaction, no gas)");
            try {
                chainVerdict = new OnChainCheck(chain).verify(pkg, l.credentialHash());
            } catch (MarketException | io.enclave.chain.ChainException e) {
                throw new MarketException("Purchase " + purchaseId + " was not opened: the on-chain check could not be "
                        + "made (" + e.getMessage() + "). Nothing was recorded; open it again when the RPC endpoint "
                        + "answers, or without the on-chain check.", e);
            }
        }
        boolean javaRefused = verified.isPresent() && !verified.get();
        boolean chainRefused = chainVerdict != null && chainVerdict.rejected();
        if (javaRefused || chainRefused) {
            String why = javaRefused ? "The credential's proof does not verify" + (chainVerdict == null ? ""
                    : chainRefused ? " in Java, and " + chainVerdict.reason()
                    : " in Java (although " + chainVerdict.reason() + ")")
                    : "The credential's proof is refused on chain: " + chainVerdict.reason();
            MarketException e = reject(p, wrapped, sealed, l, why + ": the seller sold an invalid proof; open a dispute");
            if (chainVerdict != null) {
                store.setOnChain(chain.chainId(), chain.contracts().marketplace(), purchaseId, chainVerdict);
            }
            throw e;
        }
        String note = perBuyer ? "proof made for you verified (bound to your address, this listing and this chain)"
                : verified.isPresent() ? "proof verified; this delivery has no per-buyer proof (the package's own proof, "
                + "fixed when it was sealed, which anyone holding the package could show)"
                : "proof not checked in Java: this app has no verifying key for circuit " + pkg.circuitId();
        if (chainVerdict != null) {
            note += "; on chain: " + chainVerdict.reason();
        }
        store.savePurchase(chain.chainId(), chain.contracts().marketplace(), new MarketStore.OwnPurchase(purchaseId,
                p.listingId(), p.buyer(), PurchaseState.OPENED, wrapped, sealed, cid.toString(), l.credentialHash(),
                verified.orElse(null), note));
        if (chainVerdict != null) {
            store.setOnChain(chain.chainId(), chain.contracts().marketplace(), purchaseId, chainVerdict);
        }
        return new OpenedCredential(purchase(purchaseId), pkg, verified.orElse(null), chainVerdict, perBuyer);
    }

    /** The last on-chain proof check recorded for a purchase of this account, if one was asked for. */
    public Optional<OnChainVerdict> onChainVerdict(BigInteger purchaseId) {
        return store.onChain(chain.chainId(), chain.contracts().marketplace(), purchaseId);
    }

    /** Claims the refund of a purchase the seller did not deliver in time (then withdraw it with the payments). */
    public Purchase refund(BigInteger purchaseId, Progress progress) {
        String data = chain.market().refund(purchaseId).encodeFunctionCall();
        chain.send("Refund purchase " + purchaseId, chain.contracts().marketplace(), BigInteger.ZERO, data, progress);
        return purchase(purchaseId);
    }

    /**
     * Opens a dispute: uploads the evidence document to IPFS and puts its digest on chain. The document should say what
     * went wrong; the app adds the purchase and the reason it recorded.
     */
    public Purchase dispute(BigInteger purchaseId, String statement, Progress progress) {
        Purchase p = purchase(purchaseId);
        if (!p.state().canMoveTo(PurchaseState.DISPUTED)) {
            throw new MarketException("Purchase " + purchaseId + " is " + p.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ": only a delivered purchase can be disputed" + (p.state() == PurchaseState.ESCROWED
                    ? " (without delivery, take a refund after " + p.deliverBy() + ")" : "") + ". Nothing was sent.");
        }
        if (statement == null || statement.isBlank()) {
            throw new MarketException("A dispute needs a statement of what went wrong, for the voters.");
        }
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        doc.put("type", "EnclaveDisputeEvidence");
        doc.put("version", 1);
        doc.put("chainId", chain.chainId());
        doc.put("marketplace", chain.contracts().marketplace());
        doc.put("purchaseId", purchaseId.toString());
        doc.put("listingId", p.listingId().toString());
        doc.put("buyer", p.buyer());
        doc.put("statement", statement);
        if (p.note() != null) {
            doc.put("appFinding", p.note());
        }
        byte[] bytes = io.enclave.credentials.json.CanonicalJson.canonicalize(doc);
        progress.step("Uploading the evidence to IPFS");
        Cid cid = evidenceStore.put(bytes);
        String data = chain.market().openDispute(purchaseId, cid.multihash().digest()).encodeFunctionCall();
        chain.send("Dispute purchase " + purchaseId, chain.contracts().marketplace(), BigInteger.ZERO, data, progress);
        progress.step("Dispute opened; evidence " + cid);
        return purchase(purchaseId);
    }

    private Log deliveryLog(BigInteger purchaseId) {
        return chain.newestLog(chain.contracts().marketplace(), KEY_DELIVERED,
                Numeric.toHexStringWithPrefixZeroPadded(purchaseId, 64)).orElseThrow(() ->
                new MarketException("No key was delivered for purchase " + purchaseId + " yet."));
    }

    private Log purchaseLog(BigInteger purchaseId) {
        return chain.newestLog(chain.contracts().marketplace(), PURCHASED,
                Numeric.toHexStringWithPrefixZeroPadded(purchaseId, 64)).orElseThrow(() ->
                new MarketException("The CredentialPurchased event of purchase " + purchaseId + " is not in the logs."));
    }

    private MarketException reject(Purchase p, byte[] wrapped, byte[] sealed, Listing l, String why) {
        store.savePurchase(chain.chainId(), chain.contracts().marketplace(), new MarketStore.OwnPurchase(p.id(),
                p.listingId(), p.buyer(), PurchaseState.REJECTED, wrapped, sealed, null, l.credentialHash(), false, why));
        return new MarketException("Purchase " + p.id() + " cannot be accepted: " + why + ".");
    }
}
