package io.enclave.market;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.storage.StorageException;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.Multihash;
import io.enclave.storage.ipfs.TrustlessReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads listings from the chain (never from the discovery API): the listing record, its {@code ListingCreated} event
 * (metadata digest, key commitment) and, when asked, its metadata document from IPFS checked against that digest.
 */
public final class Listings {
    static final String LISTING_CREATED = EventEncoder.encode(Marketplace.LISTINGCREATED_EVENT);
    static final String CREDENTIAL_ANCHORED = EventEncoder.encode(CredentialRegistry.CREDENTIALANCHORED_EVENT);
    static final String CREDENTIAL_PURCHASED = EventEncoder.encode(Marketplace.CREDENTIALPURCHASED_EVENT);
    static final String KEY_DELIVERED = EventEncoder.encode(Marketplace.KEYDELIVERED_EVENT);

    private final MarketChain chain;
    private final TrustlessReader ipfs;

    public Listings(MarketChain chain, TrustlessReader ipfs) {
        this.chain = chain;
        this.ipfs = ipfs;
    }

    /** A listing with its metadata (fetched by CID and checked); fails readably when it does not exist. */
    public Listing get(BigInteger listingId) {
        Listing l = withoutMetadata(listingId);
        return l.withMetadata(metadata(l));
    }

    /** A listing as the chain has it. */
    public Listing withoutMetadata(BigInteger listingId) {
        Marketplace.Listing l = chain.read("listing " + listingId, chain.market().listing(listingId));
        if (l.seller == null || Numeric.toBigInt(l.seller).signum() == 0) {
            throw new MarketException("There is no listing " + listingId + " on this marketplace ("
                    + chain.contracts().marketplace() + ").");
        }
        String hash = hex(l.credentialHash);
        Marketplace.ListingCreatedEventResponse created = created(listingId, hash)
                .orElseThrow(() -> new MarketException("The chain has listing " + listingId + " but no ListingCreated "
                        + "event for it: the RPC endpoint may prune logs; use a full node."));
        return new Listing(listingId, l.seller.toLowerCase(Locale.ROOT), l.price, hash, hex(created.metadataDigest),
                hex(created.keyCommitment), null);
    }

    /** The metadata document named by the listing's digest, verified against it. */
    public ListingMetadata metadata(Listing l) {
        Cid cid = new Cid(Cid.RAW, Multihash.ofSha256Digest(Numeric.hexStringToByteArray(l.metadataDigest())));
        byte[] bytes;
        try {
            bytes = ipfs.read(cid);
        } catch (StorageException e) {
            throw new MarketException("The metadata of listing " + l.id() + " (" + cid + ") cannot be fetched from IPFS: "
                    + e.getMessage(), e);
        }
        ListingMetadata m = ListingMetadata.parse(bytes);
        if (!m.credentialHash().equalsIgnoreCase(l.credentialHash()) || !m.seller().equalsIgnoreCase(l.seller())) {
            throw new MarketException("The metadata of listing " + l.id() + " describes another credential or seller than "
                    + "the chain: do not trust this listing.");
        }
        return m;
    }

    /** The digest of the encrypted package the registry anchored for a credential. */
    public byte[] anchoredContentDigest(String credentialHash) {
        Log log = chain.newestLog(chain.contracts().registry(), CREDENTIAL_ANCHORED, credentialHash).orElseThrow(() ->
                new MarketException("Credential " + credentialHash + " was never anchored in the registry."));
        return CredentialRegistry.getCredentialAnchoredEventFromLog(log).contentDigest;
    }

    /** The ListingCreated event of a listing, found by its indexed id and credential. */
    Optional<Marketplace.ListingCreatedEventResponse> created(BigInteger listingId, String credentialHash) {
        return chain.newestLog(chain.contracts().marketplace(), LISTING_CREATED, uint(listingId), credentialHash)
                .map(Marketplace::getListingCreatedEventFromLog);
    }

    /** Every ListingCreated event of a seller between two blocks (from the deployment at the earliest), oldest first. */
    public List<Marketplace.ListingCreatedEventResponse> createdBy(String seller, long fromBlock, long toBlock) {
        return chain.logs(chain.contracts().marketplace(), fromBlock, toBlock, LISTING_CREATED, null, null, address(seller))
                .stream().map(Marketplace::getListingCreatedEventFromLog).toList();
    }

    static String hex(byte[] b) {
        return Numeric.toHexString(b).toLowerCase(Locale.ROOT);
    }

    static String uint(BigInteger v) {
        return Numeric.toHexStringWithPrefixZeroPadded(v, 64);
    }

    static String address(String a) {
        return "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(a).toLowerCase(Locale.ROOT);
    }
}
