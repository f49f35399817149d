package io.enclave.chain;

import java.math.BigInteger;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.gas.ContractEIP1559GasProvider;

/**
 * The gas provider handed to web3j wrappers used with {@link EstimatingTransactionManager}: it only tells the wrapper
 * to build EIP-1559 transactions; the manager estimates the limit and reads the fees from the node for every send.
 */
public record EstimatedGas(long chainId) implements ContractEIP1559GasProvider {
    private static final BigInteger NOT_USED = BigInteger.ZERO;

    @Override
    public long getChainId() {
        return chainId;
    }

    @Override
    public BigInteger getMaxFeePerGas() {
        return NOT_USED;
    }

    @Override
    public BigInteger getMaxPriorityFeePerGas() {
        return NOT_USED;
    }

    @Override
    public BigInteger getGasPrice() {
        return NOT_USED;
    }

    @Override
    public BigInteger getGasLimit(Transaction transaction) {
        return NOT_USED;
    }

    @Override
    public BigInteger getGasLimit() {
        return NOT_USED;
    }
}
