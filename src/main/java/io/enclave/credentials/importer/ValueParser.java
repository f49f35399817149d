package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.credentials.schema.Attribute;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns text as people write it into an attribute value: amounts in major units ("1,234.56" with 2 decimals is 123456
 * minor units), dates in the import's date format (stored as ISO yyyy-MM-dd), yes/no for booleans.
 */
final class ValueParser {
    private static final Pattern AMOUNT = Pattern.compile("[+-]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DateTimeFormatter dateFormat;

    ValueParser(DateTimeFormatter dateFormat) {
        this.dateFormat = dateFormat;
    }

    /** The value of {@code raw} (already trimmed, not empty) for {@code attribute}; the message says what was expected. */
    JsonNode parse(Attribute attribute, String raw) throws BadValue {
        return switch (attribute.encoding()) {
            case INTEGER, SIGNED_INTEGER -> NODES.numberNode(amount(raw, attribute.decimals()).toBigIntegerExact());
            case DATE -> NODES.textNode(date(raw).toString());
            case STRING -> NODES.textNode(raw);
            case BOOLEAN -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> NODES.booleanNode(true);
                case "false", "no", "n", "0" -> NODES.booleanNode(false);
                default -> throw new BadValue("expected yes or no (true/false)");
            };
        };
    }

    /** An amount with at most {@code decimals} decimal places, scaled to minor units. */
    static BigDecimal amount(String raw, int decimals) throws BadValue {
        String s = raw.replace(" ", "");
        if (!AMOUNT.matcher(s).matches()) {
            throw new BadValue(decimals > 0 ? "expected an amount such as 1234.56 (a dot for decimals)"
                    : "expected a whole number");
        }
        BigDecimal d = new BigDecimal(s.replace(",", ""));
        if (d.stripTrailingZeros().scale() > decimals) {
            throw new BadValue(decimals > 0 ? "more than " + decimals + " decimal places" : "expected a whole number");
        }
        return d.movePointRight(decimals).setScale(0);
    }

    LocalDate date(String raw) throws BadValue {
        try {
            return LocalDate.parse(raw, dateFormat);
        } catch (DateTimeParseException e) {
            throw new BadValue("not a valid date in the format " + dateFormat.toString().replace("Value", ""));
        }
    }

    /** A cell that does not parse: the message says what was expected, never what was found. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }
}
