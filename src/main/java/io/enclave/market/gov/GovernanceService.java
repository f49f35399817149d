package io.enclave.market.gov;

import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.Progress;
import io.enclave.market.Proposal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/**
 * Governance: build the actions (slash, resolve a dispute, register an issuer, change the marketplace's parameters,
 * unpause), propose them, vote, queue, execute, and show any proposal with its actions in plain words. Proposals are read
 * from the governor's {@code ProposalCreated} events, so queue and execute need nothing but the proposal id.
 */
public final class GovernanceService {
    private static final String CREATED = EventEncoder.encode(EnclaveGovernor.PROPOSALCREATED_EVENT);

    private final MarketChain chain;
    private final ActionWords words;

    public GovernanceService(MarketChain chain) {
        this.chain = chain;
        this.words = new ActionWords(chain.contracts(), chain.human());
    }

    // ------------------------------------------------------------------ actions

    public Action slash(String vouchee, int bps, String beneficiary, BigInteger compensation) {
        if (bps <= 0 || bps > 10_000) {
            throw new MarketException("A slash is 1 to 10,000 basis points (0.01% to 100%), not " + bps + ".");
        }
        return action(chain.contracts().staking(), chain.staking().slash(vouchee, BigInteger.valueOf(bps), beneficiary,
                compensation).encodeFunctionCall());
    }

    /** Updates a voucher's voting power after a slash (add one per voucher of the slashed seller). */
    public Action sync(String voucher, String vouchee) {
        return action(chain.contracts().staking(), chain.staking().sync(voucher, vouchee).encodeFunctionCall());
    }

    public Action resolveDispute(BigInteger purchaseId, boolean buyerWins, BigInteger clawback) {
        return action(chain.contracts().marketplace(), chain.market().resolveDispute(purchaseId, buyerWins, clawback)
                .encodeFunctionCall());
    }

    public Action registerIssuer(String account, BigInteger babyJubX, BigInteger babyJubY, int royaltyBps) {
        return action(chain.contracts().registry(), chain.registry().registerIssuer(account, babyJubX, babyJubY,
                BigInteger.valueOf(royaltyBps)).encodeFunctionCall());
    }

    /** Changes the marketplace's treasury, fee (basis points) and windows (seconds). */
    public Action setMarketParams(String treasury, int feeBps, long deliveryWindow, long disputeWindow) {
        return action(chain.contracts().marketplace(), chain.market().setParams(new Marketplace.Params(treasury,
                BigInteger.valueOf(feeBps), BigInteger.valueOf(deliveryWindow), BigInteger.valueOf(disputeWindow)))
                .encodeFunctionCall());
    }

    /** Unpauses one of the suite's contracts (by address). */
    public Action unpause(String contract) {
        String c = contract.toLowerCase(Locale.ROOT);
        String data = c.equals(chain.contracts().marketplace()) ? chain.market().unpause().encodeFunctionCall()
                : c.equals(chain.contracts().registry()) ? chain.registry().unpause().encodeFunctionCall()
                : c.equals(chain.contracts().staking()) ? chain.staking().unpause().encodeFunctionCall() : null;
        if (data == null) {
            throw new MarketException(contract + " is not one of the suite's pausable contracts.");
        }
        return action(c, data);
    }

    private Action action(String target, String data) {
        return new Action(target, BigInteger.ZERO, data, words.describe(target, BigInteger.ZERO, data));
    }

    // ------------------------------------------------------------------ lifecycle

    public Proposal propose(List<Action> actions, String description, Progress progress) {
        if (actions.isEmpty()) {
            throw new MarketException("A proposal needs at least one action.");
        }
        if (description == null || description.isBlank()) {
            throw new MarketException("A proposal needs a description voters can read.");
        }
        List<String> targets = actions.stream().map(Action::target).toList();
        List<BigInteger> values = actions.stream().map(Action::value).toList();
        List<byte[]> datas = actions.stream().map(a -> Numeric.hexStringToByteArray(a.data())).toList();
        actions.forEach(a -> progress.step("Action: " + a.words()));
        var r = chain.send("Propose: " + description, chain.contracts().governor(), BigInteger.ZERO,
                chain.governor().propose(targets, values, datas, description).encodeFunctionCall(), progress);
        BigInteger id = EnclaveGovernor.getProposalCreatedEvents(r).get(0).proposalId;
        return show(id);
    }

    /**
     * Votes on an active proposal.
     *
     * @param support 0 against, 1 for, 2 abstain
     */
    public Proposal vote(BigInteger proposalId, int support, Progress progress) {
        if (support < 0 || support > 2) {
            throw new MarketException("A vote is against (0), for (1) or abstain (2).");
        }
        chain.send("Vote " + List.of("against", "for", "abstain").get(support) + " proposal " + proposalId,
                chain.contracts().governor(), BigInteger.ZERO,
                chain.governor().castVote(proposalId, BigInteger.valueOf(support)).encodeFunctionCall(), progress);
        return show(proposalId);
    }

    public Proposal queue(BigInteger proposalId, Progress progress) {
        EnclaveGovernor.ProposalCreatedEventResponse p = created(proposalId);
        chain.send("Queue proposal " + proposalId, chain.contracts().governor(), BigInteger.ZERO,
                chain.governor().queue(p.targets, p.values, p.calldatas, descriptionHash(p)).encodeFunctionCall(), progress);
        return show(proposalId);
    }

    public Proposal execute(BigInteger proposalId, Progress progress) {
        EnclaveGovernor.ProposalCreatedEventResponse p = created(proposalId);
        BigInteger total = p.values.stream().reduce(BigInteger.ZERO, BigInteger::add);
        chain.send("Execute proposal " + proposalId, chain.contracts().governor(), total,
                chain.governor().execute(p.targets, p.values, p.calldatas, descriptionHash(p), total).encodeFunctionCall(),
                progress);
        return show(proposalId);
    }

    /** A proposal with its state, votes and actions in words. */
    public Proposal show(BigInteger proposalId) {
        EnclaveGovernor.ProposalCreatedEventResponse p = created(proposalId);
        int state = chain.read("proposal state", chain.governor().state(proposalId)).intValue();
        Tuple3<BigInteger, BigInteger, BigInteger> votes = chain.read("votes", chain.governor().proposalVotes(proposalId));
        List<String> datas = p.calldatas.stream().map(Numeric::toHexString).toList();
        return new Proposal(proposalId, p.proposer.toLowerCase(Locale.ROOT), p.description, Proposal.STATES.get(state),
                words.describe(p.targets, p.values, datas), votes.component2(), votes.component1(), votes.component3(),
                p.voteStart, p.voteEnd);
    }

    /** Every proposal, oldest first. */
    public List<Proposal> all() {
        return chain.logsSinceDeployment(chain.contracts().governor(), CREATED).stream()
                .map(l -> show(EnclaveGovernor.getProposalCreatedEventFromLog(l).proposalId)).toList();
    }

    private EnclaveGovernor.ProposalCreatedEventResponse created(BigInteger proposalId) {
        for (Log l : chain.logsSinceDeployment(chain.contracts().governor(), CREATED)) {
            EnclaveGovernor.ProposalCreatedEventResponse e = EnclaveGovernor.getProposalCreatedEventFromLog(l);
            if (e.proposalId.equals(proposalId)) {
                return e;
            }
        }
        throw new MarketException("There is no proposal " + proposalId + " on governor " + chain.contracts().governor() + ".");
    }

    private static byte[] descriptionHash(EnclaveGovernor.ProposalCreatedEventResponse p) {
        return Hash.sha3(p.description.getBytes(StandardCharsets.UTF_8));
    }
}
