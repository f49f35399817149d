package io.enclave.ui.trust;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds plain words to the chain's refusals that the trust and governance screens meet most: the decoded error name
 * (e.g. {@code GovernorAlreadyCastVote}) stays in the message for whoever needs it, the sentence before it says what
 * happened and what to do.
 */
public final class ChainWords {
    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("GovernorAlreadyCastVote", "This account has already voted on this proposal; a vote cannot be changed.");
        WORDS.put("TimelockUnexpectedOperationState", "The timelock delay after queueing is not over yet (or the "
                + "proposal was not queued): execute it once the delay has passed.");
        WORDS.put("GovernorUnexpectedProposalState", "The proposal is not in a state that allows this: votes are cast "
                + "while it is Active, it is queued once it Succeeded and executed once Queued and the delay passed.");
        WORDS.put("GovernorInsufficientProposerVotes", "This account has too little voting power to propose: vouch "
                + "for a seller first (stake gives votes) and wait one block.");
        WORDS.put("StillUnbonding", "The unbonding period is not over yet: withdraw after the release time shown.");
        WORDS.put("NothingUnbonding", "Nothing of this vouch is unbonding: request a withdrawal first.");
        WORDS.put("StakeBelowMinimum", "The amount is below the staking contract's minimum stake.");
        WORDS.put("SelfVouch", "An account cannot vouch for itself.");
        WORDS.put("InsufficientShares", "The vouch has fewer active shares than requested.");
        WORDS.put("ZeroShares", "There is no active stake to withdraw.");
        WORDS.put("NothingToSlash", "Nobody has stake behind this seller, so there is nothing to slash.");
        WORDS.put("CompensationTooHigh", "The compensation is more than the slash would take.");
        WORDS.put("EnforcedPause", "The contract is paused by its guardian; governance can unpause it.");
        WORDS.put("insufficient funds", "The account does not hold enough MOCA for the amount and the network fee.");
    }

    private ChainWords() {
    }

    /** The message with a plain explanation in front when a known refusal is in it; unchanged otherwise. */
    public static String explain(String message) {
        if (message == null) {
            return "";
        }
        for (Map.Entry<String, String> e : WORDS.entrySet()) {
            if (message.contains(e.getKey())) {
                return e.getValue() + " (" + message + ")";
            }
        }
        return message;
    }
}
