package io.enclave.vault;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The desktop's local database (H2, one file under the data folder), migrated by Flyway from
 * {@code db/vault}. Features add their own tables with new migrations and their own store classes.
 */
public final class Vault {
    private final Jdbi jdbi;
    private final String url;

    private Vault(String url) {
        this.url = url;
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("enclave");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/vault").load().migrate();
        this.jdbi = Jdbi.create(ds);
    }

    /** Opens (creating and migrating as needed) the vault in {@code dir}/vault.mv.db. */
    public static Vault open(Path dir) {
        return new Vault("jdbc:h2:file:" + dir.toAbsolutePath().resolve("vault") + ";DB_CLOSE_DELAY=0");
    }

    /** A private in-memory vault (tests, or a session that must leave nothing on disk). */
    public static Vault inMemory(String name) {
        return new Vault("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public String url() {
        return url;
    }

    public ActivityStore activity() {
        return new ActivityStore(jdbi);
    }
}
