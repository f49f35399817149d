package io.enclave.market;

import io.enclave.chain.AbiDecoder;
import io.enclave.chain.AbiRegistry;
import io.enclave.chain.ChainException;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.Humanizer;
import io.enclave.chain.PreparedTx;
import io.enclave.chain.ReceiptTracker;
import io.enclave.chain.RpcClient;
import io.enclave.chain.Signer;
import io.enclave.chain.TransactionService;
import io.enclave.chain.TxRequest;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.vault.Activity;
import io.enclave.vault.ActivityStore;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * One account's view of the deployed suite: reads through the generated wrappers, and sends through
 * {@link TransactionService} (simulate, readable confirmation, {@link Approver}, sign, track in the vault's activity).
 * A transaction identical to one still open in the activity history (sent before a crash) is followed instead of
 * being sent again, so a retried use case never pays twice.
 */
public final class MarketChain implements AutoCloseable {
    /** Blocks per {@code eth_getLogs} unless {@link #logPage} says otherwise (public RPCs allow 5,000–10,000). */
    public static final int DEFAULT_LOG_PAGE = 5_000;

    private final RpcClient rpc;
    private final MarketContracts contracts;
    private final Signer signer;
    private final Approver approver;
    private final ActivityStore activity;
    private final TransactionService tx;
    private final ReceiptTracker tracker;
    private final Humanizer human;
    private final Web3j reader;
    private final Duration timeout;
    private final Duration poll;
    private final java.util.Map<String, Long> creationBlocks = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int logPage = DEFAULT_LOG_PAGE;

    /**
     * @param rpc a client of the network (its contract names are replaced by the suite's, for confirmations)
     * @param timeout how long to follow a sent transaction before giving up (it stays tracked)
     */
    public MarketChain(RpcClient rpc, MarketContracts contracts, ActivityStore activity, Signer signer, Approver approver,
                       Duration timeout, Duration poll) {
        this.rpc = new RpcClient(rpc.network().withContracts(contracts.byName())).connect();
        this.contracts = contracts;
        this.signer = signer;
        this.approver = approver;
        this.activity = activity;
        AbiDecoder decoder = new AbiDecoder(AbiRegistry.fromClasspath());
        this.human = Humanizer.of(this.rpc.network());
        contracts.byName().forEach((name, address) -> human.label(address, name));
        this.tx = new TransactionService(this.rpc, decoder, human, activity);
        this.tracker = new ReceiptTracker(this.rpc, activity, decoder, human);
        this.reader = Web3j.build(new HttpService(this.rpc.activeUrl()));
        this.timeout = timeout;
        this.poll = poll;
    }

    public MarketContracts contracts() {
        return contracts;
    }

    /** The signing account, lower-case. */
    public String account() {
        return signer.address().toLowerCase(Locale.ROOT);
    }

    public long chainId() {
        return rpc.network().chainId();
    }

    public Humanizer human() {
        return human;
    }

    public Marketplace market() {
        return Marketplace.load(contracts.marketplace(), reader, readOnly(), new EstimatedGas(chainId()));
    }

    public CredentialRegistry registry() {
        return CredentialRegistry.load(contracts.registry(), reader, readOnly(), new EstimatedGas(chainId()));
    }

    public TrustStaking staking() {
        return TrustStaking.load(contracts.staking(), reader, readOnly(), new EstimatedGas(chainId()));
    }

    public EnclaveGovernor governor() {
        return EnclaveGovernor.load(contracts.governor(), reader, readOnly(), new EstimatedGas(chainId()));
    }

    /** Runs a view call and turns transport failures into a readable error. */
    public <T> T read(String what, RemoteFunctionCall<T> call) {
        try {
            return call.send();
        } catch (ChainException e) {
            throw new MarketException("Reading " + what + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MarketException("Reading " + what + " from the chain failed (" + e.getMessage()
                    + "). Check the RPC endpoint and the deployed contract addresses.", e);
        }
    }

    /** The head block number. */
    public long head() {
        var r = rpc.call(w -> w.ethBlockNumber());
        if (r.hasError()) {
            throw new MarketException("eth_blockNumber failed: " + r.getError().getMessage());
        }
        return r.getBlockNumber().longValueExact();
    }

    /** The latest block's timestamp (the chain's clock, which decides deadlines). */
    public long chainTime() {
        var block = rpc.call(w -> w.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false));
        if (block.hasError() || block.getBlock() == null) {
            throw new MarketException("Cannot read the latest block: "
                    + (block.hasError() ? block.getError().getMessage() : "no block"));
        }
        return block.getBlock().getTimestamp().longValueExact();
    }

    /** The timestamp of block {@code number} (Unix seconds). */
    public long blockTime(BigInteger number) {
        var block = rpc.call(w -> w.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(number), false));
        if (block.hasError() || block.getBlock() == null) {
            throw new MarketException("Cannot read block " + number + ": "
                    + (block.hasError() ? block.getError().getMessage() : "no such block"));
        }
        return block.getBlock().getTimestamp().longValueExact();
    }

    /**
     * How many blocks one {@code eth_getLogs} asks for at most (default {@value #DEFAULT_LOG_PAGE}); a node that refuses a
     * range (a result or range limit) is asked again with halves of it.
     */
    public MarketChain logPage(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("a log page has at least one block, not " + blocks);
        }
        this.logPage = blocks;
        return this;
    }

    /**
     * The first block in which {@code address} has code: the suite's deployment block when {@link MarketContracts}
     * knows it, else found by bisecting {@code eth_getCode} over the chain (about log2(head) calls, once per address).
     * A node without the old state answers errors for old blocks; those count as "deployed", so the block found is
     * never later than the real one and no event is missed (the scan only starts earlier).
     */
    public long creationBlock(String address) {
        if (contracts.deploymentBlock() >= 0) {
            return contracts.deploymentBlock();
        }
        String key = address.toLowerCase(Locale.ROOT);
        Long known = creationBlocks.get(key);
        if (known != null) {
            return known;
        }
        long hi = head();
        if (hasCode(key, hi) != Boolean.TRUE) {
            throw new MarketException("There is no contract at " + address + " on chain " + chainId() + ": check the "
                    + "contract addresses (--contracts) and the network.");
        }
        long lo = 0;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (hasCode(key, mid) == Boolean.FALSE) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        creationBlocks.put(key, lo);
        return lo;
    }

    /** True or false; null when the node cannot tell (no state for that block). */
    private Boolean hasCode(String address, long block) {
        var r = rpc.call(w -> w.ethGetCode(address, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))));
        if (r.hasError() || r.getCode() == null) {
            return null;
        }
        return !Numeric.cleanHexPrefix(r.getCode()).isEmpty();
    }

    /**
     * Event logs of {@code address} between two blocks (inclusive), oldest first; {@code topics} are exact values or
     * null for any. The range starts no earlier than the contract's {@link #creationBlock} and is read in pages of at
     * most {@link #logPage} blocks.
     */
    public List<Log> logs(String address, long fromBlock, long toBlock, String... topics) {
        long from = Math.max(fromBlock, creationBlock(address));
        List<Log> out = new ArrayList<>();
        long next = from;
        while (next <= toBlock) {
            long end = Math.min(toBlock, next + logPage - 1);
            out.addAll(page(address, next, end, topics));
            next = end + 1;
        }
        return out;
    }

    /** Every log of {@code address} from its deployment to the head. */
    public List<Log> logsSinceDeployment(String address, String... topics) {
        return logs(address, 0, head(), topics);
    }

    /**
     * The newest log matching {@code topics}, searched page by page from the head back to the contract's deployment:
     * an event looked up by an indexed id (a purchase, a delivery, an anchor) is usually recent and found in the first
     * pages.
     */
    public Optional<Log> newestLog(String address, String... topics) {
        long floor = creationBlock(address);
        long end = head();
        while (end >= floor) {
            long start = Math.max(floor, end - logPage + 1);
            List<Log> found = page(address, start, end, topics);
            if (!found.isEmpty()) {
                return Optional.of(found.get(found.size() - 1));
            }
            end = start - 1;
        }
        return Optional.empty();
    }

    private List<Log> page(String address, long from, long to, String... topics) {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
        for (String t : topics) {
            if (t == null) {
                f.addNullTopic();
            } else {
                f.addSingleTopic(t);
            }
        }
        EthLog r = rpc.call(w -> w.ethGetLogs(f));
        if (r.hasError()) {
            if (to > from) {
                // a range or result limit of the node: ask for each half
                long mid = from + (to - from) / 2;
                List<Log> out = new ArrayList<>(page(address, from, mid, topics));
                out.addAll(page(address, mid + 1, to, topics));
                return out;
            }
            throw new MarketException("Reading events of " + address + " in block " + from + " failed: "
                    + r.getError().getMessage());
        }
        List<Log> out = new ArrayList<>();
        for (EthLog.LogResult<?> l : r.getLogs()) {
            out.add((Log) l.get());
        }
        return out;
    }

    /**
     * A view call ({@code eth_call} at the latest block: no transaction, no gas).
     *
     * @return the returned bytes as hex, or empty when the call reverted
     * @throws MarketException when no RPC endpoint answers
     */
    public Optional<String> viewCall(String what, String to, String data) {
        org.web3j.protocol.core.methods.response.EthCall r;
        try {
            r = rpc.call(w -> w.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                    account(), to, data), DefaultBlockParameterName.LATEST));
        } catch (ChainException e) {
            throw new MarketException(what + " failed: " + e.getMessage(), e);
        }
        if (r.hasError() || r.isReverted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(r.getValue());
    }

    /**
     * Simulates, asks the {@link Approver} with the readable confirmation, signs, sends and waits for the receipt.
     *
     * @param what the use case in words, for errors and progress ("List credential 0x12…")
     * @return the successful receipt
     * @throws MarketException with the decoded reason when the simulation or the transaction fails
     */
    public TransactionReceipt send(String what, String to, BigInteger value, String data, Progress progress) {
        String from = account();
        Optional<Activity> open = activity.open(chainId()).stream()
                .filter(a -> a.from().equalsIgnoreCase(from) && to.equalsIgnoreCase(a.to())
                        && data.equalsIgnoreCase(a.data()) && value.equals(a.value()))
                .findFirst();
        String hash;
        if (open.isPresent()) {
            hash = open.get().hash();
            progress.step(what + ": following " + hash + ", sent earlier and not final yet");
        } else {
            PreparedTx prepared;
            try {
                prepared = tx.prepare(TxRequest.call(from, to, value, data));
            } catch (ChainException e) {
                throw new MarketException(what + " cannot be sent: " + e.getMessage(), e);
            }
            if (!prepared.willSucceed()) {
                throw new MarketException(what + " would fail: " + prepared.confirmation().simulation()
                        + ". Nothing was sent.");
            }
            if (!approver.approve(prepared.confirmation())) {
                throw new MarketException.Declined(what + " was not approved; nothing was sent.");
            }
            try {
                hash = tx.send(prepared, signer);
            } catch (ChainException e) {
                throw new MarketException(what + " was refused: " + e.getMessage(), e);
            }
            progress.step(what + ": sent " + hash);
        }
        return await(what, hash);
    }

    private TransactionReceipt await(String what, String hash) {
        Activity a;
        try {
            a = tracker.await(hash, timeout, poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketException(what + ": interrupted while waiting for " + hash + "; it stays tracked.", e);
        }
        Optional<TransactionReceipt> receipt = rpc.call(w -> w.ethGetTransactionReceipt(hash)).getTransactionReceipt();
        switch (a.status()) {
            case CONFIRMED, MINED -> {
                return receipt.orElseThrow(() ->
                        new MarketException(what + ": the node lost the receipt of " + hash + "; try again."));
            }
            case FAILED -> throw new MarketException(what + " failed on chain: " + a.error() + " (" + hash + ").");
            case PENDING -> throw new MarketException(what + ": " + hash + " is not mined after " + timeout.toSeconds()
                    + " s. It stays tracked; speed it up with `enclave tx speed-up` or try again later.");
            default -> throw new MarketException(what + ": " + hash + " was " + a.status().name().toLowerCase(Locale.ROOT)
                    + (a.error() == null ? "" : " (" + a.error() + ")") + "; try again.");
        }
    }

    private ReadonlyTransactionManager readOnly() {
        return new ReadonlyTransactionManager(reader, account());
    }

    /** Wei as a decimal amount with the network's symbol. */
    public String amount(BigInteger wei) {
        return human.amount(wei);
    }

    /** Thrown I/O from wrappers in one place. */
    static MarketException io(String what, IOException e) {
        return new MarketException(what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        reader.shutdown();
        rpc.close();
    }
}
