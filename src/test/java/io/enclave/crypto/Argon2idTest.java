package io.enclave.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {
    private static final byte[] SALT = "somesalt".getBytes(StandardCharsets.US_ASCII);

    /** Known answers from the reference implementation's test suite (phc-winner-argon2, src/test.c, Argon2id v=19). */
    @Test
    void matchesTheReferenceImplementationVectors() {
        assertThat(hex(Argon2id.derive("password".toCharArray(), SALT, new Argon2id.Params(65536, 2, 1), 32)))
                .isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
        assertThat(hex(Argon2id.derive("password".toCharArray(), SALT, new Argon2id.Params(256, 2, 1), 32)))
                .isEqualTo("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe");
        assertThat(hex(Argon2id.derive("password".toCharArray(), SALT, new Argon2id.Params(256, 2, 2), 32)))
                .isEqualTo("6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037");
    }

    @Test
    void rejectsParametersThatAFileCouldUseToExhaustMemoryOrTime() {
        assertThatThrownBy(() -> new Argon2id.Params(Integer.MAX_VALUE, 3, 1)).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2id.Params(65536, 0, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2id.Params(65536, 1000, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2id.Params(65536, 3, 0)).hasMessageContaining("parallelism");
    }

    @Test
    void secretsRoundTripThroughUtf8WithoutStrings() {
        char[] pw = "pässwörd ✓".toCharArray();
        byte[] utf8 = Secrets.utf8(pw);
        assertThat(utf8).isEqualTo("pässwörd ✓".getBytes(StandardCharsets.UTF_8));
        assertThat(Secrets.chars(utf8)).isEqualTo(pw);
        Secrets.wipe(utf8);
        assertThat(utf8).containsOnly(0);
        assertThatThrownBy(() -> Secrets.chars(new byte[] {(byte) 0xff})).hasMessageContaining("UTF-8");
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
