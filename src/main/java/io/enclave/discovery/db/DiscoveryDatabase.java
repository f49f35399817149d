package io.enclave.discovery.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The discovery database: a pooled connection to PostgreSQL, migrated with the scripts in {@code db/discovery}. */
public final class DiscoveryDatabase implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/discovery";
    private final HikariDataSource pool;

    private DiscoveryDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects and migrates. {@code schema} may be null (the user's default search path).
     * A wrong URL or password fails here with a message naming the URL (never the password).
     */
    public static DiscoveryDatabase open(String jdbcUrl, String user, char[] password, String schema, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        if (password != null) {
            cfg.setPassword(new String(password));
        }
        if (schema != null) {
            cfg.setSchema(schema);
        }
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("discovery");
        cfg.setConnectionTimeout(5_000);
        cfg.setInitializationFailTimeout(10_000);
        cfg.addDataSourceProperty("ApplicationName", "enclave-discovery");
        // JDBC batches of INSERTs travel as multi-row INSERTs (the indexer's projections).
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Plan every search with its real parameters: a cached generic plan cannot know how selective a text query
        // or a filter is, and picks one plan for the rare word and the common one alike. No parallel workers: each
        // API query reads a few dozen rows, and starting workers cost 200 ms on a busy 2-core machine (SearchPlans).
        cfg.setConnectionInitSql("SET plan_cache_mode = force_custom_plan; SET max_parallel_workers_per_gather = 0");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to the discovery database at " + jdbcUrl + ": "
                    + rootMessage(e) + ". Check ENCLAVE_DB_URL, ENCLAVE_DB_USER and ENCLAVE_DB_PASSWORD.", e);
        }
        try {
            migrate(ds, schema);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new DiscoveryDatabase(ds);
    }

    /**
     * A pool sized for the machine: PostgreSQL on n cores does its best with about 2n + 2 busy connections; more only
     * queue inside the database and compete for the same cores.
     */
    public static int defaultPoolSize() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors() + 2);
    }

    public static void migrate(DataSource ds, String schema) {
        var cfg = Flyway.configure().dataSource(ds).locations(MIGRATIONS);
        if (schema != null) {
            cfg = cfg.schemas(schema).defaultSchema(schema);
        }
        cfg.load().migrate();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pool, to the same database, user and schema (a LISTEN session must stay on
     * one connection for its whole life). Reads time out after {@code socketTimeoutSeconds}, so a silently dropped
     * network path is noticed. The caller closes it.
     */
    public Connection openUnpooled(String applicationName, int socketTimeoutSeconds) throws SQLException {
        Properties p = new Properties();
        if (pool.getUsername() != null) {
            p.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            p.setProperty("password", pool.getPassword());
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(pool.getJdbcUrl(), p);
        try {
            if (pool.getSchema() != null) {
                c.setSchema(pool.getSchema());
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    public int activeConnections() {
        var mx = pool.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getActiveConnections();
    }

    @Override
    public void close() {
        pool.close();
    }
}
