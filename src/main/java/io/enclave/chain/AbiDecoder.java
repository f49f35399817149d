package io.enclave.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/** Decodes call data and revert data with the ABIs of an {@link AbiRegistry}. */
public final class AbiDecoder {
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    private static final Map<Integer, String> PANICS = Map.of(0x01, "an assertion failed", 0x11,
            "arithmetic overflow or underflow", 0x12, "division by zero", 0x21, "invalid enum value", 0x22,
            "corrupt storage byte array", 0x31, "pop on an empty array", 0x32, "array index out of bounds", 0x41,
            "out of memory", 0x51, "call to an uninitialised function");

    private final AbiRegistry registry;

    public AbiDecoder(AbiRegistry registry) {
        this.registry = registry;
    }

    public AbiRegistry registry() {
        return registry;
    }

    /** One decoded argument: its ABI name and type, and its Java value (BigInteger, String address, byte[], ...). */
    public record Arg(String name, String type, Object value) {
    }

    /** A decoded function call. */
    public record Call(String contract, String function, String signature, List<Arg> args) {
    }

    /** Decodes revert data ({@code 0x} hex, possibly empty). */
    public RevertReason decodeRevert(String data) {
        String hex = data == null ? "0x" : Numeric.prependHexPrefix(data.trim()).toLowerCase(java.util.Locale.ROOT);
        if (hex.length() < 10) {
            return new RevertReason(RevertReason.Kind.EMPTY, null, null, List.of(), hex);
        }
        String selector = hex.substring(0, 10);
        String body = "0x" + hex.substring(10);
        if (selector.equals(ERROR_STRING)) {
            List<Arg> a = decode(body, List.of(named("reason", "string")));
            if (a != null) {
                return new RevertReason(RevertReason.Kind.ERROR_STRING, "Error", null, a, hex);
            }
        } else if (selector.equals(PANIC)) {
            List<Arg> a = decode(body, List.of(named("code", "uint256")));
            if (a != null) {
                int code = ((BigInteger) a.get(0).value()).intValue();
                String what = PANICS.getOrDefault(code, "panic code 0x" + Integer.toHexString(code));
                return new RevertReason(RevertReason.Kind.PANIC, "Panic", null,
                        List.of(new Arg("code", "uint256", a.get(0).value()), new Arg("meaning", "string", what)), hex);
            }
        } else {
            Optional<AbiRegistry.Entry> e = registry.error(selector);
            if (e.isPresent()) {
                List<Arg> a = decode(body, e.get().definition().getInputs());
                if (a != null) {
                    return new RevertReason(RevertReason.Kind.CUSTOM, e.get().definition().getName(), e.get().contract(),
                            a, hex);
                }
            }
        }
        return new RevertReason(RevertReason.Kind.UNKNOWN, selector, null, List.of(), hex);
    }

    /** Decodes call data sent to {@code contract}; empty when the contract or selector is unknown. */
    public Optional<Call> decodeCall(String contract, String data) {
        if (contract == null || data == null || data.length() < 10) {
            return Optional.empty();
        }
        String hex = Numeric.prependHexPrefix(data).toLowerCase(java.util.Locale.ROOT);
        return registry.function(contract, hex.substring(0, 10)).flatMap(e -> {
            List<Arg> args = decode("0x" + hex.substring(10), e.definition().getInputs());
            return args == null ? Optional.empty()
                    : Optional.of(new Call(contract, e.definition().getName(), e.signature(), args));
        });
    }

    /** Decodes ABI-encoded values; null when the data does not match the types or a type is not supported. */
    @SuppressWarnings("rawtypes") // web3j's FunctionReturnDecoder works with the raw Type
    static List<Arg> decode(String hex, List<AbiDefinition.NamedType> params) {
        if (params == null || params.isEmpty()) {
            return List.of();
        }
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (AbiDefinition.NamedType p : params) {
                if (p.getType().startsWith("tuple")) {
                    return null;
                }
                @SuppressWarnings("unchecked")
                TypeReference<Type> ref = (TypeReference<Type>) TypeReference.makeTypeReference(p.getType());
                refs.add(ref);
            }
            List<Type> values = FunctionReturnDecoder.decode(hex, refs);
            if (values.size() != params.size()) {
                return null;
            }
            List<Arg> out = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                out.add(new Arg(params.get(i).getName(), params.get(i).getType(), plain(values.get(i))));
            }
            return out;
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static Object plain(Type<?> t) {
        Object v = t.getValue();
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(o instanceof Type<?> inner ? plain(inner) : o);
            }
            return out;
        }
        return v;
    }

    private static AbiDefinition.NamedType named(String name, String type) {
        return new AbiDefinition.NamedType(name, type, null, type, false);
    }
}
