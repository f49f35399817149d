package io.enclave.zk.babyjub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.babyjub.BabyJubJub.Point;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EddsaPoseidonTest {
    @Test
    void signaturesVerifyAndAnyChangeFails() {
        byte[] key = EddsaPoseidon.generatePrivateKey();
        Point pub = EddsaPoseidon.publicKey(key);
        assertThat(BabyJubJub.isInSubgroup(pub)).isTrue();
        BigInteger msg = new BigInteger("123456789012345678901234567890");
        EddsaPoseidon.Signature sig = EddsaPoseidon.sign(key, msg);
        assertThat(EddsaPoseidon.verify(pub, msg, sig)).isTrue();
        assertThat(EddsaPoseidon.verify(pub, msg.add(BigInteger.ONE), sig)).isFalse();
        assertThat(EddsaPoseidon.verify(pub, msg, new EddsaPoseidon.Signature(sig.r8(), sig.s().add(BigInteger.ONE)))).isFalse();
        assertThat(EddsaPoseidon.verify(pub, msg, new EddsaPoseidon.Signature(sig.r8(),
                sig.s().add(BabyJubJub.SUBORDER)))).as("S must be below the subgroup order").isFalse();
        Point other = EddsaPoseidon.publicKey(EddsaPoseidon.generatePrivateKey());
        assertThat(EddsaPoseidon.verify(other, msg, sig)).isFalse();
        assertThat(EddsaPoseidon.verify(pub, msg, new EddsaPoseidon.Signature(new Point(BigInteger.ONE, BigInteger.TWO),
                sig.s()))).as("R8 off the curve").isFalse();
        java.util.Arrays.fill(key, (byte) 0);
    }

    @Test
    void badKeysAndMessagesAreRejectedClearly() {
        assertThatThrownBy(() -> EddsaPoseidon.publicKey(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> EddsaPoseidon.sign(new byte[32], BabyJubJub.P)).hasMessageContaining("field element");
    }

    @Test
    void curveArithmeticIsConsistent() {
        Point b = BabyJubJub.BASE8;
        assertThat(BabyJubJub.isOnCurve(b)).isTrue();
        assertThat(BabyJubJub.mul(b, BabyJubJub.SUBORDER)).isEqualTo(BabyJubJub.IDENTITY);
        assertThat(BabyJubJub.add(BabyJubJub.mul(b, BigInteger.valueOf(3)), BabyJubJub.mul(b, BigInteger.valueOf(4))))
                .isEqualTo(BabyJubJub.mul(b, BigInteger.valueOf(7)));
    }
}
