package io.enclave.storage.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the vault's Flyway migrations ({@code db/vault}), which include the outbox tables (V100+). */
public final class VaultMigrations {
    private VaultMigrations() {
    }

    public static void migrate(DataSource vault) {
        Flyway.configure().dataSource(vault).locations("classpath:db/vault").load().migrate();
    }
}
