package io.enclave.ui.issuer;

import io.enclave.vault.Vault;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;

/** The issuer's list of signed attestations, kept in the wallet's encrypted vault (table {@code issued_attestation}). */
public final class IssuedLog {
    private final Vault vault;

    public IssuedLog(Vault vault) {
        this.vault = vault;
    }

    public void add(String issuerAx, IssuedAttestation a) {
        vault.jdbi().useHandle(h -> h.createUpdate("INSERT INTO issued_attestation (hash, issuer_ax, subject, schema_id, "
                        + "attribute, expires_at, issued_at, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, a.hash()).bind(1, issuerAx).bind(2, a.subject()).bind(3, a.schemaId()).bind(4, a.attribute())
                .bind(5, Timestamp.from(a.expiresAt())).bind(6, Timestamp.from(a.issuedAt()))
                .bind(7, a.file().toAbsolutePath().toString()).execute());
    }

    /** The newest first, for one issuer key. */
    public List<IssuedAttestation> list(String issuerAx, int limit) {
        return vault.jdbi().withHandle(h -> h.createQuery("SELECT hash, subject, schema_id, attribute, expires_at, issued_at, "
                        + "file FROM issued_attestation WHERE issuer_ax = ? ORDER BY issued_at DESC LIMIT ?")
                .bind(0, issuerAx).bind(1, limit)
                .map((rs, ctx) -> new IssuedAttestation(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        Path.of(rs.getString(7))))
                .list());
    }
}
