package io.enclave.zk.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MontFieldTest {
    private static final MontField[] FIELDS = {MontField.FP, MontField.FR};

    @Test
    void arithmeticAgreesWithBigIntegerIncludingEdgeValues() {
        Random rnd = new Random(7);
        for (MontField f : FIELDS) {
            BigInteger p = f.modulus();
            BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE),
                    p.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(253),
                    BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
            for (int i = 0; i < 20_000; i++) {
                BigInteger x = i < edges.length * edges.length ? edges[i % edges.length] : new BigInteger(256, rnd).mod(p);
                BigInteger y = i < edges.length * edges.length ? edges[i / edges.length] : new BigInteger(256, rnd).mod(p);
                long[] a = f.fromBig(x);
                long[] b = f.fromBig(y);
                long[] r = new long[4];
                f.mul(a, 0, b, 0, r, 0);
                assertThat(f.toBig(r)).isEqualTo(x.multiply(y).mod(p));
                f.sqr(a, 0, r, 0);
                assertThat(f.toBig(r)).isEqualTo(x.multiply(x).mod(p));
                long[] aliased = a.clone();
                f.sqr(aliased, 0, aliased, 0);
                assertThat(aliased).isEqualTo(r);
                f.add(a, 0, b, 0, r, 0);
                assertThat(f.toBig(r)).isEqualTo(x.add(y).mod(p));
                f.sub(a, 0, b, 0, r, 0);
                assertThat(f.toBig(r)).isEqualTo(x.subtract(y).mod(p));
                f.neg(a, 0, r, 0);
                assertThat(f.toBig(r)).isEqualTo(x.negate().mod(p));
                if (x.signum() != 0 && i % 50 == 0) {
                    f.inv(a, 0, r, 0);
                    assertThat(f.toBig(r)).isEqualTo(x.modInverse(p));
                }
            }
        }
    }

    @Test
    void batchInversionLeavesZerosAndInvertsTheRest() {
        MontField f = MontField.FR;
        BigInteger[] xs = {BigInteger.valueOf(3), BigInteger.ZERO, BigInteger.valueOf(12345),
            f.modulus().subtract(BigInteger.ONE)};
        long[] a = new long[4 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            f.fromBig(xs[i], a, 4 * i);
        }
        f.batchInv(a, 0, xs.length);
        for (int i = 0; i < xs.length; i++) {
            BigInteger expected = xs[i].signum() == 0 ? BigInteger.ZERO : xs[i].modInverse(f.modulus());
            assertThat(f.toBig(a, 4 * i)).isEqualTo(expected);
        }
    }

    @Test
    void nonCanonicalValuesAreRejected() {
        assertThatThrownBy(() -> MontField.FP.fromBig(MontField.FP.modulus()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
        assertThatThrownBy(() -> MontField.FR.fromBig(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MontField.FP.inv(new long[4], 0, new long[4], 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void fp12FrobeniusIsThePthPower() {
        Fp12 f = Fp12Samples.sample(3);
        assertThat(f.frobenius(1)).isEqualTo(f.pow(MontField.FP.modulus()));
        assertThat(f.mul(f.inverse())).isEqualTo(Fp12.ONE);
    }
}
