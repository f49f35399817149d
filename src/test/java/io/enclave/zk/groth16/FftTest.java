package io.enclave.zk.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven transforms against the O(n²) definitions with BigInteger arithmetic. */
class FftTest {
    private static final MontField FR = MontField.FR;
    private static final BigInteger R = FR.modulus();

    @Test
    void forwardInverseAndOddCosetMatchTheDefinitions() {
        Random rnd = new Random(1);
        for (int power = 0; power <= 6; power++) {
            int n = 1 << power;
            BigInteger[] v = new BigInteger[n];
            long[] a = new long[4 * n];
            for (int i = 0; i < n; i++) {
                v[i] = i == 1 ? R.subtract(BigInteger.ONE) : new BigInteger(254, rnd).mod(R);
                FR.fromBig(v[i], a, 4 * i);
            }
            BigInteger omega = FR.toBig(Fft.root(power));
            BigInteger g = FR.toBig(Fft.root(power + 1));

            long[] f = a.clone();
            Fft.fft(f, power);
            for (int i = 0; i < n; i++) {
                assertThat(FR.toBig(f, 4 * i)).as("fft 2^%d [%d]", power, i).isEqualTo(eval(v, omega.modPow(
                        BigInteger.valueOf(i), R)));
            }
            Fft.ifft(f, power);
            assertThat(f).isEqualTo(a);

            // odd coset: interpolate v on ⟨ω⟩, evaluate at g·ω^i
            BigInteger[] coef = new BigInteger[n];
            BigInteger nInv = BigInteger.valueOf(n).modInverse(R);
            BigInteger omegaInv = omega.modInverse(R);
            for (int j = 0; j < n; j++) {
                coef[j] = eval(v, omegaInv.modPow(BigInteger.valueOf(j), R)).multiply(nInv).mod(R);
            }
            long[] c = a.clone();
            Fft.toOddCoset(c, power);
            for (int i = 0; i < n; i++) {
                BigInteger x = g.multiply(omega.modPow(BigInteger.valueOf(i), R)).mod(R);
                assertThat(FR.toBig(c, 4 * i)).as("coset 2^%d [%d]", power, i).isEqualTo(eval(coef, x));
            }
        }
    }

    @Test
    void aDomainBeyondTheRootsIsRefused() {
        assertThatThrownBy(() -> Fft.fft(new long[4], Fft.MAX_POWER)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Σ c_j·x^j mod r. */
    private static BigInteger eval(BigInteger[] c, BigInteger x) {
        BigInteger acc = BigInteger.ZERO;
        for (int j = c.length - 1; j >= 0; j--) {
            acc = acc.multiply(x).add(c[j]).mod(R);
        }
        return acc;
    }
}
