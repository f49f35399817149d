package io.enclave.devnet;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Test MOCA for the local devnet: a new wallet starts empty, and on anvil the balance of any address can simply be set
 * ({@code anvil_setBalance}). Works only against anvil — the devnet — and says so elsewhere; nothing is signed.
 */
public final class DevnetFaucet {
    /** What one press gives: 100 MOCA. */
    public static final BigInteger GIFT = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(100));

    private DevnetFaucet() {
    }

    /** Adds {@code wei} to {@code address}'s balance on the devnet at {@code rpcUrl}; returns the new balance. */
    public static BigInteger topUp(String rpcUrl, String address, BigInteger wei) {
        if (wei.signum() <= 0) {
            throw new IllegalArgumentException("The amount to add must be more than zero.");
        }
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("Not an address: " + address);
        }
        HttpService http = new HttpService(rpcUrl);
        Web3j web3 = Web3j.build(http);
        try {
            BigInteger before = web3.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
            BigInteger after = before.add(wei);
            VoidResponse r = new Request<>("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(after)), http,
                    VoidResponse.class).send();
            if (r.hasError()) {
                throw new DevnetException("The node at " + rpcUrl + " does not hand out test MOCA (" + r.getError().getMessage()
                        + "): only the local devnet does.");
            }
            return after;
        } catch (IOException e) {
            throw new DevnetException("No answer from the devnet at " + rpcUrl + ": " + e.getMessage()
                    + ". Is the devnet running (Network page)?", e);
        } finally {
            web3.shutdown();
        }
    }
}
