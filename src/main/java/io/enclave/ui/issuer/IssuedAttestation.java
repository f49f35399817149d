package io.enclave.ui.issuer;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the issuer remembers of an attestation it signed: who, which schema and attribute, until when, where the file
 * went, and the hash that revokes it. Never the value.
 */
public record IssuedAttestation(String hash, String subject, String schemaId, String attribute, Instant expiresAt,
                                Instant issuedAt, Path file) {
}
