package io.enclave.ui.credentials;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.store.LocalCredentialStore;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.market.erase.DeleteMyData;
import io.enclave.storage.StorageException;
import io.enclave.storage.ipfs.Cid;
import io.enclave.ui.studio.Seller;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.web3j.abi.EventEncoder;
import org.web3j.utils.Numeric;

/**
 * "My credentials" without JavaFX: the seller's saved packages and publications with their status read from the chain
 * (draft, publishing, published, listed, sold N, delisted, revoked), and the actions on them — change the price,
 * delist, re-pin the package and metadata on the IPFS node, revoke the credential on chain. Every transaction goes
 * through the {@link Seller}'s chain, which asks its approver with the readable confirmation first.
 */
public final class MyCredentialsService {
    static final String PURCHASED = EventEncoder.encode(Marketplace.CREDENTIALPURCHASED_EVENT);

    /** Where a credential stands. */
    public enum Status {
        DRAFT("draft"), PUBLISHING("publishing"), PUBLISHED("published"), LISTED("listed"), SOLD("sold"),
        DELISTED("delisted"), REVOKED("revoked");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One credential of the seller.
     *
     * @param file the saved package, for a draft; null otherwise
     * @param listingId the listing id once listed, else null
     * @param sales purchases made of the listing
     * @param price the listing's price on chain (zero once delisted); the asked price before it is listed
     */
    public record Row(String credentialHash, String title, Status status, int sales, BigInteger price, BigInteger listingId,
                      String packageCid, String metadataCid, String jobId, Path file) {
        /** The status as a person reads it ("sold 2"). */
        public String statusText() {
            return status == Status.SOLD ? "sold " + sales : status.word();
        }
    }

    private final SchemaRegistry schemas;

