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

/**
 * One account's view of the deployed suite: reads through the generated wrappers, and sends through
 * {@link TransactionService} (simulate, readable confirmation, {@link Approver}, sign, track in the vault's activity).
 * A transaction identical to one still open in the activity history (sent before a crash) is followed instead of
 * being sent again, so a retried use case never pays twice.
 */
public final class MarketChain implements AutoCloseable {
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

    /**
     * Event logs of {@code address} between two blocks (inclusive); {@code topics} are exact values or null for any.
     */
    public List<Log> logs(String address, long fromBlock, long toBlock, String... topics) {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address);
        for (String t : topics) {
            if (t == null) {
                f.addNullTopic();
            } else {
                f.addSingleTopic(t);
            }
        }
        EthLog r = rpc.call(w -> w.ethGetLogs(f));
        if (r.hasError()) {
            throw new MarketException("Reading events of " + address + " failed: " + r.getError().getMessage());
        }
        List<Log> out = new ArrayList<>();
        for (EthLog.LogResult<?> l : r.getLogs()) {
            out.add((Log) l.get());
        }
        return out;
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
        if (a.status() == Activity.Status.DROPPED && receipt.isPresent()) {
            // the tracker saw the nonce used before the receipt appeared (mined between its two reads): it is ours
            if (!receipt.get().isStatusOK()) {
                throw new MarketException(what + " failed on chain (" + hash + ").");
            }
            return receipt.get();
        }
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
