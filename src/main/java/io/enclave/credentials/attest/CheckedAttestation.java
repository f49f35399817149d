package io.enclave.credentials.attest;

/**
 * An attestation that passed {@link AttestationChecker}. Only the checker makes one; {@link #issuerVerified()} is
 * true only for a registered issuer's valid, unexpired, unrevoked signature — never for self-attested data.
 */
public final class CheckedAttestation {
    private final Attestation attestation;
    private final boolean issuerVerified;

    CheckedAttestation(Attestation attestation, boolean issuerVerified) {
        if (issuerVerified && attestation.selfAttested()) {
            throw new IllegalStateException("self-attested data can never be issuer-verified");
        }
        this.attestation = attestation;
        this.issuerVerified = issuerVerified;
    }

    public Attestation attestation() {
        return attestation;
    }

    public boolean issuerVerified() {
        return issuerVerified;
    }

    public boolean selfAttested() {
        return attestation.selfAttested();
    }
}
