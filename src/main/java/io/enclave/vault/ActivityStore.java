package io.enclave.vault;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code tx_activity} table: the wallet's transaction history and the source of its local nonces. */
public final class ActivityStore {
    private static final String COLUMNS = "tx_hash, chain_id, from_address, to_address, nonce, value_wei, input_data, "
            + "gas_limit, max_fee, max_priority, kind, status, replaces, summary, raw_tx, block_number, gas_used, "
            + "error_message, created_at, updated_at";
    private final Jdbi jdbi;

    ActivityStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(Activity a) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO tx_activity (" + COLUMNS + ") VALUES (:hash, :chain, :from, :to, "
                        + ":nonce, :value, :data, :gas, :maxFee, :prio, :kind, :status, :replaces, :summary, :raw, :block, "
                        + ":used, :err, :created, :updated)")
                .bind("hash", a.hash()).bind("chain", a.chainId()).bind("from", a.from()).bind("to", a.to())
                .bind("nonce", a.nonce()).bind("value", dec(a.value())).bind("data", a.data())
                .bind("gas", dec(a.gasLimit())).bind("maxFee", dec(a.maxFee())).bind("prio", dec(a.maxPriorityFee()))
                .bind("kind", a.kind().name()).bind("status", a.status().name()).bind("replaces", a.replaces())
                .bind("summary", a.summary()).bind("raw", a.rawTx()).bind("block", a.blockNumber())
                .bind("used", dec(a.gasUsed())).bind("err", a.error())
                .bind("created", OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC))
                .bind("updated", OffsetDateTime.ofInstant(a.updatedAt(), ZoneOffset.UTC))
                .execute());
    }

    public void updateStatus(Activity a) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tx_activity SET status = :status, block_number = :block, "
                        + "gas_used = :used, error_message = :err, updated_at = :updated WHERE tx_hash = :hash")
                .bind("status", a.status().name()).bind("block", a.blockNumber()).bind("used", dec(a.gasUsed()))
                .bind("err", a.error()).bind("updated", OffsetDateTime.ofInstant(a.updatedAt(), ZoneOffset.UTC))
                .bind("hash", a.hash()).execute());
    }

    public Optional<Activity> find(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tx_activity WHERE tx_hash = :hash")
                .bind("hash", hash.toLowerCase(java.util.Locale.ROOT)).map(ActivityStore::map).findOne());
    }

    /** Transactions not yet final (pending or mined without enough confirmations) on a chain. */
    public List<Activity> open(long chainId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tx_activity WHERE chain_id = :chain "
                        + "AND status IN ('PENDING', 'MINED') ORDER BY from_address, nonce, created_at")
                .bind("chain", chainId).map(ActivityStore::map).list());
    }

    /** Every transaction with this account's nonce on a chain (the original and its replacements). */
    public List<Activity> withNonce(long chainId, String from, long nonce) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tx_activity WHERE chain_id = :chain "
                        + "AND from_address = :from AND nonce = :nonce ORDER BY created_at")
                .bind("chain", chainId).bind("from", from).bind("nonce", nonce).map(ActivityStore::map).list());
    }

    /** The highest nonce this wallet has used for an account on a chain. */
    public OptionalLong highestNonce(long chainId, String from) {
        Long n = jdbi.withHandle(h -> h.createQuery("SELECT MAX(nonce) FROM tx_activity WHERE chain_id = :chain "
                        + "AND from_address = :from AND status <> 'DROPPED'")
                .bind("chain", chainId).bind("from", from).mapTo(Long.class).findOne().orElse(null));
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Newest first; {@code from} null means every account. */
    public List<Activity> recent(long chainId, String from, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tx_activity WHERE chain_id = :chain "
                        + "AND (CAST(:from AS VARCHAR) IS NULL OR from_address = :from) "
                        + "ORDER BY created_at DESC LIMIT :limit")
                .bind("chain", chainId).bind("from", from).bind("limit", limit).map(ActivityStore::map).list());
    }

    private static Activity map(ResultSet rs, StatementContext ctx) throws SQLException {
        long block = rs.getLong("block_number");
        Long blockNumber = rs.wasNull() ? null : block;
        return new Activity(rs.getString("tx_hash"), rs.getLong("chain_id"), rs.getString("from_address"),
                rs.getString("to_address"), rs.getLong("nonce"), big(rs.getBigDecimal("value_wei")),
                rs.getString("input_data"), big(rs.getBigDecimal("gas_limit")), big(rs.getBigDecimal("max_fee")),
                big(rs.getBigDecimal("max_priority")), Activity.Kind.valueOf(rs.getString("kind")),
                Activity.Status.valueOf(rs.getString("status")), rs.getString("replaces"), rs.getString("summary"),
                rs.getString("raw_tx"), blockNumber, big(rs.getBigDecimal("gas_used")), rs.getString("error_message"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static BigDecimal dec(BigInteger v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static BigInteger big(BigDecimal v) {
        return v == null ? null : v.toBigIntegerExact();
    }
}
