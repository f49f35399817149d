package io.enclave.discovery.indexer;

import java.math.BigInteger;
import java.util.Map;

/**
 * A decoded contract event. Arguments are kept as canonical strings so they round-trip through JSON exactly:
 * uintN as decimal, address as lower-case 0x-hex, bytesN as lower-case 0x-hex, bool as true/false, string as is.
 */
public record DecodedEvent(String name, Map<String, String> args, RawLog log) {
    public DecodedEvent {
        args = Map.copyOf(args);
    }

    public String text(String arg) {
        String v = args.get(arg);
        if (v == null) {
            throw new IllegalStateException("event " + name + " has no argument '" + arg + "' (check EventMappings)");
        }
        return v;
    }

    public BigInteger uint(String arg) {
        return new BigInteger(text(arg));
    }

    /** The argument if the event has it, else null (for the optional listing/purchase keys). */
    public BigInteger uintOrNull(String arg) {
        String v = args.get(arg);
        return v == null ? null : new BigInteger(v);
    }
}
