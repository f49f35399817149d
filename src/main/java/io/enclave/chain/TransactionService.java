package io.enclave.chain;

import io.enclave.vault.Activity;
import io.enclave.vault.ActivityStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * Prepares (nonce, estimate, fees, simulation, readable confirmation), signs and sends EIP-1559 transactions,
 * and replaces stuck ones (speed-up, cancel). Every sent transaction is recorded in the vault's activity history,
 * which is also where nonces are remembered across restarts.
 */
public final class TransactionService {
    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

    private final RpcClient rpc;
    private final AbiDecoder decoder;
    private final Humanizer human;
    private final ActivityStore activity;
    private final Fees fees;
    private final Map<String, String> contractsByAddress;
    private final Path lockFolder;

    /** Taking the per-account send lock in the user's data folder ({@code <data folder>/locks}, see {@link SendLocks}). */
    public TransactionService(RpcClient rpc, AbiDecoder decoder, Humanizer human, ActivityStore activity) {
        this(rpc, decoder, human, activity, SendLocks.defaultFolder());
    }

    /**
     * @param lockFolder where the per-(chain, account) send lock files are: every process that may send from the same
     *                   accounts must use the same folder
     */
    public TransactionService(RpcClient rpc, AbiDecoder decoder, Humanizer human, ActivityStore activity,
                              Path lockFolder) {
        this.lockFolder = lockFolder;
        this.rpc = rpc;
        this.decoder = decoder;
        this.human = human;
        this.activity = activity;
        this.fees = new Fees(rpc);
        Map<String, String> byAddress = new java.util.HashMap<>();
        rpc.network().contracts().forEach((name, addr) -> byAddress.put(addr.toLowerCase(Locale.ROOT), name));
        this.contractsByAddress = Map.copyOf(byAddress);
    }

    public Fees fees() {
        return fees;
    }

    private long chainId() {
        return rpc.network().chainId();
    }

    /** The next nonce for {@code from}: the chain's pending count or one past the highest this wallet used. */
    public long nextNonce(String from) {
        String a = from.toLowerCase(Locale.ROOT);
        var r = rpc.call(w -> w.ethGetTransactionCount(a, DefaultBlockParameterName.PENDING));
        if (r.hasError()) {
            throw new ChainException("eth_getTransactionCount failed: " + r.getError().getMessage());
        }
        BigInteger onChain = r.getTransactionCount();
        long local = activity.highestNonce(chainId(), a).orElse(-1) + 1;
        return Math.max(onChain.longValueExact(), local);
    }

    /** Simulates, estimates and prices {@code req} and describes it. Nothing is signed or sent. */
    public PreparedTx prepare(TxRequest req) {
        long nonce = nextNonce(req.from());
        Transaction call = new Transaction(req.from(), null, null, null, req.to(), req.value(), req.data());
        RevertReason revert = simulate(call);
        BigInteger gas = req.gasLimitOverride();
        if (gas == null && revert == null) {
            gas = estimate(call);
        }
        Fees.Fee fee = req.feeOverride() != null ? req.feeOverride() : fees.suggest().get(req.speed());
        Confirmation c = confirmation(req, nonce, gas, fee, revert);
        return new PreparedTx(req, nonce, gas == null ? BigInteger.ZERO : gas, fee, c, revert);
    }

    /**
     * Signs and broadcasts; refuses when the simulation failed or the RPC serves another chain.
     *
     * <p>Nonces are handed out one sender at a time per account, in this JVM and across the user's Enclave processes
     * (the studio and a CLI command beside it; {@link SendLocks}): under the account's send lock the nonce
     * is read again, and the transaction goes out with it. While the user read the confirmation another sender of the
     * same account (the outbox runner delivering a key, another screen) may have used the prepared nonce; the
     * transaction then takes the next one, after a fresh simulation at the new state — if it would now fail, nothing
     * is sent. The approved recipient, value, data, gas limit and fees never change.
     */
    public String send(PreparedTx p, Signer signer) {
        if (!p.willSucceed()) {
            throw new ChainException.WouldRevert(p.revert());
        }
        TxRequest r = p.request();
        Activity.Kind kind = r.to() == null ? Activity.Kind.DEPLOY : "0x".equals(r.data()) ? Activity.Kind.SEND
                : Activity.Kind.CALL;
        String summary = summary(p.confirmation());
        try (SendLocks.Held held = SendLocks.hold(chainId(), r.from(), lockFolder, SendLocks.BOUND)) {
            long nonce = nextNonce(r.from());
            if (nonce != p.nonce()) {
                RevertReason now = simulate(new Transaction(r.from(), null, null, null, r.to(), r.value(), r.data()));
                if (now != null) {
                    throw new ChainException.WouldRevert(now);
                }
            }
            return broadcast(signer, r.from(), r.to(), r.value(), r.data(), nonce, p.gasLimit(), p.fee(), kind, null,
                    summary);
        }
    }

    /** Re-sends a pending transaction with the same nonce and at least 12.5% higher fees. */
    public String speedUp(String hash, Signer signer) {
        return sendReplacement(prepareSpeedUp(hash), signer);
    }

