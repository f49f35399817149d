package io.enclave.chain.deploy;

import java.math.BigInteger;
import java.util.List;

/**
 * What the deployer sets up. Times in seconds unless named blocks; amounts in wei; {@code treasury} null means the
 * timelock (the treasury is then governed by proposals).
 *
 * @param guardian the address that may pause every contract (never unpause); null for none
 * @param treasury receives platform fees and the treasury share of slashes; null = the timelock
 * @param feeBps platform fee in basis points (at most 1000)
 * @param deliveryWindow seconds a seller has to deliver the key
 * @param disputeWindow seconds a buyer has to dispute after delivery
 * @param minStake smallest new vouch in wei
 * @param unbondingPeriod seconds between a withdrawal request and the withdrawal
 * @param timelockDelay seconds between queueing and executing a proposal
 * @param votingDelayBlocks blocks between a proposal and the start of its vote
 * @param votingPeriodBlocks blocks a vote stays open
 * @param proposalThreshold stake needed to propose, in wei
 * @param quorumPercent quorum as a percentage of the total stake at the snapshot
 * @param issuers issuers registered during the deployment, before governance takes over
 * @param circuits verifier contracts registered as circuits during the deployment
 */
public record DeployConfig(String guardian, String treasury, int feeBps, long deliveryWindow, long disputeWindow,
        BigInteger minStake, long unbondingPeriod, long timelockDelay, long votingDelayBlocks, long votingPeriodBlocks,
        BigInteger proposalThreshold, int quorumPercent, List<Issuer> issuers, List<Circuit> circuits) {

    /** An issuer to register: EVM address, BabyJubJub public key, royalty. */
    public record Issuer(String account, BigInteger babyJubX, BigInteger babyJubY, int royaltyBps) {
    }

    /**
     * A verifier contract (by compiled name, e.g. {@code RangeVerifier}) to register as circuit {@code id}.
     *
     * @param publicInputs the verifier's N; the first seven are the statement every circuit shares (docs/ZK.md)
     */
    public record Circuit(String verifierContract, int id, int publicInputs) {
        /** The circuits of the committed trusted setup, with the ids {@code markVerified} knows them by. */
        public static final List<Circuit> BUNDLED = List.of(new Circuit("RangeVerifier", 1, 9),
                new Circuit("EqualityVerifier", 2, 8), new Circuit("MembershipVerifier", 3, 8));
    }

    public DeployConfig {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        circuits = circuits == null ? List.of() : List.copyOf(circuits);
        if (minStake == null || minStake.signum() < 0) {
            throw new IllegalArgumentException("minStake (wei) must be given and not negative");
        }
        if (proposalThreshold == null || proposalThreshold.signum() < 0) {
            throw new IllegalArgumentException("proposalThreshold (wei) must be given and not negative");
        }
        if (deliveryWindow < 3600 || disputeWindow < 3600) {
            throw new IllegalArgumentException("deliveryWindow and disputeWindow must be at least 3600 seconds");
        }
        if (feeBps < 0 || feeBps > 1000) {
            throw new IllegalArgumentException("feeBps must be 0..1000 (10%), got " + feeBps);
        }
        if (quorumPercent < 1 || quorumPercent > 100) {
            throw new IllegalArgumentException("quorumPercent must be 1..100, got " + quorumPercent);
        }
    }

    /** Defaults for a local devnet: short windows, a one-second timelock, votes of a few blocks, the bundled circuits. */
    public static DeployConfig devnet(String guardian) {
        return new DeployConfig(guardian, null, 250, 2 * 86_400, 3 * 86_400, new BigInteger("100000000000000000"),
                7 * 86_400, 1, 1, 20, BigInteger.ZERO, 10, List.of(), Circuit.BUNDLED);
    }

    public DeployConfig withIssuers(List<Issuer> newIssuers) {
        return new DeployConfig(guardian, treasury, feeBps, deliveryWindow, disputeWindow, minStake, unbondingPeriod,
                timelockDelay, votingDelayBlocks, votingPeriodBlocks, proposalThreshold, quorumPercent, newIssuers, circuits);
    }

    public DeployConfig withCircuits(List<Circuit> newCircuits) {
        return new DeployConfig(guardian, treasury, feeBps, deliveryWindow, disputeWindow, minStake, unbondingPeriod,
                timelockDelay, votingDelayBlocks, votingPeriodBlocks, proposalThreshold, quorumPercent, issuers, newCircuits);
    }
}
