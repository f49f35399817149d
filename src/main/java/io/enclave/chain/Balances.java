package io.enclave.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/**
 * An account's native balance and what it holds inside the network's contracts: every view function
 * {@code name(address) returns (uint256)} whose name says it is money the account has there (withdrawable, owed,
 * stake, escrow, deposit, refund, pending...).
 */
public final class Balances {
    private static final Pattern HOLDING = Pattern.compile("(?i).*(withdrawable|owed|stake|escrow|deposit|refund|"
            + "pending|claimable|balance|bond).*");

    /** One amount: {@code contract} null for the native balance. */
    public record Holding(String contract, String function, BigInteger wei) {
    }

    private final RpcClient rpc;
    private final AbiRegistry abis;

    public Balances(RpcClient rpc, AbiRegistry abis) {
        this.rpc = rpc;
        this.abis = abis;
    }

    public BigInteger nativeBalance(String address) {
        var r = rpc.call(w -> w.ethGetBalance(address, DefaultBlockParameterName.LATEST));
        if (r.hasError()) {
            throw new ChainException("eth_getBalance failed: " + r.getError().getMessage());
        }
        return r.getBalance();
    }

    /** The native balance first, then every non-zero holding in the network's known contracts. */
    public List<Holding> all(String address) {
        List<Holding> out = new ArrayList<>();
        out.add(new Holding(null, null, nativeBalance(address)));
        for (Map.Entry<String, String> c : rpc.network().contracts().entrySet()) {
            for (AbiDefinition d : abis.abi(c.getKey())) {
                if (isHolding(d)) {
                    BigInteger v = call(c.getValue(), d.getName(), address);
                    if (v.signum() > 0) {
                        out.add(new Holding(c.getKey(), d.getName(), v));
                    }
                }
            }
        }
        return out;
    }

    static boolean isHolding(AbiDefinition d) {
        return "function".equals(d.getType()) && d.isPureOrView() && d.getInputs().size() == 1
                && "address".equals(d.getInputs().get(0).getType()) && d.getOutputs().size() == 1
                && "uint256".equals(d.getOutputs().get(0).getType()) && HOLDING.matcher(d.getName()).matches();
    }

    private BigInteger call(String contract, String function, String account) {
        String data = FunctionEncoder.encode(new Function(function, List.of(new Address(account)),
                List.of(new TypeReference<Uint256>() { })));
        var r = rpc.call(w -> w.ethCall(Transaction.createEthCallTransaction(account, contract, data),
                DefaultBlockParameterName.LATEST));
        if (r.hasError()) {
            throw new ChainException(function + " on " + contract + " failed: " + r.getError().getMessage());
        }
        String v = r.getValue();
        return v == null || "0x".equals(v) ? BigInteger.ZERO : Numeric.toBigInt(v);
    }
}
