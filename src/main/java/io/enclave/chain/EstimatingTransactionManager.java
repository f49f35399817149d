package io.enclave.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * Sends EIP-1559 transactions signed locally, always simulated first: {@code eth_estimateGas} either returns the gas
 * (a 20% margin is added) or the revert data, which is decoded into a {@link ChainRevertException} before anything
 * is signed. The gas limit and prices the web3j wrappers pass in are ignored. Refuses to work against a node whose
 * chain id differs from the configured one.
 */
public final class EstimatingTransactionManager extends TransactionManager {
    private static final int RECEIPT_ATTEMPTS = 600;
    private static final long RECEIPT_POLL_MS = 250;

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final RevertDecoder decoder;

    private EstimatingTransactionManager(Web3j web3j, Credentials credentials, long chainId, RevertDecoder decoder) {
        super(web3j, RECEIPT_ATTEMPTS, RECEIPT_POLL_MS, credentials.getAddress());
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.decoder = decoder;
    }

    /**
     * Connects to the node and checks its chain id.
     *
     * @throws IllegalStateException when the node serves another chain
     */
    public static EstimatingTransactionManager connect(Web3j web3j, Credentials credentials, long expectedChainId,
            RevertDecoder decoder) throws IOException {
        long actual = web3j.ethChainId().send().getChainId().longValueExact();
        if (actual != expectedChainId) {
            throw new IllegalStateException("The RPC endpoint serves chain " + actual + " but chain " + expectedChainId
                    + " is configured: refusing to sign. Check the RPC URL or the configured chain id.");
        }
        return new EstimatingTransactionManager(web3j, credentials, expectedChainId, decoder);
    }

    public long chainId() {
        return chainId;
    }

    public Web3j web3j() {
        return web3j;
    }

    public RevertDecoder decoder() {
        return decoder;
    }

    /**
     * Simulates, signs, sends and waits for the receipt.
     *
     * @param to the recipient, or null to create a contract
     * @param data the call data or creation code, 0x-prefixed
     * @param value wei sent along
     * @return the successful receipt
     * @throws ChainRevertException when the simulation or the mined transaction reverts
     */
    public TransactionReceipt execute(String to, String data, BigInteger value) throws IOException, TransactionException {
        String action = to == null ? "Contract creation" : "Transaction to " + to;
        BigInteger gasLimit = estimate(to, data, value, action);
        EthSendTransaction sent = sendSigned(to, data, value, gasLimit);
        TransactionReceipt receipt = processResponse(sent);
        if (!receipt.isStatusOK()) {
            throw replayRevert(to, data, value, receipt, action);
        }
        return receipt;
    }

    /** Read-only call at {@code block}; a revert becomes a decoded {@link ChainRevertException}. */
    public String call(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(getFromAddress(), to, data), block).send();
        if (r.hasError()) {
            throw decoder.decode("Call to " + to, revertData(r.getError()));
        }
        if (r.isReverted()) {
            throw decoder.decode("Call to " + to, r.getValue());
        }
        return r.getValue();
    }

    @Override
    protected TransactionReceipt executeTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data,
            BigInteger value, boolean constructor) throws IOException, TransactionException {
        return execute(constructor ? null : to, data, value);
    }

    @Override
    protected TransactionReceipt executeTransactionEIP1559(long chain, BigInteger maxPriorityFeePerGas,
            BigInteger maxFeePerGas, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
            throws IOException, TransactionException {
        return execute(constructor ? null : to, data, value);
    }

    @Override
    public EthSendTransaction sendTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data,
            BigInteger value, boolean constructor) throws IOException {
        String target = constructor ? null : to;
        return sendSigned(target, data, value, estimate(target, data, value, "Transaction"));
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(long chain, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
            BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor) throws IOException {
        return sendTransaction(null, null, to, data, value, constructor);
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        return call(to, data, block);
    }

    @Override
    public EthGetCode getCode(String contractAddress, DefaultBlockParameter block) throws IOException {
        return web3j.ethGetCode(contractAddress, block).send();
    }

    private BigInteger estimate(String to, String data, BigInteger value, String action) throws IOException {
        Transaction tx = new Transaction(getFromAddress(), null, null, null, to, value, data);
        EthEstimateGas r = web3j.ethEstimateGas(tx).send();
        if (r.hasError()) {
            throw decoder.decode(action, revertData(r.getError()));
        }
        BigInteger gas = r.getAmountUsed();
        return gas.add(gas.divide(BigInteger.valueOf(5)));
    }

    /**
     * Chooses the nonce, signs and broadcasts under the account's send lock ({@link SendLocks}: this JVM and, through a
     * lock file in Enclave's data folder, every other Enclave process), as {@link TransactionService} does: a deploy or
     * a CLI credential command beside the open studio never takes the nonce the studio is about to use.
     */
    private EthSendTransaction sendSigned(String to, String data, BigInteger value, BigInteger gasLimit)
            throws IOException {
        try (SendLocks.Held held = SendLocks.hold(chainId, getFromAddress(), SendLocks.defaultFolder(), SendLocks.BOUND)) {
            return signAndSend(to, data, value, gasLimit);
        }
    }

    private EthSendTransaction signAndSend(String to, String data, BigInteger value, BigInteger gasLimit)
            throws IOException {
        BigInteger nonce = web3j.ethGetTransactionCount(getFromAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        BigInteger priority = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getBaseFeePerGas();
        BigInteger maxFee = Objects.requireNonNullElse(baseFee, BigInteger.ZERO).shiftLeft(1).add(priority);
        RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to,
                value == null ? BigInteger.ZERO : value, data, priority, maxFee);
        byte[] signed = TransactionEncoder.signMessage(raw, chainId, credentials);
        EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            throw new IOException("The node rejected the transaction: " + sent.getError().getMessage());
        }
        return sent;
    }

    private ChainRevertException replayRevert(String to, String data, BigInteger value, TransactionReceipt receipt,
            String action) throws IOException {
        Transaction tx = new Transaction(getFromAddress(), null, null, null, to, value, data);
        EthCall r = web3j.ethCall(tx, DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE)))
                .send();
        String revert = r.hasError() ? revertData(r.getError()) : r.getRevertReason();
        return decoder.decode(action + " (mined in " + receipt.getTransactionHash() + ")", revert);
    }

    private static String revertData(Response.Error error) {
        String data = error.getData();
        if (data != null && data.startsWith("\"")) {
            data = data.substring(1, data.length() - 1);
        }
        if (data == null || !data.startsWith("0x")) {
            return "0x";
        }
        return data;
    }
}
