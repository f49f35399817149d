package io.enclave.discovery.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * A Solidity event declaration as written in source, e.g.
 * {@code PriceUpdated(uint256 indexed listingId, uint256 price)}: parsed into its parameters, canonical form and topic.
 */
public record EventSignature(String name, List<Param> params) {
    private static final Pattern DECL = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*");
    private static final Pattern PARAM = Pattern.compile(
            "(uint\\d{0,3}|int\\d{0,3}|address|bool|bytes\\d{1,2}|bytes|string)(\\s+indexed)?\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** One parameter: its ABI type, whether it is a topic, and its name. */
    public record Param(String type, boolean indexed, String name) {
    }

    public EventSignature {
        params = List.copyOf(params);
    }

    public static EventSignature parse(String declaration) {
        Matcher m = DECL.matcher(declaration);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an event declaration: " + declaration);
        }
        List<Param> params = new ArrayList<>();
        String body = m.group(2).trim();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                Matcher p = PARAM.matcher(part.trim());
                if (!p.matches()) {
                    throw new IllegalArgumentException("Unsupported event parameter '" + part.trim() + "' in " + declaration);
                }
                params.add(new Param(normalise(p.group(1)), p.group(2) != null, p.group(3)));
            }
        }
        long indexed = params.stream().filter(Param::indexed).count();
        if (indexed > 3) {
            throw new IllegalArgumentException("An event has at most 3 indexed parameters: " + declaration);
        }
        return new EventSignature(m.group(1), params);
    }

    private static String normalise(String type) {
        if (type.equals("uint")) {
            return "uint256";
        }
        return type.equals("int") ? "int256" : type;
    }

    /** {@code Name(type1,type2)}: the text whose keccak-256 is topic 0. */
    public String canonical() {
        return name + params.stream().map(Param::type).collect(Collectors.joining(",", "(", ")"));
    }

    public String topic() {
        return Hash.sha3String(canonical());
    }
}
