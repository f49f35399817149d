package io.enclave.ui.onboarding;

import java.util.Locale;
import java.util.Set;

/**
 * A rough strength score for a wallet password, for the meter under the field: 0 (unusable) to 4 (strong).
 * It rewards length most (the wallet's Argon2id makes each guess expensive, a long passphrase makes them many),
 * penalises repeats, sequences and well-known passwords, and says what would help.
 */
public final class PasswordStrength {
    /** A score and one line of advice. */
    public record Result(int score, String label, String advice) {
        public boolean acceptable() {
            return score >= 2;
        }
    }

    private static final Set<String> COMMON = Set.of("password", "password1", "12345678", "123456789", "1234567890",
            "qwertyuiop", "qwerty123", "iloveyou", "11111111", "00000000", "abcdefgh", "letmein1", "sunshine",
            "princess", "football", "baseball", "welcome1", "admin123", "passw0rd", "trustno1", "monkey123",
            "dragon123", "enclave1", "enclave123", "moca1234");

    private PasswordStrength() {
    }

    /** Scores {@code pw} without copying it into a String. */
    public static Result of(char[] pw) {
        if (pw.length < 8) {
            return new Result(0, "Too short", "Use at least 8 characters; a phrase of four or more words is best.");
        }
        if (COMMON.contains(new String(pw).toLowerCase(Locale.ROOT))) {
            return new Result(0, "Well known", "This password is on every list attackers try first.");
        }
        int classes = 0;
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        int distinct = (int) new String(pw).chars().distinct().count();
        int sequential = 0;
        for (int i = 0; i < pw.length; i++) {
            char c = pw[i];
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
            if (i > 0 && (pw[i] - pw[i - 1] == 1 || pw[i] == pw[i - 1])) {
                sequential++;
            }
        }
        classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        // Effective length: repeated and sequential characters add little.
        double effective = pw.length - sequential * 0.75;
        if (distinct <= 3) {
            effective = Math.min(effective, 4);
        }
        double bits = effective * Math.log(Math.max(10, classes * 20)) / Math.log(2);
        int score = bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
        return switch (score) {
            case 1 -> new Result(1, "Weak", "Make it longer: add words, not just symbols.");
            case 2 -> new Result(2, "Fair", "Acceptable; a few more words would make it strong.");
            case 3 -> new Result(3, "Good", "Write it down somewhere safe: it cannot be recovered.");
            default -> new Result(4, "Strong", "Write it down somewhere safe: it cannot be recovered.");
        };
    }
}
