package io.enclave.ui.trust;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The unbonding period and the time left in words, from the chain's numbers: "7 days", "2 days 3 hours left", "your
 * stake can be withdrawn after 7 days, on 6 Dec 2026 14:00". Times are the chain's clock shown in the local zone.
 */
public final class UnbondingWords {
    private final DateTimeFormatter when;

    public UnbondingWords(ZoneId zone) {
        this.when = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(zone);
    }

    /** A duration in the two largest units that matter: "7 days", "1 day 6 hours", "45 minutes", "30 seconds". */
    public static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(unit(days, "day"));
            if (hours > 0) {
                parts.add(unit(hours, "hour"));
            }
        } else if (hours > 0) {
            parts.add(unit(hours, "hour"));
            if (minutes > 0) {
                parts.add(unit(minutes, "minute"));
            }
        } else if (minutes > 0) {
            parts.add(unit(minutes, "minute"));
        } else {
            parts.add(unit(seconds, "second"));
        }
        return String.join(" ", parts);
    }

    private static String unit(long n, String name) {
        return n + " " + name + (n == 1 ? "" : "s");
    }

    /** A point in time as shown to people: "6 Dec 2026 14:00". */
    public String at(Instant t) {
        return when.format(t);
    }

    /** Said before an unbond request: "your stake can be withdrawn after 7 days, on 6 Dec 2026 14:00". */
    public String beforeRequest(Duration period, long chainNow) {
        return "your stake can be withdrawn after " + span(period) + ", on "
                + at(Instant.ofEpochSecond(chainNow).plus(period));
    }

    /** The state of unbonding shares: "3 days 4 hours left (until 6 Dec 2026 14:00)", or "ready to withdraw". */
    public String left(Instant releaseAt, long chainNow) {
        long left = releaseAt.getEpochSecond() - chainNow;
        if (left <= 0) {
            return "ready to withdraw";
        }
        return span(Duration.ofSeconds(left)) + " left (until " + at(releaseAt) + ")";
    }
}