    /** Replaces a pending transaction by a 0-value transfer to oneself with the same nonce and higher fees. */
    public String cancel(String hash, Signer signer) {
        return sendReplacement(prepareCancel(hash), signer);
    }

    /** The speed-up of a pending transaction and its confirmation: same transaction and nonce, higher fees. */
    public Replacement prepareSpeedUp(String hash) {
        Activity a = pending(hash);
        Fees.Fee fee = replacementFee(a);
        TxRequest req = new TxRequest(a.from(), a.to(), a.value(), a.data(), Fees.Speed.FAST, fee, a.gasLimit());
        RevertReason revert = simulateReplacement(req);
        String words = "Replaces your pending transaction " + a.hash() + " (nonce " + a.nonce() + ") with a higher fee: "
                + "max fee " + Humanizer.gwei(a.maxFee()) + " → " + Humanizer.gwei(fee.maxFeePerGas()) + ", tip "
                + Humanizer.gwei(a.maxPriorityFee()) + " → " + Humanizer.gwei(fee.maxPriorityFeePerGas())
                + ". Whichever is mined first wins.";
        return new Replacement(a, false, a.gasLimit(), fee, words,
                confirmation(req, a.nonce(), a.gasLimit(), fee, revert));
    }

    /** The cancel of a pending transaction and its confirmation: 0 to oneself with the same nonce, higher fees. */
    public Replacement prepareCancel(String hash) {
        Activity a = pending(hash);
        Fees.Fee fee = replacementFee(a);
        TxRequest req = new TxRequest(a.from(), a.from(), BigInteger.ZERO, "0x", Fees.Speed.FAST, fee, TRANSFER_GAS);
        String words = "Cancels your pending transaction " + a.hash() + " (nonce " + a.nonce() + ") by sending 0 "
                + rpc.network().symbol() + " to yourself with nonce " + a.nonce() + " and a higher fee: max fee "
                + Humanizer.gwei(a.maxFee()) + " → " + Humanizer.gwei(fee.maxFeePerGas())
                + ". If the original is mined first, the cancel fails and costs nothing.";
        return new Replacement(a, true, TRANSFER_GAS, fee, words, confirmation(req, a.nonce(), TRANSFER_GAS, fee, null));
    }

