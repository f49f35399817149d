package io.enclave.market;

import java.math.BigInteger;
import java.util.List;

/**
 * A governance proposal with its actions in plain words.
 *
 * @param state Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired or Executed (OpenZeppelin's Governor)
 * @param actions one line per call, e.g. "Marketplace: settle the dispute of purchase #3 for the buyer, …"
 */
public record Proposal(BigInteger id, String proposer, String description, String state, List<String> actions,
                       BigInteger votesFor, BigInteger votesAgainst, BigInteger votesAbstain, BigInteger voteStart,
                       BigInteger voteEnd) {
    public static final List<String> STATES = List.of("Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued",
            "Expired", "Executed");

    public Proposal {
        actions = List.copyOf(actions);
    }
}
