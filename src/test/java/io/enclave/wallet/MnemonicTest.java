package io.enclave.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.testsupport.Anvil;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.MnemonicUtils;

class MnemonicTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The Trezor reference vectors (source named in the resource): entropy → words → seed with passphrase "TREZOR". */
    @Test
    void reproducesTheBip39ReferenceVectors() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("bip39-trezor-vectors.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        char[] passphrase = doc.get("passphrase").asText().toCharArray();
        int n = 0;
        for (JsonNode v : doc.get("english")) {
            byte[] entropy = HEX.parseHex(v.get(0).asText());
            try (Mnemonic fromEntropy = Mnemonic.fromEntropy(entropy);
                 Mnemonic parsed = Mnemonic.parse(v.get(1).asText().toUpperCase().replace(" ", "  \n").toCharArray())) {
                assertThat(new String(fromEntropy.phrase())).isEqualTo(v.get(1).asText());
                assertThat(parsed.phrase()).isEqualTo(fromEntropy.phrase());
                assertThat(parsed.entropy()).isEqualTo(entropy);
                assertThat(HEX.formatHex(parsed.toSeed(passphrase))).isEqualTo(v.get(2).asText());
                // web3j agrees (it is the library we wrap for the word list and BIP-32)
                assertThat(MnemonicUtils.generateMnemonic(entropy)).isEqualTo(v.get(1).asText());
            }
            n++;
        }
        assertThat(n).isEqualTo(24);
    }

    @Test
    void anvilsMnemonicDerivesAnvilsKeys() {
        try (Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray())) {
            byte[] seed = m.toSeed(new char[0]);
            Bip32ECKeyPair branch = HdKeys.branch(seed);
            for (int i = 0; i < Anvil.KEYS.size(); i++) {
                assertThat("0x" + HEX.formatHex(HdKeys.privateKey(HdKeys.child(branch, i)))).isEqualTo(Anvil.KEYS.get(i));
            }
            assertThat(HdKeys.address(HdKeys.child(branch, 0))).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        }
    }

    @Test
    void generatesValidPhrasesOfTheRequestedLength() {
        for (int words : new int[] {12, 24}) {
            try (Mnemonic m = Mnemonic.generate(words); Mnemonic again = Mnemonic.parse(m.phrase())) {
                assertThat(m.wordCount()).isEqualTo(words);
                assertThat(MnemonicUtils.validateMnemonic(new String(m.phrase()))).isTrue();
                assertThat(again.entropy()).hasSize(words / 3 * 4);
            }
        }
        try (Mnemonic a = Mnemonic.generate(12); Mnemonic b = Mnemonic.generate(12)) {
            assertThat(a.phrase()).isNotEqualTo(b.phrase());
        }
        assertThatThrownBy(() -> Mnemonic.generate(13)).hasMessageContaining("12, 15, 18, 21 or 24");
    }

    @Test
    void rejectsBadPhrasesSayingWhatIsWrong() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon".toCharArray()))
                .isInstanceOf(Mnemonic.InvalidMnemonicException.class).hasMessageContaining("has 3");
        assertThatThrownBy(() -> Mnemonic.parse(Anvil.MNEMONIC.replace("junk", "junx").toCharArray()))
                .isInstanceOf(Mnemonic.InvalidMnemonicException.class).hasMessageContaining("Word 12");
        assertThatThrownBy(() -> Mnemonic.parse(Anvil.MNEMONIC.replace("junk", "zoo").toCharArray()))
                .isInstanceOf(Mnemonic.InvalidMnemonicException.class).hasMessageContaining("checksum");
    }

    @Test
    void passphraseChangesTheSeedAndIsNormalised() {
        try (Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray())) {
            assertThat(m.toSeed("x".toCharArray())).isNotEqualTo(m.toSeed(new char[0]));
            // "é" precomposed and decomposed give the same seed (NFKD)
            assertThat(m.toSeed("caf\u00e9".toCharArray())).isEqualTo(m.toSeed("cafe\u0301".toCharArray()));
        }
    }

    @Test
    void closeWipesThePhrase() throws Exception {
        Mnemonic m = Mnemonic.parse(Anvil.MNEMONIC.toCharArray());
        var f = Mnemonic.class.getDeclaredField("phrase");
        f.setAccessible(true);
        char[] inside = (char[]) f.get(m);
        m.close();
        assertThat(inside).containsOnly('\0');
    }
}
