package io.enclave.ui.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.ui.UiTestSupport;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.WalletException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;

/** The blocking first-launch operations: every input path, its errors, and that secrets are wiped. */
class WalletSetupTest {
    private static final String ANVIL_KEY0 = io.enclave.testsupport.Anvil.KEYS.get(0).replaceFirst("^0x", "");
    private static final String ANVIL_ADDRESS0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @TempDir
    Path dir;

    private WalletSetup setup() {
        return new WalletSetup(dir.resolve("wallet.json"), UiTestSupport.TEST_KDF);
    }

    @Test
    void importsAPhraseAndWipesTheInputs() {
        char[] phrase = "test test test test test test test test test test test junk".toCharArray();
        char[] pw = "a long wallet password".toCharArray();
        try (UnlockedWallet w = setup().importPhrase(phrase, pw)) {
            assertThat(w.accounts().get(0).address()).isEqualTo(ANVIL_ADDRESS0);
        }
        assertThat(new String(phrase)).doesNotContain("test").doesNotContain("junk");
        assertThat(new String(pw)).doesNotContain("long");
    }

    @Test
    void aPhraseWithAWrongWordSaysSoAndWritesNothing() {
        char[] pw = "a long wallet password".toCharArray();
        assertThatThrownBy(() -> setup().importPhrase("test test test test test test test test test test test test"
                .toCharArray(), pw)).isInstanceOf(WalletException.class).hasMessageContaining("not valid");
        assertThat(dir.resolve("wallet.json")).doesNotExist();
        assertThat(new String(pw)).doesNotContain("long");
    }

    @Test
    void importsAPrivateKeyWithOrWithout0x() {
        try (UnlockedWallet w = setup().importPrivateKey((" 0x" + ANVIL_KEY0 + "\n").toCharArray(),
                "a long wallet password".toCharArray())) {
            assertThat(w.accounts().get(0).address()).isEqualTo(ANVIL_ADDRESS0);
            assertThat(w.hasRecoveryPhrase()).isFalse();
        }
    }

    @Test
    void rejectsMalformedKeys() {
        assertThatThrownBy(() -> setup().importPrivateKey("0x1234".toCharArray(), "a long wallet password".toCharArray()))
                .hasMessageContaining("64 hex digits").hasMessageContaining("has 4 characters");
        assertThatThrownBy(() -> setup().importPrivateKey(("zz" + ANVIL_KEY0.substring(2)).toCharArray(),
                "a long wallet password".toCharArray())).hasMessageContaining("0-9 and a-f");
        assertThat(dir.resolve("wallet.json")).doesNotExist();
    }

    @Test
    void importsAKeystoreAndRefusesAWrongKeystorePassword() throws Exception {
        WalletFile ks = Wallet.createLight("keystore pass", ECKeyPair.create(new java.math.BigInteger(ANVIL_KEY0, 16)));
        Path file = dir.resolve("ks.json");
        Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ks));
        assertThatThrownBy(() -> setup().importKeystore(file, "wrong".toCharArray(), "a long wallet password".toCharArray()))
                .isInstanceOf(RuntimeException.class);
        assertThat(dir.resolve("wallet.json")).doesNotExist();
        try (UnlockedWallet w = setup().importKeystore(file, "keystore pass".toCharArray(),
                "a long wallet password".toCharArray())) {
            assertThat(w.accounts().get(0).address()).isEqualTo(Keys.toChecksumAddress(ANVIL_ADDRESS0).toLowerCase());
        }
    }

    @Test
    void unlockSaysWrongPassword() {
        setup().importPrivateKey(ANVIL_KEY0.toCharArray(), "a long wallet password".toCharArray()).close();
        assertThatThrownBy(() -> setup().unlock("not the password".toCharArray()))
                .isInstanceOf(WalletException.class).hasMessageContaining("Wrong password");
    }
}
