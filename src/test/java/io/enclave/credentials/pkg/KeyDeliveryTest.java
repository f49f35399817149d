package io.enclave.credentials.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delivery payload: key only (before per-buyer proofs) and version 1 (key and per-buyer proof). */
class KeyDeliveryTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static LocalEciesKeyHolder holder() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        k[0] = 0x11; // below the curve order
        return new LocalEciesKeyHolder(k);
    }

    private static PerBuyerProof proof() {
        Groth16Proof p = new Groth16Proof(List.of(BigInteger.valueOf(1), BigInteger.valueOf(2), BigInteger.ONE),
                List.of(List.of(BigInteger.valueOf(3), BigInteger.valueOf(4)), List.of(Groth16Proof.Q.subtract(BigInteger.ONE),
                        BigInteger.valueOf(6)), List.of(BigInteger.ONE, BigInteger.ZERO)),
                List.of(BigInteger.valueOf(7), BigInteger.valueOf(8), BigInteger.ONE));
        return new PerBuyerProof(FieldEncoding.R.subtract(BigInteger.TWO), Instant.ofEpochSecond(1_800_000_123L), p);
    }

    @Test
    void aVersionOneDeliveryCarriesTheKeyAndTheProofToTheBuyerOnly() throws Exception {
        try (LocalEciesKeyHolder buyer = holder(); LocalEciesKeyHolder other = holder();
             ContentKey key = ContentKey.generate(RANDOM)) {
            byte[] wire = KeyDelivery.wrap(key, proof(), buyer.publicKey());
            assertThat(wire).hasSize(KeyDelivery.V1_WIRE_BYTES);
            try (KeyDelivery.Opened o = KeyDelivery.open(buyer, wire, key.commitment())) {
                assertThat(o.key().bytes()).isEqualTo(key.bytes());
                assertThat(o.proof()).contains(proof());
            }
            assertThatThrownBy(() -> KeyDelivery.open(other, wire, key.commitment()))
                    .isInstanceOf(KeyDeliveryException.class).hasMessageContaining("cannot be opened");
            assertThatThrownBy(() -> KeyDelivery.open(buyer, wire, new byte[32]))
                    .isInstanceOf(KeyDeliveryException.class).hasMessageContaining("not the key the listing committed to");
        }
    }

    @Test
    void aKeyOnlyDeliveryOpensWithoutAProof() throws Exception {
        try (LocalEciesKeyHolder buyer = holder(); ContentKey key = ContentKey.generate(RANDOM)) {
            byte[] wire = KeyDelivery.wrap(key, null, buyer.publicKey());
            assertThat(wire).hasSize(32 + 97).isNotEqualTo(key.wrapFor(buyer.publicKey()));
            try (KeyDelivery.Opened o = KeyDelivery.open(buyer, key.wrapFor(buyer.publicKey()), key.commitment())) {
                assertThat(o.key().bytes()).isEqualTo(key.bytes());
                assertThat(o.proof()).isEmpty();
            }
        }
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() throws Exception {
        try (LocalEciesKeyHolder buyer = holder(); ContentKey key = ContentKey.generate(RANDOM)) {
            byte[] good = plain(key, proof());
            Secp256k1Ecies ecies = new Secp256k1Ecies(RANDOM);
            byte[] magic = good.clone();
            magic[0] = 'X';
            byte[] version = good.clone();
            version[4] = 2;
            byte[] shortened = Arrays.copyOf(good, good.length - 1);
            byte[] badPoint = good.clone();
            Arrays.fill(badPoint, 4 + 1 + 32 + 40, 4 + 1 + 32 + 40 + 32, (byte) 0xff); // pi_a.x ≥ q
            byte[] badContext = good.clone();
            Arrays.fill(badContext, 4 + 1 + 32, 4 + 1 + 32 + 32, (byte) 0xff); // context ≥ r
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), magic), key.commitment()))
                    .hasMessageContaining("neither a content key nor an Enclave delivery");
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), version), key.commitment()))
                    .hasMessageContaining("format version 2");
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), shortened), key.commitment()))
                    .hasMessageContaining("this app reads version 1");
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), badPoint), key.commitment()))
                    .hasMessageContaining("outside the base field");
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), badContext),
                    key.commitment())).hasMessageContaining("out of range");
            byte[] wrongKey = good.clone();
            wrongKey[5] ^= 1;
            assertThatThrownBy(() -> KeyDelivery.open(buyer, ecies.encrypt(buyer.publicKey(), wrongKey), key.commitment()))
                    .hasMessageContaining("not the key the listing committed to");
        }
    }

    @Test
    void theCompactProofRoundTripsAndRefusesProjectivePoints() throws Exception {
        PerBuyerProof p = proof();
        assertThat(PerBuyerProof.fromBytes(p.toBytes())).isEqualTo(p);
        assertThat(p.toBytes()).hasSize(PerBuyerProof.BYTES);
        Groth16Proof projective = new Groth16Proof(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TWO),
                p.proof().b(), p.proof().c());
        assertThatThrownBy(() -> new PerBuyerProof(p.context(), p.timeBound(), projective))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("affine");
    }

    private static byte[] plain(ContentKey key, PerBuyerProof proof) {
        byte[] out = new byte[KeyDelivery.V1_BYTES];
        System.arraycopy(KeyDelivery.MAGIC, 0, out, 0, 4);
        out[4] = 1;
        System.arraycopy(key.bytes(), 0, out, 5, 32);
        System.arraycopy(proof.toBytes(), 0, out, 37, PerBuyerProof.BYTES);
        return out;
    }
}
