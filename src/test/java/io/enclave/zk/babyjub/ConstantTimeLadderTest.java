package io.enclave.zk.babyjub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.babyjub.BabyJubJub.Point;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The constant-time ladder against the plain double-and-add on BabyJubJub, edge scalars and points included. */
class ConstantTimeLadderTest {
    private static final BigInteger L = BabyJubJub.SUBORDER;

    @Test
    void matchesDoubleAndAddForRandomAndEdgeScalars() {
        Random rnd = new Random(11);
        Point b8 = BabyJubJub.BASE8;
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, L.subtract(BigInteger.ONE), L,
            L.add(BigInteger.ONE), BabyJubJub.ORDER, BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256)
                .subtract(BigInteger.ONE)};
        for (BigInteger k : edges) {
            assertThat(BabyJubJub.mulConstantTime(b8, k)).as("k = %s", k).isEqualTo(BabyJubJub.mul(b8, k));
        }
        for (int i = 0; i < 40; i++) {
            BigInteger k = new BigInteger(1 + rnd.nextInt(256), rnd);
            assertThat(BabyJubJub.mulConstantTime(b8, k)).as("k = %s", k).isEqualTo(BabyJubJub.mul(b8, k));
        }
        assertThat(BabyJubJub.mulConstantTime(b8, L)).isEqualTo(BabyJubJub.IDENTITY);
    }

    @Test
    void worksOnPointsOutsideTheSubgroupAndOnTheIdentity() {
        // the generator of the whole group (order 8·l), as in circomlibjs (Base8 = 8·this point)
        Point g = new Point(
                new BigInteger("995203441582195749578291179787384436505546430278305826713579947235728471134"),
                new BigInteger("5472060717959818805561601436314318772137091100104008585924551046643952123905"));
        assertThat(BabyJubJub.isOnCurve(g)).isTrue();
        assertThat(BabyJubJub.mulConstantTime(g, BigInteger.valueOf(8))).isEqualTo(BabyJubJub.BASE8);
        BigInteger k = new BigInteger("1234567890123456789012345678901234567890123456789012345678901234567");
        assertThat(BabyJubJub.mulConstantTime(g, k)).isEqualTo(BabyJubJub.mul(g, k));
        assertThat(BabyJubJub.mulConstantTime(BabyJubJub.IDENTITY, k)).isEqualTo(BabyJubJub.IDENTITY);
    }

    @Test
    void conditionalSwapSwapsOnlyOnOne() {
        long[] a = {1, 2, 3};
        long[] b = {7, 8, 9};
        ConstantTimeLadder.conditionalSwap(a, b, 0);
        assertThat(a).containsExactly(1, 2, 3);
        ConstantTimeLadder.conditionalSwap(a, b, 1);
        assertThat(a).containsExactly(7, 8, 9);
        assertThat(b).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsScalarsOutsideTheFixedLength() {
        assertThatThrownBy(() -> BabyJubJub.mulConstantTime(BabyJubJub.BASE8, BigInteger.ONE.shiftLeft(256)))
                .hasMessageContaining("2^256");
        assertThatThrownBy(() -> BabyJubJub.mulConstantTime(BabyJubJub.BASE8, BigInteger.ONE.negate()))
                .hasMessageContaining("0 <= k");
    }
}
