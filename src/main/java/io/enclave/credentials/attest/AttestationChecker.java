package io.enclave.credentials.attest;

import java.time.Clock;
import java.time.Instant;

/**
 * Holder mode: checks an imported attestation — expiry, signature, that the issuer is registered on-chain and has not
 * revoked it. Self-attested data passes only as self-attested (its own signature, if any, is still checked).
 */
public final class AttestationChecker {
    private final AttestationSignatureVerifier signatures;
    private final IssuerRegistry registry;
    private final Clock clock;

    public AttestationChecker(AttestationSignatureVerifier signatures, IssuerRegistry registry, Clock clock) {
        this.signatures = signatures;
        this.registry = registry;
        this.clock = clock;
    }

    public CheckedAttestation check(Attestation a) throws AttestationException {
        Instant now = clock.instant();
        if (!now.isBefore(a.expiresAt())) {
            throw new AttestationException("The attestation expired on " + a.expiresAt() + "; ask the issuer for a new one");
        }
        if (a.issuedAt().isAfter(now.plusSeconds(300))) {
            throw new AttestationException("The attestation is dated in the future (" + a.issuedAt() + "); check this "
                    + "computer's clock");
        }
        if (a.signature() != null && !signatures.verify(a.issuer(), a.signedMessage(), a.signature())) {
            throw new AttestationException("The attestation's signature does not verify for its "
                    + a.issuer().display() + ": it was altered or not signed by that key");
        }
        if (a.selfAttested()) {
            return new CheckedAttestation(a, false);
        }
        if (!registry.isRegistered(a.issuer())) {
            throw new AttestationException("The " + a.issuer().display() + " is not a registered issuer on-chain; the data "
                    + "can be kept only as self-attested");
        }
        if (registry.isRevoked(a.issuer(), a.hash())) {
            throw new AttestationException("The issuer revoked this attestation");
        }
        return new CheckedAttestation(a, true);
    }
}
