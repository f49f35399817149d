package io.enclave.market;

import io.enclave.vault.Vault;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The market tables of the vault (migrations V200, V420, V430, V447): the seller's publications, the buyer's purchases with their
 * on-chain proof checks, cursors.
 */
public final class MarketStore {
    private final Jdbi jdbi;
    private final DataSource dataSource;

    public MarketStore(Vault vault) {
        this.jdbi = vault.jdbi();
        this.dataSource = vault.dataSource();
    }

    /**
     * The vault's own data source, for the outbox: it carries the vault's key, so an encrypted vault opens (a fresh
     * data source with an empty password could only open an unencrypted one).
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A publication of the seller, filled in step by step.
     *
     * @param sellerWrappedKey the content key ECIES-wrapped to the seller's own account key (null until sealed)
     * @param listingId the listing's id once created, else null
     */
    public record OwnListing(String jobId, long chainId, String seller, String credentialHash, String issuer,
                             BigInteger price, String title, String description, String keyCommitment,
                             byte[] sellerWrappedKey, String packageCid, String metadataCid, BigInteger listingId,
                             List<String> tags) {
        public OwnListing {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        /** A publication without tags. */
        public OwnListing(String jobId, long chainId, String seller, String credentialHash, String issuer,
                          BigInteger price, String title, String description, String keyCommitment,
                          byte[] sellerWrappedKey, String packageCid, String metadataCid, BigInteger listingId) {
            this(jobId, chainId, seller, credentialHash, issuer, price, title, description, keyCommitment,
                    sellerWrappedKey, packageCid, metadataCid, listingId, List.of());
        }
    }

    /** Records a publication; false when one for this credential exists already (the existing row is kept). */
    public boolean insertListing(OwnListing l) {
        if (listingByCredential(l.chainId(), l.credentialHash()).isPresent()) {
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO market_listing (job_id, chain_id, seller, credential_hash, issuer, "
                        + "price_wei, title, description, tags, created_at) VALUES (:job, :chain, :seller, :hash, :issuer, "
                        + ":price, :title, :description, :tags, :now)")
                .bind("job", l.jobId()).bind("chain", l.chainId()).bind("seller", l.seller())
                .bind("hash", l.credentialHash()).bind("issuer", l.issuer()).bind("price", new BigDecimal(l.price()))
                .bind("title", l.title()).bind("description", l.description()).bind("tags", String.join("\n", l.tags()))
                .bind("now", now()).execute());
        return true;
    }

    public void setSealed(String jobId, String keyCommitment, byte[] sellerWrappedKey) {
        update("UPDATE market_listing SET key_commitment = ?, seller_wrapped_key = ? WHERE job_id = ?", keyCommitment,
                sellerWrappedKey, jobId);
    }

    /**
     * What a per-buyer proof of a publication needs (migration V447).
     *
     * @param attestationFile the holder's attestation file, ECIES-encrypted to the seller's account key
     * @param packageJson the anchored package's canonical bytes
     */
    public record Proving(String jobId, byte[] attestationFile, byte[] packageJson) {
    }

    /** Records what proves a publication again per buyer; the first record of a publication is kept. */
    public void setProving(Proving p) {
        jdbi.useHandle(h -> h.createUpdate("MERGE INTO market_listing_proving (job_id, attestation_file, package_json) "
                        + "KEY (job_id) VALUES (:job, :file, :pkg)")
                .bind("job", p.jobId()).bind("file", p.attestationFile()).bind("pkg", p.packageJson()).execute());
    }

    public Optional<Proving> proving(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_listing_proving WHERE job_id = :job")
                .bind("job", jobId).map((rs, ctx) -> new Proving(rs.getString("job_id"), rs.getBytes("attestation_file"),
                        rs.getBytes("package_json"))).findOne());
    }

    public void setPackageCid(String jobId, String cid) {
        update("UPDATE market_listing SET package_cid = ? WHERE job_id = ?", cid, jobId);
    }

    public void setListed(String jobId, String metadataCid, BigInteger listingId) {
        update("UPDATE market_listing SET metadata_cid = ?, listing_id = ? WHERE job_id = ?", metadataCid,
                listingId.longValueExact(), jobId);
    }

    public void setPrice(String jobId, BigInteger price) {
        update("UPDATE market_listing SET price_wei = ? WHERE job_id = ?", new BigDecimal(price), jobId);
    }

