package io.enclave.chain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a call reverts, decoded: {@code Error(string)}, {@code Panic(uint256)}, a custom error from a contract ABI, or
 * raw data that no known ABI explains.
 */
public record RevertReason(Kind kind, String name, String contract, List<AbiDecoder.Arg> args, String rawData) {
    /** The shape of the revert data. */
    public enum Kind {
        ERROR_STRING, PANIC, CUSTOM, UNKNOWN, EMPTY,
        /** Not a revert: the node refuses the transaction itself (insufficient funds, gas above the block limit). */
        REJECTED
    }

    public RevertReason {
        args = List.copyOf(args);
    }

    /** A one-line description with raw argument values; {@link Humanizer#describe} renders units and labels. */
    public String describe() {
        return switch (kind) {
            case EMPTY -> "it reverted without a reason";
            case ERROR_STRING -> "\"" + args.get(0).value() + "\"";
            case PANIC -> "panic: " + args.get(1).value();
            case CUSTOM -> (contract == null ? "" : contract + ".") + name + "(" + args.stream()
                    .map(a -> a.name() + "=" + a.value()).collect(Collectors.joining(", ")) + ")";
            case REJECTED -> "the node rejects it: " + args.get(0).value();
            case UNKNOWN -> "an error no known contract ABI declares (selector " + name + ", data " + rawData + ")";
        };
    }
}
