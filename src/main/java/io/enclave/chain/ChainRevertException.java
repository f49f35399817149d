package io.enclave.chain;

import java.util.List;

/** A transaction or call that the chain refused, with the contract's custom error decoded from the ABIs. */
public class ChainRevertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final transient List<Object> arguments;
    private final String rawData;

    public ChainRevertException(String action, String errorName, List<Object> arguments, String rawData) {
        super(action + " reverted: " + errorName + (arguments.isEmpty() ? "" : arguments.toString()));
        this.errorName = errorName;
        this.arguments = List.copyOf(arguments);
        this.rawData = rawData;
    }

    /** The error's name, e.g. {@code WrongPayment}, {@code Error} for a string revert, {@code Panic}, or {@code unknown}. */
    public String errorName() {
        return errorName;
    }

    /** The decoded error arguments (BigInteger, String addresses as 0x hex, byte[] as hex strings, Boolean). */
    public List<Object> arguments() {
        return arguments;
    }

    /** The raw revert data, 0x-prefixed (may be "0x"). */
    public String rawData() {
        return rawData;
    }
}
