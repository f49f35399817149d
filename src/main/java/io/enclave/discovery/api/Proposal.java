package io.enclave.discovery.api;

import java.util.List;

/**
 * A governance proposal as the Governor's events tell it: its state ({@code pending} until queued, then
 * {@code queued}, {@code executed} or {@code canceled}), the voting window in blocks, and the votes cast (weights in
 * wei of stake: against, for, abstain — OpenZeppelin's support values 0, 1, 2).
 */
public record Proposal(String id, String proposer, String description, List<String> targets, long voteStart, long voteEnd,
        String status, Long etaSeconds, String againstWei, String forWei, String abstainWei, int voters, long block,
        String txHash, String createdAt) {
}
