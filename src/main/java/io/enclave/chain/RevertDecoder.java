package io.enclave.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into the contract's error: custom errors from every bundled ABI (selector = first four bytes of
 * keccak256 of the signature), {@code Error(string)} and {@code Panic(uint256)}.
 */
public final class RevertDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_STRING = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";

    private final Map<String, ErrorDef> bySelector = new HashMap<>();

    private record ErrorDef(String name, List<String> types) {
    }

    /** A decoder for every contract in the build. */
    public static RevertDecoder bundled() {
        ContractArtifacts a = ContractArtifacts.bundled();
        RevertDecoder d = new RevertDecoder();
        for (String name : a.names()) {
            d.addAbi(a.abi(name));
        }
        return d;
    }

    /** Adds the errors declared in an ABI (JSON text). */
    public RevertDecoder addAbi(String abiJson) {
        try {
            for (JsonNode item : JSON.readTree(abiJson)) {
                if (!"error".equals(item.path("type").asText())) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                for (JsonNode in : item.path("inputs")) {
                    types.add(canonicalType(in));
                }
                String signature = item.path("name").asText() + "(" + String.join(",", types) + ")";
                String selector = Hash.sha3String(signature).substring(0, 10);
                bySelector.putIfAbsent(selector, new ErrorDef(item.path("name").asText(), types));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable ABI", e);
        }
    }

    /** Decodes revert data (0x-prefixed hex) into an exception for {@code action}. */
    @SuppressWarnings("rawtypes") // web3j's decoder API is written against the raw Type
    public ChainRevertException decode(String action, String data) {
        String hex = data == null ? "0x" : Numeric.prependHexPrefix(data).toLowerCase(java.util.Locale.ROOT);
        if (hex.length() < 10) {
            return new ChainRevertException(action, hex.length() == 2 ? "empty revert" : "unknown", List.of(), hex);
        }
        String selector = hex.substring(0, 10);
        String body = "0x" + hex.substring(10);
        ErrorDef def;
        if (ERROR_STRING.equals(selector)) {
            def = new ErrorDef("Error", List.of("string"));
        } else if (PANIC.equals(selector)) {
            def = new ErrorDef("Panic", List.of("uint256"));
        } else {
            def = bySelector.get(selector);
        }
        if (def == null) {
            return new ChainRevertException(action, "unknown error " + selector, List.of(), hex);
        }
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String t : def.types()) {
                @SuppressWarnings("unchecked")
                TypeReference<Type> ref = (TypeReference<Type>) TypeReference.makeTypeReference(t);
                refs.add(ref);
            }
            List<Object> values = new ArrayList<>();
            for (Type v : FunctionReturnDecoder.decode(body, refs)) {
                Object value = v.getValue();
                values.add(value instanceof byte[] b ? Numeric.toHexString(b) : value);
            }
            return new ChainRevertException(action, def.name(), values, hex);
        } catch (ClassNotFoundException | RuntimeException e) {
            return new ChainRevertException(action, def.name() + " (undecodable arguments)", List.of(), hex);
        }
    }

    private static String canonicalType(JsonNode input) {
        String type = input.path("type").asText();
        if (type.startsWith("tuple")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode c : input.path("components")) {
                parts.add(canonicalType(c));
            }
            return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
        }
        return type;
    }
}
