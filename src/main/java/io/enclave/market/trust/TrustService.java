package io.enclave.market.trust;

import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.Progress;
import io.enclave.market.Proposal;
import io.enclave.market.Reputation;
import io.enclave.market.Vouch;
import io.enclave.market.gov.Action;
import io.enclave.market.gov.GovernanceService;
import io.enclave.storage.BlobStore;
import io.enclave.storage.ipfs.Cid;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.EventEncoder;
import org.web3j.tuples.generated.Tuple3;

/**
 * Vouching: stake behind a seller (and add to it), request a withdrawal, withdraw after the unbonding period, read a
 * seller's reputation, and report a seller — a governance proposal to slash its vouchers, with an evidence document on
 * IPFS whose CID the proposal's description carries.
 */
public final class TrustService {
    private static final String VOUCHED = EventEncoder.encode(TrustStaking.VOUCHED_EVENT);
    private static final String SLASHED = EventEncoder.encode(TrustStaking.SLASHED_EVENT);
    private static final String DELIVERED = EventEncoder.encode(Marketplace.KEYDELIVERED_EVENT);

    private final MarketChain chain;
    private final GovernanceService governance;
    private final BlobStore evidenceStore;

    public TrustService(MarketChain chain, GovernanceService governance, BlobStore evidenceStore) {
        this.chain = chain;
        this.governance = governance;
        this.evidenceStore = evidenceStore;
    }

    /** Stakes {@code amount} behind {@code seller} (adds to an existing vouch). */
    public Vouch vouch(String seller, BigInteger amount, Progress progress) {
        String vouchee = address(seller);
        if (amount.signum() <= 0) {
            throw new MarketException("The amount to vouch must be more than zero.");
        }
        chain.send("Vouch " + chain.amount(amount) + " for " + vouchee, chain.contracts().staking(), amount,
                chain.staking().vouch(vouchee, amount).encodeFunctionCall(), progress);
        return vouchOf(chain.account(), vouchee);
    }

    /** Starts unbonding {@code shares} of the account's vouch (all active shares when null). */
    public Vouch requestWithdrawal(String seller, BigInteger shares, Progress progress) {
        String vouchee = address(seller);
        BigInteger s = shares != null ? shares : vouchOf(chain.account(), vouchee).shares();
        if (s.signum() <= 0) {
            throw new MarketException("There is no active stake of " + chain.account() + " behind " + vouchee + ".");
        }
        chain.send("Request the withdrawal of " + s + " shares vouching for " + vouchee, chain.contracts().staking(),
                BigInteger.ZERO, chain.staking().requestWithdrawal(vouchee, s).encodeFunctionCall(), progress);
        return vouchOf(chain.account(), vouchee);
    }

    /** Withdraws the unbonded stake once the unbonding period is over. */
    public Vouch withdraw(String seller, Progress progress) {
        String vouchee = address(seller);
        chain.send("Withdraw the unbonded stake behind " + vouchee, chain.contracts().staking(), BigInteger.ZERO,
                chain.staking().withdraw(vouchee).encodeFunctionCall(), progress);
        return vouchOf(chain.account(), vouchee);
    }

    public Vouch vouchOf(String voucher, String seller) {
        Tuple3<TrustStaking.Vouch, BigInteger, BigInteger> t = chain.read("vouch",
                chain.staking().vouchOf(address(voucher), address(seller)));
        TrustStaking.Vouch v = t.component1();
        return new Vouch(address(voucher), address(seller), v.shares, t.component2(), v.unbondingShares, t.component3(),
                v.releaseAt.signum() == 0 ? null : Instant.ofEpochSecond(v.releaseAt.longValueExact()), v.votingUnits);
    }

    /** The seller's reputation from the chain alone. */
    public Reputation reputation(String seller) {
        String s = address(seller);
        long head = chain.head();
        TrustStaking.Pool pool = chain.read("stake pool", chain.staking().pool(s));
        String topic = topic(s);
        long vouchers = chain.logs(chain.contracts().staking(), 0, head, VOUCHED, null, topic).stream()
                .map(l -> l.getTopics().get(1)).distinct().count();
        int slashes = chain.logs(chain.contracts().staking(), 0, head, SLASHED, topic).size();
        int deliveries = chain.logs(chain.contracts().marketplace(), 0, head, DELIVERED, null, topic).size();
        return new Reputation(s, pool.stake, (int) vouchers, slashes, deliveries);
    }

    /**
     * Reports a seller: uploads the evidence and proposes to slash {@code bps} of the stake behind it, paying
     * {@code compensation} of the slashed amount to {@code beneficiary}.
     */
    public Proposal report(String seller, String statement, int bps, String beneficiary, BigInteger compensation,
                           Progress progress) {
        String s = address(seller);
        byte[] doc = io.enclave.credentials.json.CanonicalJson.canonicalize(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("type", "EnclaveSellerReport").put("version", 1).put("chainId", chain.chainId())
                .put("seller", s).put("reporter", chain.account()).put("statement", statement));
        progress.step("Uploading the evidence to IPFS");
        Cid cid = evidenceStore.put(doc);
        List<Action> actions = List.of(governance.slash(s, bps, address(beneficiary), compensation));
        return governance.propose(actions, "Report of seller " + s + ": " + firstLine(statement) + " (evidence ipfs://"
                + cid + ")", progress);
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static String topic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    static String address(String a) {
        if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
            throw new MarketException("'" + a + "' is not an address (0x + 40 hex digits).");
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
