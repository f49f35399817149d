package io.enclave.ui.wallet;

import io.enclave.chain.AbiDecoder;
import io.enclave.chain.AbiRegistry;
import io.enclave.chain.Balances;
import io.enclave.chain.ChainException;
import io.enclave.chain.Fees;
import io.enclave.chain.Humanizer;
import io.enclave.chain.Network;
import io.enclave.chain.PreparedTx;
import io.enclave.chain.ReceiptTracker;
import io.enclave.chain.Replacement;
import io.enclave.chain.RpcClient;
import io.enclave.chain.TransactionService;
import io.enclave.chain.TxRequest;
import io.enclave.vault.Activity;
import io.enclave.vault.ActivityStore;
import io.enclave.wallet.Account;
import io.enclave.wallet.UnlockedWallet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * What the wallet screen asks of the chain, as blocking calls on Enclave's own records (no JavaFX, no web3j types
 * reach the controller): balances, a prepared and simulated transfer with its readable confirmation, signing, and
 * the activity list with live status. One instance per network; {@link #close()} drops the RPC connection.
 */
public final class WalletService implements AutoCloseable {
    private final Network network;
    private final Supplier<ActivityStore> activity;
    private final AbiRegistry abis;
    private RpcClient rpc;

    /** {@code activity} is asked for on use: the vault it lives in opens only while the wallet is unlocked. */
    public WalletService(Network network, Supplier<ActivityStore> activity, AbiRegistry abis) {
        this.network = network;
        this.activity = activity;
        this.abis = abis;
    }

    public Network network() {
        return network;
    }

    private synchronized RpcClient rpc() {
        if (rpc == null) {
            RpcClient r = new RpcClient(network);
            try {
                r.connect();
            } catch (RuntimeException e) {
                r.close();
                throw new ChainException("Cannot reach the " + network.name() + " RPC (" + String.join(", ",
                        network.rpcUrls()) + "): " + e.getMessage() + " Check the RPC URL in Settings.", e);
            }
            rpc = r;
        }
        return rpc;
    }

    /** The humanizer with the accounts' labels, so confirmations say "Account 2" beside an address. */
    public Humanizer humanizer(List<Account> accounts) {
        Humanizer h = Humanizer.of(network);
        for (Account a : accounts) {
            h.label(a.address(), a.label());
        }
        return h;
    }

    /** The native balance first, then money held in the network's known contracts. */
    public List<Balances.Holding> balances(String address) {
        return new Balances(rpc(), abis).all(address);
    }

    /** Parses an amount typed by a person ("1.5") into the smallest unit; errors say how to write it. */
    public BigInteger parseAmount(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Enter an amount, e.g. 1.5 (in " + network.symbol() + ").");
        }
        try {
            BigDecimal v = new BigDecimal(t);
            if (v.signum() <= 0) {
                throw new IllegalArgumentException("The amount must be more than 0.");
            }
            return v.movePointRight(network.decimals()).toBigIntegerExact();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not an amount: write it like 1.5 (in "
                    + network.symbol() + ").", e);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' has more than " + network.decimals()
                    + " decimal places.", e);
        }
    }

    /** An address in its EIP-55 mixed-case form, whose checksum catches a mistyped character when read back. */
    public static String checksummed(String address) {
        return org.web3j.crypto.Keys.toChecksumAddress(address);
    }

    /** Checks an address typed by a person. */
    public static String parseAddress(String text) {
        String a = text == null ? "" : text.trim();
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'" + a + "' is not an address: it is 0x followed by 40 hex digits.");
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** Nonce, simulation, gas and fees, and the confirmation to show before signing. Nothing is signed here. */
    public PreparedTx prepareTransfer(String from, String to, BigInteger wei, Fees.Speed speed, List<Account> accounts) {
        return transactions(accounts).prepare(TxRequest.transfer(from, to, wei).withSpeed(speed));
    }

    /** Like {@link #prepareTransfer} for a contract call without value (the confirmation decodes the call). */
    public PreparedTx prepareCall(String from, String to, String data, List<Account> accounts) {
        return transactions(accounts).prepare(TxRequest.call(from, to, BigInteger.ZERO, data));
    }

    /** Signs with the unlocked wallet's key for the sender and broadcasts; refuses a transaction that would fail. */
    public String send(PreparedTx prepared, UnlockedWallet wallet) {
        if (!prepared.willSucceed()) {
            throw new ChainException("The simulation says this transaction would fail ("
                    + prepared.confirmation().simulation() + "); nothing was sent.");
        }
        return transactions(wallet.accounts()).send(prepared, wallet.signer(prepared.request().from()));
    }

    /** The speed-up of a pending transaction (same nonce, higher fees) with its confirmation; nothing is signed. */
    public Replacement prepareSpeedUp(String hash, List<Account> accounts) {
        return transactions(accounts).prepareSpeedUp(hash);
    }

    /** The cancel of a pending transaction (0 to oneself, same nonce) with its confirmation; nothing is signed. */
    public Replacement prepareCancel(String hash, List<Account> accounts) {
        return transactions(accounts).prepareCancel(hash);
    }

    /** Signs and broadcasts a prepared speed-up or cancel; returns the new hash. */
    public String sendReplacement(Replacement r, UnlockedWallet wallet) {
        return transactions(wallet.accounts()).sendReplacement(r, wallet.signer(sender(r.original().hash())));
    }

    private String sender(String hash) {
        return activity.get().find(hash).orElseThrow(() -> new ChainException("Transaction " + hash
                + " is not in this wallet's activity.")).from();
    }

    /** Updates the status of open transactions from the chain, then returns the newest {@code limit}. */
    public List<Activity> activity(List<Account> accounts, int limit) {
        ActivityStore store = activity.get();
        new ReceiptTracker(rpc(), store, new AbiDecoder(abis), humanizer(accounts)).refresh();
        return store.recent(network.chainId(), null, limit);
    }

    /** The latest block number (for the status bar). */
    public long blockNumber() {
        var r = rpc().call(w -> w.ethBlockNumber());
        if (r.hasError()) {
            throw new ChainException("eth_blockNumber failed: " + r.getError().getMessage());
        }
        return r.getBlockNumber().longValueExact();
    }

    private TransactionService transactions(List<Account> accounts) {
        return new TransactionService(rpc(), new AbiDecoder(abis), humanizer(accounts), activity.get());
    }

    @Override
    public synchronized void close() {
        if (rpc != null) {
            rpc.close();
            rpc = null;
        }
    }
}