    /**
     * Signs and broadcasts a prepared replacement. Refuses when its original was mined meanwhile (the nonce is used:
     * nothing is sent) or when the speed-up's simulation failed.
     */
    public String sendReplacement(Replacement r, Signer signer) {
        requireNonceOpen(r.original());
        Activity a = pending(r.original().hash());
        if (!r.confirmation().willSucceed()) {
            throw new ChainException("The simulation says the replacement would fail (" + r.confirmation().simulation()
                    + "); nothing was sent.");
        }
        try {
            return r.cancel()
                    ? broadcast(signer, a.from(), a.from(), BigInteger.ZERO, "0x", a.nonce(), r.gasLimit(), r.fee(),
                            Activity.Kind.CANCEL, a.hash(), "Cancel of " + a.hash())
                    : broadcast(signer, a.from(), a.to(), a.value(), a.data(), a.nonce(), r.gasLimit(), r.fee(),
                            Activity.Kind.SPEED_UP, a.hash(), "Speed-up of " + a.hash() + ": " + a.summary());
        } catch (ChainException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("nonce too low")) {
                throw new ChainException(minedFirst(a), e);
            }
            throw e;
        }
    }

    private Fees.Fee replacementFee(Activity a) {
        return new Fees.Fee(a.maxFee(), a.maxPriorityFee()).bumped().max(fees.suggest().fast());
    }

    /** Throws when a transaction with {@code a}'s nonce is already in a block. */
    private void requireNonceOpen(Activity a) {
        var r = rpc.call(w -> w.ethGetTransactionCount(a.from(), DefaultBlockParameterName.LATEST));
        if (r.hasError()) {
            throw new ChainException("eth_getTransactionCount failed: " + r.getError().getMessage());
        }
        if (r.getTransactionCount().compareTo(BigInteger.valueOf(a.nonce())) > 0) {
            throw new ChainException(minedFirst(a));
        }
    }

    private static String minedFirst(Activity a) {
        return "Transaction " + a.hash() + " (nonce " + a.nonce() + ") was mined before the replacement; nothing was "
                + "sent.";
    }

    /** A speed-up runs against the latest block: the pending block may already hold the original it replaces. */
    private RevertReason simulateReplacement(TxRequest req) {
        Transaction call = new Transaction(req.from(), null, null, null, req.to(), req.value(), req.data());
        return revertOf(rpc.call(w -> w.ethCall(call, DefaultBlockParameterName.LATEST)));
    }

    private Activity pending(String hash) {
        Activity a = activity.find(hash).orElseThrow(() -> new ChainException("Transaction " + hash
                + " was not sent from this wallet: only its own transactions can be sped up or cancelled."));
        if (a.status() != Activity.Status.PENDING) {
            throw new ChainException("Transaction " + hash + " is " + a.status().name().toLowerCase(Locale.ROOT)
                    + ", not pending: there is nothing to replace.");
        }
        return a;
    }

    private String broadcast(Signer signer, String from, String to, BigInteger value, String data, long nonce,
                             BigInteger gas, Fees.Fee fee, Activity.Kind kind, String replaces, String summary) {
        if (!signer.address().equalsIgnoreCase(from)) {
            throw new IllegalArgumentException("signer " + signer.address() + " cannot sign for " + from);
        }
        rpc.requireChainId();
        RawTransaction raw = RawTransaction.createTransaction(chainId(), BigInteger.valueOf(nonce), gas,
                to == null ? "" : to, value, data, fee.maxPriorityFeePerGas(), fee.maxFeePerGas());
        String signed = Numeric.toHexString(signer.sign(raw, chainId()));
        String hash = Hash.sha3(signed).toLowerCase(Locale.ROOT);
        EthSendTransaction r = rpc.call(w -> w.ethSendRawTransaction(signed));
        if (r.hasError()) {
            throw new ChainException("The node refused the transaction: " + r.getError().getMessage()
                    + advice(r.getError().getMessage()));
        }
        Instant now = Instant.now();
        activity.insert(new Activity(hash, chainId(), from.toLowerCase(Locale.ROOT), to, nonce, value, data, gas,
                fee.maxFeePerGas(), fee.maxPriorityFeePerGas(), kind, Activity.Status.PENDING, replaces, summary, signed,
                null, null, null, now, now));
        return hash;
    }

    private static String advice(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("insufficient funds")) {
            return ". Add funds to the account or send less.";
        }
        if (m.contains("nonce too low")) {
            return ". Another transaction used this nonce; prepare the transaction again.";
        }
        if (m.contains("underpriced") || m.contains("replacement")) {
            return ". Raise the fee (use the fast speed or a higher --max-fee).";
        }
        return ".";
    }

    private RevertReason simulate(Transaction call) {
        var r = rpc.call(w -> w.ethCall(call, DefaultBlockParameterName.PENDING));
        return revertOf(r);
    }

    private BigInteger estimate(Transaction call) {
        var r = rpc.call(w -> w.ethEstimateGas(call));
        if (r.hasError()) {
            RevertReason reason = revertOf(r);
            throw reason != null ? new ChainException.WouldRevert(reason)
                    : new ChainException("Gas estimation failed: " + r.getError().getMessage());
        }
        BigInteger est = r.getAmountUsed();
        // 20% headroom for state that changes between estimate and inclusion; plain transfers need exactly 21000
        return est.equals(TRANSFER_GAS) ? est : est.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
    }

    /** The revert in a JSON-RPC error answer, or null when the call succeeded. */
    private RevertReason revertOf(Response<?> r) {
        if (!r.hasError()) {
            return null;
        }
        Response.Error e = r.getError();
        String data = e.getData();
        if (data != null) {
            data = data.replace("\"", "").trim();
        }
        if (data != null && data.startsWith("0x")) {
            return decoder.decodeRevert(data);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (msg.toLowerCase(Locale.ROOT).contains("revert")) {
            return new RevertReason(RevertReason.Kind.ERROR_STRING, "Error", null,
                    List.of(new AbiDecoder.Arg("reason", "string", msg)), "0x");
        }
        return new RevertReason(RevertReason.Kind.REJECTED, "rejected", null,
                List.of(new AbiDecoder.Arg("message", "string", msg)), "0x");
    }

    private Confirmation confirmation(TxRequest r, long nonce, BigInteger gas, Fees.Fee fee, RevertReason revert) {
        String contract = r.to() == null ? "new contract" : contractsByAddress.get(r.to());
        String function = null;
        List<Confirmation.Line> args = new ArrayList<>();
        if (r.to() != null && !"0x".equals(r.data())) {
            var call = decoder.decodeCall(contract, r.data());
            if (call.isPresent()) {
                function = call.get().function();
                for (AbiDecoder.Arg a : call.get().args()) {
                    args.add(new Confirmation.Line(a.name(), human.arg(a)));
                }
            } else {
                function = "unknown call (selector " + r.data().substring(0, Math.min(10, r.data().length())) + ")";
            }
        }
        String maxCost = gas == null ? "unknown (the transaction would fail)"
                : human.amount(r.value().add(gas.multiply(fee.maxFeePerGas())));
        String sim = revert == null ? (r.to() == null ? "the contract deploys" : "0x".equals(r.data())
                ? "the transfer succeeds" : "the call succeeds")
                : human.describe(revert);
        return new Confirmation(rpc.network().name(), chainId(), human.address(r.from()), human.address(r.to()), contract,
                function, args, human.amount(r.value()), nonce, gas == null ? "—" : gas.toString(),
                Humanizer.gwei(fee.maxFeePerGas()), Humanizer.gwei(fee.maxPriorityFeePerGas()), maxCost, revert == null,
                sim);
    }

    private static String summary(Confirmation c) {
        String what = c.function() != null ? c.contract() + "." + c.function()
                : c.contract() != null ? "deploy " + c.contract() : "transfer " + c.value();
        return what + " to " + c.to();
    }
}