    public Optional<OwnListing> listingByJob(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_listing WHERE job_id = :job").bind("job", jobId)
                .map((rs, ctx) -> own(rs)).findOne());
    }

    public Optional<OwnListing> listingByCredential(long chainId, String credentialHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_listing WHERE chain_id = :chain AND "
                        + "credential_hash = :hash").bind("chain", chainId).bind("hash", credentialHash)
                .map((rs, ctx) -> own(rs)).findOne());
    }

    public Optional<OwnListing> listingById(long chainId, BigInteger listingId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_listing WHERE chain_id = :chain AND "
                        + "listing_id = :id").bind("chain", chainId).bind("id", listingId.longValueExact())
                .map((rs, ctx) -> own(rs)).findOne());
    }

    /** The seller's publications on a chain, oldest first. */
    public java.util.List<OwnListing> listings(long chainId, String seller) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_listing WHERE chain_id = :chain AND "
                        + "LOWER(seller) = LOWER(:seller) ORDER BY created_at, job_id").bind("chain", chainId)
                .bind("seller", seller).map((rs, ctx) -> own(rs)).list());
    }

    /**
     * The buyer's local record of a purchase.
     *
     * @param sealedPackage the encrypted package as fetched (verified against its CID); it stays encrypted here
     * @param wrappedKey the content key wrapped to the buyer's account key, as delivered on chain
     */
    public record OwnPurchase(BigInteger purchaseId, BigInteger listingId, String buyer, PurchaseState state,
                              byte[] wrappedKey, byte[] sealedPackage, String packageCid, String credentialHash,
                              Boolean proofVerified, String note) {
    }

    public void savePurchase(long chainId, String marketplace, OwnPurchase p) {
        jdbi.useHandle(h -> h.createUpdate("MERGE INTO market_purchase (chain_id, marketplace, purchase_id, listing_id, "
                        + "buyer, state, wrapped_key, sealed_package, package_cid, credential_hash, proof_verified, note, "
                        + "updated_at) KEY (chain_id, marketplace, purchase_id) VALUES (:chain, :market, :id, :listing, "
                        + ":buyer, :state, :key, :pkg, :cid, :hash, :verified, :note, :now)")
                .bind("chain", chainId).bind("market", marketplace).bind("id", p.purchaseId().longValueExact())
                .bind("listing", p.listingId().longValueExact()).bind("buyer", p.buyer()).bind("state", p.state().name())
                .bind("key", p.wrappedKey()).bind("pkg", p.sealedPackage()).bind("cid", p.packageCid())
                .bind("hash", p.credentialHash()).bind("verified", p.proofVerified()).bind("note", p.note())
                .bind("now", now()).execute());
    }

    public Optional<OwnPurchase> purchase(long chainId, String marketplace, BigInteger purchaseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_purchase WHERE chain_id = :chain AND "
                        + "marketplace = :market AND purchase_id = :id").bind("chain", chainId).bind("market", marketplace)
                .bind("id", purchaseId.longValueExact())
                .map((rs, ctx) -> ownPurchase(rs))
                .findOne());
    }

    /** Records the on-chain proof check of a purchase (migration V420); the purchase row must exist. */
    public void setOnChain(long chainId, String marketplace, BigInteger purchaseId, OnChainVerdict v) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE market_purchase SET onchain_outcome = :outcome, onchain_circuit = "
                        + ":circuit, onchain_verifier = :verifier, onchain_reason = :reason, onchain_registry = :registry, "
                        + "onchain_checked_at = :now WHERE chain_id = :chain AND marketplace = :market AND purchase_id = :id")
                .bind("outcome", v.outcome().name()).bind("circuit", v.circuitId()).bind("verifier", v.verifier())
                .bind("reason", clip(v.reason())).bind("registry", clip(v.registryRecord())).bind("now", now())
                .bind("chain", chainId).bind("market", marketplace).bind("id", purchaseId.longValueExact()).execute());
    }

    /** The last on-chain proof check recorded for a purchase, if one was asked for. */
    public Optional<OnChainVerdict> onChain(long chainId, String marketplace, BigInteger purchaseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT onchain_outcome, onchain_circuit, onchain_verifier, onchain_reason, "
                        + "onchain_registry FROM market_purchase WHERE chain_id = :chain AND marketplace = :market AND "
                        + "purchase_id = :id AND onchain_outcome IS NOT NULL").bind("chain", chainId)
                .bind("market", marketplace).bind("id", purchaseId.longValueExact())
                .map((rs, ctx) -> new OnChainVerdict(OnChainVerdict.Outcome.valueOf(rs.getString(1)), rs.getInt(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne());
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    /** The purchases {@code buyer} made on this marketplace from this vault, newest first. */
    public List<OwnPurchase> purchases(long chainId, String marketplace, String buyer) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM market_purchase WHERE chain_id = :chain AND "
                        + "marketplace = :market AND LOWER(buyer) = LOWER(:buyer) ORDER BY purchase_id DESC")
                .bind("chain", chainId).bind("market", marketplace).bind("buyer", buyer)
                .map((rs, ctx) -> ownPurchase(rs)).list());
    }

    private static OwnPurchase ownPurchase(ResultSet rs) throws SQLException {
        return new OwnPurchase(BigInteger.valueOf(rs.getLong("purchase_id")),
                BigInteger.valueOf(rs.getLong("listing_id")), rs.getString("buyer"),
                PurchaseState.valueOf(rs.getString("state")), rs.getBytes("wrapped_key"),
                rs.getBytes("sealed_package"), rs.getString("package_cid"), rs.getString("credential_hash"),
                (Boolean) rs.getObject("proof_verified"), rs.getString("note"));
    }

    public OptionalLong cursor(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_block FROM market_cursor WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findOne()).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    public void setCursor(String name, long block) {
        jdbi.useHandle(h -> h.createUpdate("MERGE INTO market_cursor (name, last_block) KEY (name) VALUES (:n, :b)")
                .bind("n", name).bind("b", block).execute());
    }

    private void update(String sql, Object... args) {
        jdbi.useHandle(h -> {
            var u = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                u.bind(i, args[i]);
            }
            u.execute();
        });
    }

    private static OwnListing own(ResultSet rs) throws SQLException {
        long listing = rs.getLong("listing_id");
        boolean hasListing = !rs.wasNull();
        return new OwnListing(rs.getString("job_id"), rs.getLong("chain_id"), rs.getString("seller"),
                rs.getString("credential_hash"), rs.getString("issuer"), rs.getBigDecimal("price_wei").toBigIntegerExact(),
                rs.getString("title"), rs.getString("description"), rs.getString("key_commitment"),
                rs.getBytes("seller_wrapped_key"), rs.getString("package_cid"), rs.getString("metadata_cid"),
                hasListing ? BigInteger.valueOf(listing) : null, tagList(rs.getString("tags")));
    }

    private static List<String> tagList(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
