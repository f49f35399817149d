package io.enclave.chain;

import io.enclave.vault.Activity;
import io.enclave.vault.ActivityStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Follows the wallet's open transactions to their end: mined, confirmed after the network's confirmation count,
 * failed, replaced by a speed-up/cancel, or dropped. It works from the vault alone, so tracking resumes after a
 * restart; a pending transaction the node no longer knows is broadcast again from its stored signed bytes.
 */
public final class ReceiptTracker {
    /** How long a transaction whose nonce was used may lack a receipt before it is called dropped. */
    public static final Duration DROP_GRACE = Duration.ofSeconds(3);
    private static final Duration DROP_POLL = Duration.ofMillis(100);

    private final RpcClient rpc;
    private final ActivityStore activity;
    private final AbiDecoder decoder;
    private final Humanizer human;

    public ReceiptTracker(RpcClient rpc, ActivityStore activity) {
        this(rpc, activity, new AbiDecoder(new AbiRegistry()), Humanizer.of(rpc.network()));
    }

    /** A tracker that explains failed transactions with the decoder's ABIs. */
    public ReceiptTracker(RpcClient rpc, ActivityStore activity, AbiDecoder decoder, Humanizer human) {
        this.rpc = rpc;
        this.activity = activity;
        this.decoder = decoder;
        this.human = human;
    }

    /** Checks every open transaction once and returns those whose status changed. */
    public List<Activity> refresh() {
        long chainId = rpc.network().chainId();
        List<Activity> open = activity.open(chainId);
        if (open.isEmpty()) {
            return List.of();
        }
        var block = rpc.call(w -> w.ethBlockNumber());
        if (block.hasError()) {
            throw new ChainException("eth_blockNumber failed: " + block.getError().getMessage());
        }
        long head = block.getBlockNumber().longValueExact();
        List<Activity> changed = new ArrayList<>();
        for (Activity a : open) {
            Activity now = activity.find(a.hash()).orElse(a);
            if (now.status().isFinal()) {
                continue;
            }
            Activity next = check(now, head);
            if (next.status() != now.status() || !java.util.Objects.equals(next.blockNumber(), now.blockNumber())) {
                activity.updateStatus(next);
                changed.add(next);
                if (next.blockNumber() != null) {
                    markSiblingsReplaced(next, changed);
                }
            }
        }
        return changed;
    }

    /** Refreshes until {@code hash} is final (confirmed, failed, replaced or dropped) or the timeout passes. */
    public Activity await(String hash, Duration timeout, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            refresh();
            Activity a = activity.find(hash).orElseThrow(() -> new ChainException("Transaction " + hash
                    + " is not in this wallet's history."));
            if (a.status().isFinal() || System.nanoTime() > deadline) {
                return a;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private Activity check(Activity a, long head) {
        Optional<TransactionReceipt> receipt = receipt(a.hash());
        if (receipt.isPresent()) {
            TransactionReceipt r = receipt.get();
            long block = r.getBlockNumber().longValueExact();
            if (!r.isStatusOK()) {
                return a.withStatus(Activity.Status.FAILED, block, r.getGasUsed(), "reverted in block " + block
                        + why(a, r.getBlockNumber()));
            }
            long confirmations = head - block + 1;
            return a.withStatus(confirmations >= rpc.network().confirmations() ? Activity.Status.CONFIRMED
                    : Activity.Status.MINED, block, r.getGasUsed(), null);
        }
        var count = rpc.call(w -> w.ethGetTransactionCount(a.from(), DefaultBlockParameterName.LATEST));
        if (!count.hasError() && count.getTransactionCount().longValueExact() > a.nonce()) {
            for (Activity sibling : activity.withNonce(a.chainId(), a.from(), a.nonce())) {
                if (!sibling.hash().equals(a.hash()) && receipt(sibling.hash()).isPresent()) {
                    return a.withStatus(Activity.Status.REPLACED, null, null, "replaced by " + sibling.hash());
                }
            }
            return lateReceipt(a, head).orElseGet(() -> a.withStatus(Activity.Status.DROPPED, null, null, "nonce "
                    + a.nonce() + " was used by a transaction this wallet did not record"));
        }
        var known = rpc.call(w -> w.ethGetTransactionByHash(a.hash()));
        if (!known.hasError() && known.getTransaction().isEmpty()) {
            rebroadcast(a);
        }
        return a;
    }

    /**
     * The account's nonce already counts the transaction but no receipt was found. A node can show the new nonce a moment
     * before the receipt of the transaction that used it (anvil commits the state before it stores the block's receipts),
     * so before calling it dropped this looks again for up to {@link #DROP_GRACE}: the receipt appearing, or the node
     * holding the transaction in a block, means it was mined. Returns the checked state then, empty if it is dropped.
     */
    private Optional<Activity> lateReceipt(Activity a, long head) {
        long deadline = System.nanoTime() + DROP_GRACE.toNanos();
        while (true) {
            if (receipt(a.hash()).isPresent()) {
                return Optional.of(check(a, head));
            }
            var known = rpc.call(w -> w.ethGetTransactionByHash(a.hash()));
            if (!known.hasError() && known.getTransaction().map(t -> t.getBlockHash() != null).orElse(false)) {
                return Optional.of(a); // in a block: its receipt comes with the next refresh
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(DROP_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(a); // not decided: the next refresh looks again
            }
        }
    }

    /** Replays a failed transaction against its block's state to recover the revert reason (best effort). */
    private String why(Activity a, BigInteger block) {
        var call = new Transaction(a.from(), null, null, a.gasLimit(), a.to(), a.value(), a.data());
        var r = rpc.call(w -> w.ethCall(call, DefaultBlockParameter.valueOf(block)));
        if (r.hasError() && r.getError().getData() != null) {
            String data = r.getError().getData().replace("\"", "").trim();
            if (data.startsWith("0x")) {
                return ": " + human.describe(decoder.decodeRevert(data));
            }
        }
        return r.hasError() ? ": " + r.getError().getMessage() : "";
    }

    private void markSiblingsReplaced(Activity mined, List<Activity> changed) {
        for (Activity s : activity.withNonce(mined.chainId(), mined.from(), mined.nonce())) {
            if (!s.hash().equals(mined.hash()) && !s.status().isFinal()) {
                Activity r = s.withStatus(Activity.Status.REPLACED, null, null, "replaced by " + mined.hash());
                activity.updateStatus(r);
                changed.add(r);
            }
        }
    }

    private void rebroadcast(Activity a) {
        var r = rpc.call(w -> w.ethSendRawTransaction(a.rawTx()));
        if (r.hasError()) {
            String m = String.valueOf(r.getError().getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (!m.contains("known") && !m.contains("nonce too low")) {
                activity.updateStatus(a.withStatus(Activity.Status.PENDING, null, null,
                        "re-broadcast refused: " + r.getError().getMessage()));
            }
        }
    }

    private Optional<TransactionReceipt> receipt(String hash) {
        var r = rpc.call(w -> w.ethGetTransactionReceipt(hash));
        if (r.hasError()) {
            throw new ChainException("eth_getTransactionReceipt failed: " + r.getError().getMessage());
        }
        return r.getTransactionReceipt();
    }
}
