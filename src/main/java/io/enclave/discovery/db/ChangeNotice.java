package io.enclave.discovery.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The notice every transaction that changes what the API serves sends before it commits: PostgreSQL delivers a
 * {@code NOTIFY} to the listening sessions only when (and if) its transaction commits, so an API replica that hears it
 * knows that the commit is visible to its next query. The payload is the schema the data lives in, so deployments
 * sharing one database (or tests, one schema each) only hear their own.
 */
public final class ChangeNotice {
    /** The channel API replicas {@code LISTEN} on. */
    public static final String CHANNEL = "enclave_discovery_changed";

    private ChangeNotice() {
    }

    /** Queues the notice in {@code c}'s open transaction (or sends it at once in auto-commit mode). */
    public static void send(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_notify('" + CHANNEL + "', current_schema())");
        }
    }
}
