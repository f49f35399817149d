package io.enclave.ui.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordStrengthTest {
    private static PasswordStrength.Result of(String s) {
        return PasswordStrength.of(s.toCharArray());
    }

    @Test
    void rejectsShortAndWellKnownPasswords() {
        assertThat(of("").score()).isZero();
        assertThat(of("Ab1!xyz").score()).isZero();
        assertThat(of("password1").acceptable()).isFalse();
        assertThat(of("PASSWORD1").label()).isEqualTo("Well known");
    }

    @Test
    void repeatsAndSequencesCountLittle() {
        assertThat(of("aaaaaaaaaaaaaaaaaaaa").acceptable()).isFalse();
        assertThat(of("abcdefghijklmnop").acceptable()).isFalse();
        assertThat(of("1111222233334444").acceptable()).isFalse();
    }

    @Test
    void lengthAndVarietyRaiseTheScore() {
        assertThat(of("river-lamp").score()).isBetween(1, 2);
        assertThat(of("correct horse battery staple").score()).isGreaterThanOrEqualTo(3);
        assertThat(of("Tr0ub4dor&3-xylophone!").score()).isEqualTo(4);
        assertThat(of("correct horse battery staple").score())
                .isGreaterThan(of("river-lamp").score());
    }
}
