package io.enclave.ui.app;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Amounts, durations and moments in the words the marketplace screens use. */
public final class Words {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm")
            .withZone(ZoneId.systemDefault());

    private Words() {
    }

    /** "7 days", "1 day 6 hours", "2 hours", "45 minutes". */
    public static String duration(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return plural(days, "day") + (hours > 0 ? " " + plural(hours, "hour") : "");
        }
        if (hours > 0) {
            return plural(hours, "hour") + (minutes > 0 ? " " + plural(minutes, "minute") : "");
        }
        return plural(Math.max(1, minutes), "minute");
    }

    /** A moment in the local time zone: "5 Dec 2026, 14:03". */
    public static String when(Instant t) {
        return t == null ? "—" : WHEN.format(t);
    }

    /** Wei as MOCA: "0.25 MOCA". */
    public static String moca(BigInteger wei) {
        if (wei == null) {
            return "—";
        }
        BigDecimal v = new BigDecimal(wei).movePointLeft(18).stripTrailingZeros();
        return (v.signum() == 0 ? "0" : v.toPlainString()) + " MOCA";
    }

    /** Basis points as a percentage: 250 → "2.5%". */
    public static String percent(int bps) {
        return BigDecimal.valueOf(bps).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
