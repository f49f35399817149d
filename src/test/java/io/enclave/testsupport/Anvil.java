package io.enclave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import io.enclave.devnet.AnvilNode;
import io.enclave.devnet.ChildProcess;
import io.enclave.devnet.JsToolchain;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** A real anvil node on a free loopback port, started from the npm toolchain. */
public final class Anvil implements AutoCloseable {
    /** anvil's default mnemonic; its accounts are funded with 10,000 ETH each. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    /** The private keys anvil derives from {@link #MNEMONIC} (m/44'/60'/0'/0/0..2). */
    public static final List<String> KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    private final AnvilNode node;
    private final String rpcUrl;
    private final long chainId;
    private final HttpService http;
    private final Web3j web3j;

    private Anvil(AnvilNode node) {
        this.node = node;
        this.rpcUrl = node.rpcUrl();
        this.chainId = node.chainId();
        this.http = new HttpService(rpcUrl);
        this.web3j = Web3j.build(http);
    }

    public static Anvil start(long chainId) {
        ManagedProcess.sweep();
        return new Anvil(AnvilNode.start(new JsToolchain(Toolchain.projectDir()), Toolchain.freePort(), chainId, null));
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    public Web3j web3j() {
        return web3j;
    }

    public ChildProcess process() {
        return node.process();
    }

    public Credentials account(int i) {
        return Credentials.create(KEYS.get(i));
    }

    /** Calls an anvil/hardhat JSON-RPC method and returns its raw result. */
    public Object rpc(String method, Object... params) {
        try {
            Response<Object> r = new Request<>(method, List.of(params), http, RawResponse.class).send();
            if (r.hasError()) {
                throw new IllegalStateException(method + ": " + r.getError().getMessage());
            }
            return r.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String snapshot() {
        return (String) rpc("evm_snapshot");
    }

    public void revert(String snapshotId) {
        if (!Boolean.TRUE.equals(rpc("evm_revert", snapshotId))) {
            throw new IllegalStateException("evm_revert " + snapshotId + " failed");
        }
    }

    public void mine(int blocks) {
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", seconds);
        mine(1);
    }

    /**
     * The receipt of a sent transaction, waiting up to 30 s: with automine on, anvil mines in the background, so
     * a receipt asked for right after {@code eth_sendRawTransaction} may not exist yet.
     */
    public org.web3j.protocol.core.methods.response.TransactionReceipt receipt(String hash) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        try {
            while (true) {
                var r = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
                if (r.isPresent()) {
                    return r.get();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no receipt for " + hash + " after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + hash, e);
        }
    }

    public BigInteger blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        node.close();
    }

    /** A JSON-RPC response whose result is kept as plain JSON values. */
    public static final class RawResponse extends Response<Object> {
    }
}
