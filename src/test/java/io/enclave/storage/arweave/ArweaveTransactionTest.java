package io.enclave.storage.arweave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing, JWK round trip, tampering, deep hash and chunking rules, without a node. */
class ArweaveTransactionTest {
    private static final ArweaveWallet WALLET = ArweaveWallet.generate(2048);

    @Test
    void aSignedTransactionVerifiesAndAnyTamperingBreaksIt() {
        Map<String, String> tags = new LinkedHashMap<>(Map.of("App-Name", "Enclave"));
        byte[] data = "proof".getBytes(StandardCharsets.UTF_8);
        ArweaveTransaction tx = ArweaveTransaction.sign(WALLET, "AAAA", "1000", tags, data);
        assertThat(tx.verifies()).isTrue();
        assertThat(new ArweaveTransaction(tx.id(), tx.lastTx(), tx.owner(), Map.of("App-Name", "Evil"), tx.reward(),
                tx.dataSize(), tx.dataRoot(), tx.signature()).verifies()).isFalse();
        assertThat(new ArweaveTransaction(tx.id(), tx.lastTx(), tx.owner(), tags, "1", tx.dataSize(), tx.dataRoot(),
                tx.signature()).verifies()).isFalse();
        byte[] root = tx.dataRoot().clone();
        root[0] ^= 1;
        assertThat(new ArweaveTransaction(tx.id(), tx.lastTx(), tx.owner(), tags, tx.reward(), tx.dataSize(), root,
                tx.signature()).verifies()).isFalse();
        String otherId = (tx.id().charAt(0) == 'x' ? "y" : "x") + tx.id().substring(1);
        assertThat(new ArweaveTransaction(otherId, tx.lastTx(), tx.owner(), tags, tx.reward(),
                tx.dataSize(), tx.dataRoot(), tx.signature()).verifies()).isFalse();
    }

    @Test
    void theJwkRoundTripsAndBadKeyFilesSayWhatIsWrong() {
        ArweaveWallet back = ArweaveWallet.fromJwk(WALLET.toJwk());
        assertThat(back.address()).isEqualTo(WALLET.address());
        assertThat(Base64Url.decode(back.address())).hasSize(32);
        assertThatThrownBy(() -> ArweaveWallet.fromJwk("{\"kty\":\"EC\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("kty must be RSA");
        assertThatThrownBy(() -> ArweaveWallet.fromJwk("{\"kty\":\"RSA\",\"n\":\"AQAB\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'e' is missing");
        assertThatThrownBy(() -> ArweaveWallet.fromJwk("nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a usable JWK");
    }

    @Test
    void deepHashFollowsItsDefinition() throws Exception {
        var sha384 = java.security.MessageDigest.getInstance("SHA-384");
        byte[] blob = {1, 2, 3};
        byte[] expectBlob = sha384.digest(DeepHash.concat(sha384.digest("blob3".getBytes(StandardCharsets.US_ASCII)),
                sha384.digest(blob)));
        assertThat(DeepHash.of(blob)).isEqualTo(expectBlob);
        byte[] expectList = sha384.digest(DeepHash.concat(sha384.digest("list1".getBytes(StandardCharsets.US_ASCII)),
                expectBlob));
        assertThat(DeepHash.of(List.of(blob))).isEqualTo(expectList);
        assertThat(HexFormat.of().formatHex(DeepHash.of(new byte[0]))).hasSize(96);
    }

    @Test
    void chunksAreRebalancedSoNoneIsTooSmall() {
        int max = ArweaveMerkle.MAX_CHUNK;
        List<ArweaveMerkle.Chunk> chunks = ArweaveMerkle.build(new byte[max + 10]).chunks();
        assertThat(chunks).extracting(c -> c.max() - c.min()).containsExactly((max + 10 + 1) / 2, (max + 10) / 2);
        assertThat(ArweaveMerkle.build(new byte[2 * max]).chunks()).hasSize(2);
        assertThat(ArweaveMerkle.build(new byte[max + 40_000]).chunks()).extracting(c -> c.max() - c.min())
                .containsExactly(max, 40_000);
        assertThat(ArweaveMerkle.build(new byte[10]).chunks()).singleElement().extracting(ArweaveMerkle.Chunk::offset)
                .isEqualTo(9);
    }
}