    public MyCredentialsService(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    /** The seller's credentials: its publications on this chain, then the saved packages not published yet. */
    public List<Row> rows(Seller seller, Path savedFolder) {
        MarketChain chain = seller.chain();
        List<Row> rows = new ArrayList<>();
        Set<String> known = new HashSet<>();
        long head = chain.head();
        for (MarketStore.OwnListing l : seller.store().listings(chain.chainId(), chain.account())) {
            known.add(l.credentialHash().toLowerCase(Locale.ROOT));
            rows.add(row(chain, l, head));
        }
        for (Path file : saved(savedFolder)) {
            try {
                CredentialPackage pkg = new PackageReader(schemas).read(Files.readAllBytes(file), false);
                String hash = Numeric.toHexString(pkg.credentialHash()).toLowerCase(Locale.ROOT);
                if (known.add(hash)) {
                    rows.add(new Row(hash, pkg.predicate().statement(), Status.DRAFT, 0, null, null, null, null, null, file));
                }
            } catch (Exception e) {
                // not a package (another file in the folder): not a credential of this seller
            }
        }
        return rows;
    }

    private Row row(MarketChain chain, MarketStore.OwnListing l, long head) {
        byte[] hash = Numeric.hexStringToByteArray(l.credentialHash());
        CredentialRegistry.Credential c = chain.read("credential " + l.credentialHash(), chain.registry().credential(hash));
        boolean anchored = c.holder != null && Numeric.toBigInt(c.holder).signum() != 0;
        if (l.listingId() == null) {
            Status s = anchored && Boolean.TRUE.equals(c.revoked) ? Status.REVOKED
                    : anchored ? Status.PUBLISHED : Status.PUBLISHING;
            return row(l, s, 0, l.price());
        }
        Marketplace.Listing on = chain.read("listing " + l.listingId(), chain.market().listing(l.listingId()));
        int sales = sales(chain, l.listingId(), head);
        if (Boolean.TRUE.equals(c.revoked)) {
            return row(l, Status.REVOKED, sales, on.price); // a price above zero: still listed, delist it
        }
        if (on.price.signum() == 0) {
            return row(l, Status.DELISTED, sales, on.price);
        }
        return row(l, sales > 0 ? Status.SOLD : Status.LISTED, sales, on.price);
    }

    private static Row row(MarketStore.OwnListing l, Status s, int sales, BigInteger price) {
        return new Row(l.credentialHash(), l.title(), s, sales, price, l.listingId(), l.packageCid(), l.metadataCid(),
                l.jobId(), null);
    }

    private static int sales(MarketChain chain, BigInteger listingId, long head) {
        if (listingId == null) {
            return 0;
        }
        return chain.logs(chain.contracts().marketplace(), 0, head, PURCHASED, null,
                Numeric.toHexStringWithPrefixZeroPadded(listingId, 64)).size();
    }

    private static List<Path> saved(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Changes the listing's price (one transaction, confirmed first). */
    public void updatePrice(Seller seller, Row row, BigInteger price, Progress progress) {
        seller.sell().updatePrice(need(row), price, progress);
    }

    /** Removes the listing; purchases already made can still be delivered or refunded. */
    public void delist(Seller seller, Row row, Progress progress) {
        seller.sell().delist(need(row), progress);
    }

    /** Pins the encrypted package and the listing's metadata on the IPFS node again; returns what was pinned. */
    public List<String> repin(Seller seller, Row row) {
        List<String> pinned = new ArrayList<>();
        for (String cid : new String[] {row.packageCid(), row.metadataCid()}) {
            if (cid == null) {
                continue;
            }
            try {
                seller.ipfs().pin(Cid.parse(cid));
            } catch (StorageException e) {
                throw new MarketException("Re-pinning " + cid + " on " + seller.ipfs().name() + " failed: " + e.getMessage()
                        + ". Is the IPFS node running and does it still hold the content?", e);
            }
            pinned.add(cid);
        }
        if (pinned.isEmpty()) {
            throw new MarketException("Nothing to pin yet: the publication has not uploaded the package.");
        }
        return pinned;
    }

    /**
     * Revokes the credential in the registry (holder's transaction, confirmed first). Buyers and verifiers then see
     * it revoked; the listing should be removed too (delist).
     */
    public void revoke(Seller seller, Row row, Progress progress) {
        MarketChain chain = seller.chain();
        String data = chain.registry().revoke(Numeric.hexStringToByteArray(row.credentialHash())).encodeFunctionCall();
        chain.send("Revoke credential " + row.credentialHash(), chain.contracts().registry(), BigInteger.ZERO, data,
                progress);
    }

    /**
     * "Delete my data" for one credential ({@link DeleteMyData}'s steps, in order): overwrite and delete its local files
     * (the package folder in {@code dataFolder} and every saved copy of the package in {@code savedFolder}), revoke it
     * on chain, delist this account's listing of it, unpin its package and metadata on the IPFS node. Every step runs
     * whatever the others did; each result goes to {@code each} as it ends. Safe to run again (Retry).
     */
    public List<DeleteMyData.Step> deleteMyData(Seller seller, String credentialHash, Path dataFolder, Path savedFolder,
                                                Progress progress, Consumer<DeleteMyData.Step> each) {
        byte[] hash = Numeric.hexStringToByteArray(credentialHash);
        List<DeleteMyData.Step> steps = new ArrayList<>();
        Consumer<DeleteMyData.Step> record = s -> {
            steps.add(s);
            each.accept(s);
        };
        record.accept(DeleteMyData.eraseLocal(new LocalCredentialStore(dataFolder), null, hash,
                savedCopies(savedFolder, credentialHash)));
        MarketChain chain = seller.chain();
        record.accept(DeleteMyData.revoke(chain, hash, progress));
        Optional<MarketStore.OwnListing> own;
        try {
            own = DeleteMyData.publication(seller.store(), chain.chainId(), hash);
        } catch (RuntimeException e) {
            record.accept(new DeleteMyData.Step(DeleteMyData.Kind.DELIST, DeleteMyData.Outcome.FAILED, "Your vault could "
                    + "not be read to find the listing (" + e.getMessage() + ").", List.of()));
            return steps;
        }
        if (own.isEmpty()) {
            record.accept(new DeleteMyData.Step(DeleteMyData.Kind.DELIST, DeleteMyData.Outcome.NOTHING_TO_DO, "This "
                    + "account never published it on this chain: nothing to delist or unpin.", List.of()));
            return steps;
        }
        record.accept(DeleteMyData.delist(chain, own.get(), progress));
        DeleteMyData.unpin(seller.ipfs(), own.get()).forEach(record);
        return steps;
    }

    /** The CIDs this account published the credential under (what may remain on other IPFS nodes). */
    public List<String> publishedCids(Seller seller, String credentialHash) {
        return DeleteMyData.publication(seller.store(), seller.chain().chainId(),
                Numeric.hexStringToByteArray(credentialHash)).map(DeleteMyData::cids).orElse(List.of());
    }

    /** The packages saved in {@code folder} whose credential hash is {@code credentialHash}. */
    List<Path> savedCopies(Path folder, String credentialHash) {
        List<Path> out = new ArrayList<>();
        for (Path file : saved(folder)) {
            try {
                CredentialPackage pkg = new PackageReader(schemas).read(Files.readAllBytes(file), false);
                if (Numeric.toHexString(pkg.credentialHash()).equalsIgnoreCase(credentialHash)) {
                    out.add(file);
                }
            } catch (Exception e) {
                // not a package: not a copy of this credential
            }
        }
        return out;
    }

    private static BigInteger need(Row row) {
        if (row.listingId() == null) {
            throw new MarketException("This credential is not listed.");
        }
        return row.listingId();
    }
}
