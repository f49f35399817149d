package io.enclave.zk.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.Fp12;
import io.enclave.zk.field.Fp2;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

public class PairingTest {
    private static final BigInteger P = Bn254.P;

    static long[] g1Times(BigInteger k) {
        JacobianOps ops = Bn254.g1Ops();
        long[] j = new long[ops.jacobianWidth()];
        ops.mulAffine(Bn254.G1_GENERATOR, 0, k, j, 0);
        long[] a = new long[8];
        ops.toAffine(j, 0, a, 0);
        return a;
    }

    static long[] g2Times(BigInteger k) {
        JacobianOps ops = Bn254.g2Ops();
        long[] j = new long[ops.jacobianWidth()];
        ops.mulAffine(Bn254.G2_GENERATOR, 0, k, j, 0);
        long[] a = new long[16];
        ops.toAffine(j, 0, a, 0);
        return a;
    }

    @Test
    void generatorsHaveOrderR() {
        JacobianOps g1 = Bn254.g1Ops();
        long[] j = new long[g1.jacobianWidth()];
        g1.mulAffine(Bn254.G1_GENERATOR, 0, Bn254.R, j, 0);
        assertThat(g1.isInfinity(j, 0)).isTrue();
        JacobianOps g2 = Bn254.g2Ops();
        long[] j2 = new long[g2.jacobianWidth()];
        g2.mulAffine(Bn254.G2_GENERATOR, 0, Bn254.R, j2, 0);
        assertThat(g2.isInfinity(j2, 0)).isTrue();
    }

    @Test
    void pairingIsBilinearNonDegenerateAndOfOrderR() {
        BigInteger a = new BigInteger("123456789123456789123456789");
        BigInteger b = new BigInteger("987654321987654321");
        Fp12 base = Pairing.pair(Bn254.G1_GENERATOR, Bn254.G2_GENERATOR);
        assertThat(base.isOne()).isFalse();
        assertThat(base.pow(Bn254.R).isOne()).isTrue();
        assertThat(Pairing.pair(g1Times(a), g2Times(b))).isEqualTo(base.pow(a.multiply(b)));
        assertThat(Pairing.pair(g1Times(a.multiply(b)), Bn254.G2_GENERATOR)).isEqualTo(Pairing.pair(g1Times(a), g2Times(b)));
    }

    @Test
    void finalExponentiationChainEqualsTheGenericPower() {
        Fp12 f = Pairing.millerLoop(List.of(g1Times(BigInteger.valueOf(77))), List.of(Pairing.prepare(g2Times(BigInteger.TEN))));
        assertThat(Pairing.finalExponentiation(f)).isEqualTo(Pairing.finalExponentiationReference(f));
    }

    @Test
    void productOfInversePairingsIsOne() {
        BigInteger k = BigInteger.valueOf(5);
        long[] negP = g1Times(Bn254.R.subtract(k));
        assertThat(Pairing.productIsOne(List.of(negP, g1Times(k)),
                List.of(Pairing.prepare(Bn254.G2_GENERATOR), Pairing.prepare(Bn254.G2_GENERATOR)))).isTrue();
        assertThat(Pairing.productIsOne(List.of(negP, g1Times(k.add(BigInteger.ONE))),
                List.of(Pairing.prepare(Bn254.G2_GENERATOR), Pairing.prepare(Bn254.G2_GENERATOR)))).isFalse();
    }

    @Test
    void twistPointOutsideTheSubgroupIsRejected() {
        Fp2 b2 = Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).mul(Fp2.XI.inverse());
        for (int x = 1; x < 100; x++) {
            Fp2 fx = Fp2.of(BigInteger.valueOf(x), BigInteger.ONE);
            Fp2 y = sqrt(fx.sqr().mul(fx).add(b2));
            if (y == null) {
                continue;
            }
            Fp2 yy = y;
            assertThatThrownBy(() -> Bn254.g2(fx.real(), fx.imaginary(), yy.real(), yy.imaginary()))
                    .isInstanceOf(Bn254.InvalidPointException.class).hasMessageContaining("subgroup");
            return;
        }
        throw new AssertionError("no twist point found");
    }

    @Test
    void pointsOffTheCurveOrNotCanonicalAreRejected() {
        assertThatThrownBy(() -> Bn254.g1(BigInteger.ONE, BigInteger.valueOf(3)))
                .isInstanceOf(Bn254.InvalidPointException.class).hasMessageContaining("not on the BN254 curve");
        assertThatThrownBy(() -> Bn254.g1(P.add(BigInteger.ONE), BigInteger.TWO))
                .isInstanceOf(Bn254.InvalidPointException.class).hasMessageContaining("not below");
        assertThatThrownBy(() -> Bn254.g2(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE))
                .isInstanceOf(Bn254.InvalidPointException.class).hasMessageContaining("not on the BN254 twist");
    }

    /** Square root in Fp2 for p ≡ 3 (mod 4) (Adj and Rodríguez-Henríquez, algorithm 9); null if none. */
    public static Fp2 sqrt(Fp2 a) {
        Fp2 a1 = a.pow(P.subtract(BigInteger.valueOf(3)).shiftRight(2));
        Fp2 alpha = a1.mul(a1.mul(a));
        Fp2 a0 = alpha.conjugate().mul(alpha);
        Fp2 minusOne = Fp2.ONE.neg();
        if (a0.equals(minusOne)) {
            return null;
        }
        Fp2 x0 = a1.mul(a);
        Fp2 x = alpha.equals(minusOne) ? x0.mul(Fp2.of(BigInteger.ZERO, BigInteger.ONE))
                : alpha.add(Fp2.ONE).pow(P.subtract(BigInteger.ONE).shiftRight(1)).mul(x0);
        return x.sqr().equals(a) ? x : null;
    }
}
