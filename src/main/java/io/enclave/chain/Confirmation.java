package io.enclave.chain;

import java.util.List;

/**
 * What the user is asked to approve, in words: the same record the desktop shows and the CLI prints.
 *
 * @param contract the contract's name, or null for a plain transfer, or "new contract" for a deployment
 * @param function the function's name, or null when the data is not a known call
 * @param arguments the decoded arguments in human units (name, rendered value)
 * @param maxCost value plus gas limit × max fee: the most this can cost
 * @param willSucceed whether the pre-flight simulation succeeded
 * @param simulation what the simulation says will happen
 */
public record Confirmation(String network, long chainId, String from, String to, String contract, String function,
                           List<Line> arguments, String value, long nonce, String gasLimit, String maxFeePerGas,
                           String maxPriorityFeePerGas, String maxCost, boolean willSucceed, String simulation) {
    /** One named, rendered value. */
    public record Line(String name, String value) {
    }

    public Confirmation {
        arguments = List.copyOf(arguments);
    }

    /** Plain text for the terminal. */
    public String render() {
        StringBuilder b = new StringBuilder();
        line(b, "Network", network + " (chain " + chainId + ")");
        line(b, "From", from);
        line(b, "To", to);
        if (contract != null) {
            line(b, "Contract", contract);
        }
        if (function != null) {
            line(b, "Function", function);
            for (Line l : arguments) {
                line(b, "  " + l.name(), l.value());
            }
        }
        line(b, "Value", value);
        line(b, "Nonce", Long.toString(nonce));
        line(b, "Gas limit", gasLimit);
        line(b, "Max fee", maxFeePerGas + " per gas (tip " + maxPriorityFeePerGas + ")");
        line(b, "Max cost", maxCost);
        line(b, "Simulation", (willSucceed ? "succeeds: " : "FAILS: ") + simulation);
        return b.toString();
    }

    private static void line(StringBuilder b, String k, String v) {
        b.append(String.format("%-14s %s%n", k, v));
    }
}
