package io.enclave.market;

import java.util.Locale;

/**
 * What the chain says about a bought credential's proof, asked on request ({@code enclave market open --on-chain}).
 *
 * @param outcome ACCEPTED or REJECTED by the circuit's registered verifier; UNAVAILABLE when the registry has no
 *        verifier for the package's circuit (nothing was decided)
 * @param circuitId the registry's id of the circuit (0 when the package's circuit has none)
 * @param verifier the verifier contract that was asked (null when none)
 * @param reason the verdict in words
 * @param registryRecord what the registry's own {@code verifiedProof} record says about the credential, in words
 */
public record OnChainVerdict(Outcome outcome, int circuitId, String verifier, String reason, String registryRecord) {
    public enum Outcome {
        ACCEPTED, REJECTED, UNAVAILABLE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
