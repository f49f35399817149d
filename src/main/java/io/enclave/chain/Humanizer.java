package io.enclave.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.utils.Numeric;

/**
 * Renders chain values for people: native amounts in MOCA (18 decimals), Unix times as UTC dates, addresses with
 * their labels. Which unit an integer argument has is read from its ABI name (price, amount, fee, deadline, ...).
 */
public final class Humanizer {
    private static final Pattern AMOUNT = Pattern.compile("(?i).*(price|amount|value|fee|stake|bond|balance|deposit|"
            + "payment|refund|royalty|wei|offered|required|cost|owed|escrow|payout|withdrawable).*");
    private static final Pattern TIME = Pattern.compile("(?i)(.*deadline.*|.*timestamp.*|.*expir.*|.*until|.*At|"
            + ".*time|.*date|validFrom|validTo)");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String symbol;
    private final int decimals;
    private final Map<String, String> labels = new HashMap<>();

    public Humanizer(String symbol, int decimals) {
        this.symbol = symbol;
        this.decimals = decimals;
    }

    public static Humanizer of(Network n) {
        Humanizer h = new Humanizer(n.symbol(), n.decimals());
        n.contracts().forEach((name, addr) -> h.label(addr, name));
        return h;
    }

    /** Names an address (an account label, a contract name). */
    public Humanizer label(String address, String label) {
        labels.put(address.toLowerCase(Locale.ROOT), label);
        return this;
    }

    public String labelOf(String address) {
        return address == null ? null : labels.get(address.toLowerCase(Locale.ROOT));
    }

    /** {@code 1.5 MOCA}; exact, trailing zeros removed. */
    public String amount(BigInteger wei) {
        if (wei == null) {
            return "—";
        }
        BigDecimal v = new BigDecimal(wei).movePointLeft(decimals).stripTrailingZeros();
        return (v.signum() == 0 ? "0" : v.toPlainString()) + " " + symbol;
    }

    /** A fee per gas in gwei. */
    public static String gwei(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString() + " gwei";
    }

    public static String date(long epochSeconds) {
        return DATE.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** {@code 0xabc…def (Label)} or the full address when unlabelled. */
    public String address(String address) {
        if (address == null) {
            return "(new contract)";
        }
        String l = labelOf(address);
        return l == null ? address : address + " (" + l + ")";
    }

    /** One argument in human units, guessing the unit from its name. */
    public String arg(AbiDecoder.Arg a) {
        Object v = a.value();
        if (v instanceof BigInteger b && a.type().startsWith("uint")) {
            String name = a.name() == null ? "" : a.name();
            if (AMOUNT.matcher(name).matches()) {
                return amount(b);
            }
            if (TIME.matcher(name).matches() && b.bitLength() < 40 && b.signum() > 0) {
                return date(b.longValue()) + " (" + b + ")";
            }
            return b.toString();
        }
        if ("address".equals(a.type()) && v instanceof String s) {
            return address(s);
        }
        if (v instanceof byte[] bytes) {
            return Numeric.toHexString(bytes);
        }
        if (v instanceof String s && "string".equals(a.type())) {
            return "\"" + s + "\"";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(o -> o instanceof byte[] b ? Numeric.toHexString(b) : String.valueOf(o))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }

    public String args(List<AbiDecoder.Arg> args) {
        return args.stream().map(a -> (a.name() == null || a.name().isEmpty() ? "" : a.name() + ": ") + arg(a))
                .collect(Collectors.joining(", "));
    }

    /** A revert reason with its arguments in human units. */
    public String describe(RevertReason r) {
        return switch (r.kind()) {
            case CUSTOM -> (r.contract() == null ? "" : r.contract() + ".") + r.name() + "(" + args(r.args()) + ")";
            default -> r.describe();
        };
    }
}
