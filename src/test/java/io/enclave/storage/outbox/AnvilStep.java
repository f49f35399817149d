package io.enclave.storage.outbox;

import io.enclave.storage.StorageException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A chain step for the crash tests, written the way the chain layer's anchor and listing steps must be: the signed
 * transaction is checkpointed before it is sent, and a retry re-sends exactly those bytes and looks for their receipt,
 * so a crash anywhere yields one transaction, never two. Here the transaction carries the CID as calldata to the
 * sender itself (the real steps call the registry and market contracts).
 */
final class AnvilStep implements OutboxStep {
    private final String name;
    private final Web3j web3j;
    private final long chainId;
    private final Credentials sender;
    private final Function<StepContext, byte[]> calldata;

    AnvilStep(String name, Web3j web3j, long chainId, Credentials sender, Function<StepContext, byte[]> calldata) {
        this.name = name;
        this.web3j = web3j;
        this.chainId = chainId;
        this.sender = sender;
        this.calldata = calldata;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] run(StepContext ctx) throws Exception {
        byte[] signed = ctx.checkpoint("signed-tx").orElse(null);
        if (signed == null) {
            BigInteger nonce = web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
            RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, BigInteger.valueOf(200_000),
                    sender.getAddress(), BigInteger.ZERO, Numeric.toHexString(calldata.apply(ctx)),
                    BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(20_000_000_000L));
            signed = TransactionEncoder.signMessage(tx, chainId, sender);
            ctx.checkpoint("signed-tx", signed);
        }
        String hash = Numeric.toHexString(Hash.sha3(signed));
        EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError() && !alreadySent(sent.getError().getMessage())) {
            throw new StorageException(name + ": the node refused the transaction: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = null;
        for (int i = 0; i < 300 && receipt == null; i++) {
            receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElse(null);
            if (receipt == null) {
                Thread.sleep(100);
            }
        }
        if (receipt == null) {
            throw new StorageException(name + ": transaction " + hash + " not mined after 30 s; will look again");
        }
        if (!receipt.isStatusOK()) {
            throw new StorageException(name + ": transaction " + hash + " reverted");
        }
        Arrays.fill(signed, (byte) 0);
        return hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean alreadySent(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("nonce too low") || m.contains("already known") || m.contains("already imported");
    }
}
