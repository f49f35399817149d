package io.enclave.chain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * Revert data as an exception for one action ("purchase reverted: WrongPayment[10, 1]"). A thin face over
 * {@link AbiDecoder#decodeRevert}, which does the decoding (custom errors of every known ABI, {@code Error(string)},
 * {@code Panic(uint256)}) for the wallet's confirmations too: one decoder, two shapes of answer.
 */
public final class RevertDecoder {
    private final AbiDecoder abi;

    public RevertDecoder(AbiDecoder abi) {
        this.abi = abi;
    }

    /** A decoder for every contract in the build. */
    public static RevertDecoder bundled() {
        return new RevertDecoder(new AbiDecoder(AbiRegistry.fromClasspath()));
    }

    /** Decodes revert data (0x-prefixed hex) into an exception for {@code action}; never throws on garbage. */
    public ChainRevertException decode(String action, String data) {
        RevertReason r = abi.decodeRevert(data);
        String hex = r.rawData();
        List<Object> values = new ArrayList<>();
        switch (r.kind()) {
            case EMPTY -> {
                return new ChainRevertException(action, hex.length() == 2 ? "empty revert" : "unknown", List.of(), hex);
            }
            case UNKNOWN -> {
                String selector = hex.substring(0, 10);
                String name = abi.registry().error(selector).map(e -> e.definition().getName() + " (undecodable arguments)")
                        .orElse("unknown error " + selector);
                return new ChainRevertException(action, name, List.of(), hex);
            }
            case PANIC -> values.add(r.args().get(0).value());
            default -> r.args().forEach(a -> values.add(a.value() instanceof byte[] b ? Numeric.toHexString(b) : a.value()));
        }
        return new ChainRevertException(action, r.name(), values, hex);
    }
}
