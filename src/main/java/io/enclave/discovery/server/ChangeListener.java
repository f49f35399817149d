package io.enclave.discovery.server;

import io.enclave.discovery.db.ChangeNotice;
import io.enclave.discovery.db.DiscoveryDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ResponseCache} correct in a process that does not write the data itself (an {@code --api-only}
 * replica, or a server whose database another process reindexes): it {@code LISTEN}s for the {@link ChangeNotice} every
 * indexing transaction sends before it commits, and invalidates the cache on each notice of its schema. PostgreSQL
 * delivers a notice only after its transaction committed, so once the notice has been handled no request can be
 * answered with data older than that commit.
 *
 * <p>The cache is served only while the listening session is known to be up: it is suspended from construction until
 * {@code LISTEN} has taken effect, and again as soon as the session fails (an error, a terminated backend, or a
 * heartbeat that gets no answer within the socket timeout); every request then goes to the database while the listener
 * reconnects with back-off, and caching resumes, from an empty cache, once it listens again.
 */
public final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** The session's name in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "enclave-discovery-listener";
    private static final int POLL_MILLIS = 500;
    private static final int HEARTBEAT_MILLIS = 1_000;
    private static final int SOCKET_TIMEOUT_SECONDS = 3;

    private final Connect connect;
    private final ResponseCache cache;
    private final Thread thread;
    private final AtomicLong notices = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection session;
    private volatile int backendPid = -1;

    /** Opens the LISTEN session's connection. */
    @FunctionalInterface
    interface Connect {
        Connection open() throws SQLException;
    }

    public ChangeListener(DiscoveryDatabase db, ResponseCache cache) {
        this(() -> db.openUnpooled(APPLICATION_NAME, SOCKET_TIMEOUT_SECONDS), cache);
    }

    ChangeListener(Connect connect, ResponseCache cache) {
        this.connect = connect;
        this.cache = cache;
        cache.suspend();
        thread = new Thread(this::run, "discovery-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 250;
        String lastError = null;
        while (running) {
            try (Connection c = connect.open()) {
                session = c;
                listen(c);
                backoff = 250;
                lastError = null;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!msg.equals(lastError)) {
                    LOG.warn("Change notices unavailable ({}); answering every request from the database until they"
                            + " are back", msg);
                    lastError = msg;
                }
            } finally {
                listening = false;
                cache.suspend();
                session = null;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(5_000, backoff * 2);
        }
    }

    /** LISTENs on {@code c}, resumes the cache and handles notices until the session fails or the listener closes. */
    private void listen(Connection c) throws SQLException {
        String schema;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_schema(), pg_backend_pid()")) {
                rs.next();
                schema = rs.getString(1);
                backendPid = rs.getInt(2);
            }
            s.execute("LISTEN " + ChangeNotice.CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        // From here on every commit's notice reaches this session: answers computed from now on may be cached.
        cache.resume();
        listening = true;
        sessions.incrementAndGet();
        LOG.info("Listening for change notices of schema {}: the response cache is on", schema);
        long lastHeartbeat = System.nanoTime();
        while (running) {
            PGNotification[] received = pg.getNotifications(POLL_MILLIS);
            if (received != null) {
                for (PGNotification n : received) {
                    if (schema.equals(n.getParameter())) {
                        cache.invalidate();
                        notices.incrementAndGet();
                    } else if ((schema + ChangeNotice.APPENDED).equals(n.getParameter())) {
                        cache.invalidateAnswers(); // no title changed: the memo of empty title tiers stays true
                        notices.incrementAndGet();
                    } else if (n.getParameter().startsWith(schema + ChangeNotice.TITLED)) {
                        titled(c, n.getParameter().substring((schema + ChangeNotice.TITLED).length()));
                        notices.incrementAndGet();
                    }
                }
            }
            if (System.nanoTime() - lastHeartbeat > HEARTBEAT_MILLIS * 1_000_000L) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastHeartbeat = System.nanoTime();
            }
        }
    }

    /**
     * One listing's metadata arrived (title, description, tags, type): the memo entries of the queries whose title tier
     * it now joins are dropped — checked in the database with the tier's own predicate — and then every answer. Checks
     * running meanwhile record nothing. An id that is not a number empties everything.
     */
    private void titled(Connection c, String id) throws SQLException {
        BigDecimal listing;
        try {
            listing = new BigDecimal(id);
        } catch (NumberFormatException e) {
            cache.invalidate();
            return;
        }
        cache.beginTitleChange();
        List<RelevanceSearch.TitleKey> keys = cache.emptyTitleKeys().stream()
                .filter(RelevanceSearch.TitleKey.class::isInstance).map(RelevanceSearch.TitleKey.class::cast).toList();
        if (!keys.isEmpty()) {
            cache.dropEmptyTitles(RelevanceSearch.joinedBy(c, listing, keys));
        }
        cache.invalidateAnswers();
    }

    /** Whether the cache is currently kept by notices (false while connecting or reconnecting). */
    public boolean listening() {
        return listening;
    }

    /** The PostgreSQL backend of the current (or last) LISTEN session. */
    int backendPid() {
        return backendPid;
    }

    /** Notices of this schema handled so far. */
    public long notices() {
        return notices.get();
    }

    /** LISTEN sessions started so far (more than one after a reconnect). */
    public long sessions() {
        return sessions.get();
    }

    @Override
    public void close() {
        running = false;
        Connection c = session;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the change listener's session: {}", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
