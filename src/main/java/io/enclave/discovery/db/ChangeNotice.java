package io.enclave.discovery.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The notice every transaction that changes what the API serves sends before it commits: PostgreSQL delivers a
 * {@code NOTIFY} to the listening sessions only when (and if) its transaction commits, so an API replica that hears it
 * knows that the commit is visible to its next query. The payload is the schema the data lives in, so deployments
 * sharing one database (or tests, one schema each) only hear their own. A commit that only appended (see
 * {@link #sendAppended}) says so with {@link #APPENDED} after the schema; every node of a deployment must understand it.
 */
public final class ChangeNotice {
    /** The channel API replicas {@code LISTEN} on. */
    public static final String CHANNEL = "enclave_discovery_changed";

    private ChangeNotice() {
    }

    /** Appended to the schema in the payload of {@link #sendAppended}. */
    public static final String APPENDED = " appended";

    /** Appended to the schema, before the listing's id, in the payload of {@link #sendTitled}. */
    public static final String TITLED = " titled ";

    /**
     * Queues the notice in {@code c}'s open transaction (or sends it at once in auto-commit mode): anything may have
     * changed.
     */
    public static void send(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_notify('" + CHANNEL + "', current_schema())");
        }
    }

    /**
     * As {@link #send}, for a transaction that changed no listing's title or credential type, deleted no listing and
     * inserted listings only above every earlier id and without a title (an indexer batch: metadata comes later).
     */
    public static void sendAppended(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_notify('" + CHANNEL + "', current_schema() || '" + APPENDED + "')");
        }
    }

    /**
     * As {@link #send}, for a transaction that changed one listing's title, description, tags or type (the metadata
     * fetcher's) and nothing else a search reads but that listing's metadata status: a listener drops the answers and
     * only the memo entries of queries whose title tier that listing now joins.
     */
    public static void sendTitled(Connection c, BigDecimal listingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', current_schema() || '"
                + TITLED + "' || ?)")) {
            ps.setString(1, listingId.toPlainString());
            ps.execute();
        }
    }
}
