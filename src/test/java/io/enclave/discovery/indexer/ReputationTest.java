package io.enclave.discovery.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ReputationTest {
    static final BigInteger MOCA = BigInteger.TEN.pow(18);

    static int score(long stakeMoca, int vouchers, int sales, int refunds, int slashes, long slashedMoca) {
        return Reputation.score(new Reputation.Inputs(MOCA.multiply(BigInteger.valueOf(stakeMoca)), vouchers, sales, refunds,
                slashes, MOCA.multiply(BigInteger.valueOf(slashedMoca))));
    }

    @Test
    void knownAnswers() {
        assertThat(score(0, 0, 0, 0, 0, 0)).isZero();
        assertThat(score(1, 0, 0, 0, 0, 0)).isEqualTo(60);
        assertThat(score(3, 1, 0, 0, 0, 0)).isEqualTo(120 + 25);
        assertThat(score(1_000_000, 100, 1000, 0, 0, 0)).isEqualTo(300 + 250 + 450);
        assertThat(score(106, 2, 1, 1, 0, 0)).isEqualTo(300 + 50 + 15 - 40);
        assertThat(score(15, 2, 1, 1, 0, 0)).isEqualTo(240 + 50 + 15 - 40);
    }

    @Test
    void slashesAndRefundsCannotGoNegativeAndSlashedStakeIsRemoved() {
        assertThat(score(1, 1, 0, 10, 3, 5)).isZero();
        assertThat(score(7, 0, 0, 0, 0, 7)).isZero();
        assertThat(score(1_000_000, 10, 30, 0, 1, 0)).isEqualTo(300 + 250 + 450 - 200);
    }
}
