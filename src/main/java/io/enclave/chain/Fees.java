package io.enclave.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * EIP-1559 fee suggestions from {@code eth_feeHistory}: the 10th/50th/90th percentile priority fees of recent
 * blocks (slow/normal/fast), and a maximum fee of twice the next block's base fee plus the tip, so a transaction
 * stays valid through several full blocks.
 */
public final class Fees {
    /** How quickly the user wants the transaction in. */
    public enum Speed { SLOW, NORMAL, FAST }

    /** EIP-1559 fee caps per gas, in wei. */
    public record Fee(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
        public Fee {
            if (maxPriorityFeePerGas.signum() < 0 || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
                throw new IllegalArgumentException("max fee per gas must be >= the priority fee, both >= 0");
            }
        }

        /** Both caps raised by at least 12.5% (nodes require +10% to replace a pending transaction). */
        public Fee bumped() {
            return new Fee(bump(maxFeePerGas), bump(maxPriorityFeePerGas));
        }

        private static BigInteger bump(BigInteger v) {
            return v.multiply(BigInteger.valueOf(9)).add(BigInteger.valueOf(7)).divide(BigInteger.valueOf(8))
                    .add(BigInteger.ONE);
        }

        /** The larger cap of each. */
        public Fee max(Fee o) {
            return new Fee(maxFeePerGas.max(o.maxFeePerGas), maxPriorityFeePerGas.max(o.maxPriorityFeePerGas));
        }
    }

    /** The suggestions and the base fee they were computed from. */
    public record Suggestion(BigInteger nextBaseFee, Fee slow, Fee normal, Fee fast) {
        public Fee get(Speed s) {
            return switch (s) {
                case SLOW -> slow;
                case NORMAL -> normal;
                case FAST -> fast;
            };
        }
    }

    /** The smallest tip suggested even when recent blocks paid none (empty blocks report 0). */
    static final BigInteger MIN_TIP = BigInteger.valueOf(1_000_000_000L);
    private static final int BLOCKS = 20;

    private final RpcClient rpc;

    public Fees(RpcClient rpc) {
        this.rpc = rpc;
    }

    public Suggestion suggest() {
        EthFeeHistory.FeeHistory h = rpc.result("eth_feeHistory", w -> w.ethFeeHistory(BLOCKS,
                DefaultBlockParameterName.LATEST, List.of(10.0, 50.0, 90.0)));
        List<BigInteger> base = h.getBaseFeePerGas();
        BigInteger next = base == null || base.isEmpty() ? BigInteger.ZERO : base.get(base.size() - 1);
        List<List<BigInteger>> rewards = h.getReward() == null ? List.of() : h.getReward();
        return new Suggestion(next, fee(next, median(rewards, 0)), fee(next, median(rewards, 1)),
                fee(next, median(rewards, 2)));
    }

    static Fee fee(BigInteger nextBase, BigInteger tip) {
        BigInteger t = tip.max(MIN_TIP);
        return new Fee(nextBase.multiply(BigInteger.TWO).add(t), t);
    }

    static BigInteger median(List<List<BigInteger>> rewards, int column) {
        List<BigInteger> col = new ArrayList<>();
        for (List<BigInteger> r : rewards) {
            if (r != null && r.size() > column) {
                col.add(r.get(column));
            }
        }
        if (col.isEmpty()) {
            return BigInteger.ZERO;
        }
        Collections.sort(col);
        return col.get(col.size() / 2);
    }
}
