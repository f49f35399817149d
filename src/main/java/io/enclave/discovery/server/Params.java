package io.enclave.discovery.server;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict query-parameter parsing: unknown, repeated, over-long or malformed parameters are a {@link BadRequest}. */
final class Params {
    static final int MAX_VALUE_LENGTH = 200;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern UINT = Pattern.compile("[0-9]{1,78}");
    private static final Pattern MOCA = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,18})?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,50}");
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private final Map<String, List<String>> query;

    Params(Context ctx, Set<String> allowed) {
        this.query = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new BadRequest(safeName(e.getKey()), "Unknown parameter; allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
            if (e.getValue().size() > 1) {
                throw new BadRequest(e.getKey(), "Give this parameter once");
            }
            String v = e.getValue().isEmpty() ? "" : e.getValue().get(0);
            if (v.length() > MAX_VALUE_LENGTH) {
                throw new BadRequest(e.getKey(), "At most " + MAX_VALUE_LENGTH + " characters");
            }
            if (v.indexOf('\0') >= 0) {
                throw new BadRequest(e.getKey(), "Contains a NUL character");
            }
        }
    }

    private static String safeName(String name) {
        String n = name.length() > 50 ? name.substring(0, 50) : name;
        return n.replaceAll("[^\\x20-\\x7e]", "?");
    }

    String text(String name) {
        List<String> v = query.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null;
        }
        return v.get(0).strip();
    }

    String word(String name) {
        String v = text(name);
        if (v != null && !WORD.matcher(v).matches()) {
            throw new BadRequest(name, "Letters, digits, '_', '.' or '-' only (1-50)");
        }
        return v;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new BadRequest(name, "One of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    int integer(String name, int min, int max, int fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name, "An integer from " + min + " to " + max);
    }

    String address(String name) {
        String v = text(name);
        return v == null ? null : address(name, v);
    }

    static String address(String name, String v) {
        if (!ADDRESS.matcher(v).matches()) {
            throw new BadRequest(name, "A 0x-prefixed 20-byte hex address");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    static BigDecimal uint256(String name, String v) {
        if (!UINT.matcher(v).matches() || new BigInteger(v).compareTo(UINT256_MAX) > 0) {
            throw new BadRequest(name, "A non-negative integer below 2^256");
        }
        return new BigDecimal(new BigInteger(v));
    }

    /** A MOCA amount with up to 18 decimals, returned in wei. */
    BigDecimal moca(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (!MOCA.matcher(v).matches()) {
            throw new BadRequest(name, "A MOCA amount such as 12 or 0.5 (up to 18 decimals)");
        }
        return new BigDecimal(v).movePointRight(18).setScale(0);
    }
}
