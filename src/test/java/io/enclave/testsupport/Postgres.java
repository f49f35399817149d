package io.enclave.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A real PostgreSQL 18 (zonky embedded binaries) in a scratch folder, for the whole test run. */
public final class Postgres implements AutoCloseable {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private final EmbeddedPostgres pg;
    private final Path dataDir;
    private final long postmasterPid;

    private Postgres(EmbeddedPostgres pg, Path dataDir, long postmasterPid) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.postmasterPid = postmasterPid;
    }

    public static Postgres start() {
        ManagedProcess.sweep();
        try {
            Path dir = Files.createTempDirectory("enclave-pg-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                    .setPort(Toolchain.freePort()).start();
            long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
            ManagedProcess.record(pid, "postgres", "postgres");
            return new Postgres(pg, dir, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    /** Creates a new empty schema; connections from the returned database see only it. */
    public Schema newSchema() {
        String name = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        exec("CREATE SCHEMA " + name);
        return new Schema(this, name);
    }

    void exec(String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
            ManagedProcess.forget(postmasterPid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.deleteTree(dataDir);
        }
    }

    /** One test's schema inside the shared server. */
    public record Schema(Postgres server, String name) {
        public String jdbcUrl() {
            return server.jdbcUrl() + "?currentSchema=" + name;
        }

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl());
            ds.setUser(server.user());
            return ds;
        }

        void drop() {
            server.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
