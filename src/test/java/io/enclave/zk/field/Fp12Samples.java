package io.enclave.zk.field;

import java.math.BigInteger;

/** Deterministic non-trivial Fp12 elements for tests. */
final class Fp12Samples {
    private Fp12Samples() {
    }

    static Fp12 sample(int seed) {
        Fp2[] k = new Fp2[6];
        for (int i = 0; i < 6; i++) {
            k[i] = Fp2.of(BigInteger.valueOf(seed * 31L + i * 7L + 1).pow(5), BigInteger.valueOf(seed + i * 3L + 2).pow(9));
        }
        return Fp12.fromCoefficients(k);
    }
}
