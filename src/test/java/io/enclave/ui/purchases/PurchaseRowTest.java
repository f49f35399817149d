package io.enclave.ui.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A purchase's state in the words of "My purchases", and which actions it allows. */
class PurchaseRowTest {
    private static final Instant DUE = Instant.ofEpochSecond(2_000_000_000L);

    private static PurchaseRow row(PurchaseState s, Instant disputeBy, boolean refundable, Boolean verified) {
        return new PurchaseRow(new Purchase(BigInteger.TWO, BigInteger.ONE, "0xb", BigInteger.TEN.pow(17), s, DUE, disputeBy,
                null), "Demo", refundable, verified);
    }

    @Test
    void statesInWords() {
        assertThat(row(PurchaseState.ESCROWED, null, false, null).stateWords()).isEqualTo("Awaiting key");
        assertThat(row(PurchaseState.ESCROWED, null, true, null).stateWords()).isEqualTo("Refundable");
        assertThat(row(PurchaseState.DELIVERED, DUE, false, null).stateWords()).isEqualTo("Delivered");
        assertThat(row(PurchaseState.OPENED, DUE, false, true).stateWords()).isEqualTo("Verified");
        assertThat(row(PurchaseState.OPENED, DUE, false, null).stateWords()).isEqualTo("Opened");
        assertThat(row(PurchaseState.REJECTED, DUE, false, false).stateWords()).isEqualTo("Rejected");
        assertThat(row(PurchaseState.DISPUTED, DUE, false, null).stateWords()).isEqualTo("Disputed");
    }

    @Test
    void actionsFollowTheStateMachineAndTheDeadlines() {
        PurchaseRow waiting = row(PurchaseState.ESCROWED, null, false, null);
        assertThat(waiting.canOpen()).isFalse();
        assertThat(waiting.canDispute(0)).isFalse();
        PurchaseRow delivered = row(PurchaseState.DELIVERED, DUE, false, null);
        assertThat(delivered.canOpen()).isTrue();
        assertThat(delivered.canDispute(DUE.getEpochSecond())).isTrue();
        assertThat(delivered.canDispute(DUE.getEpochSecond() + 1)).as("after the dispute window").isFalse();
        assertThat(row(PurchaseState.REJECTED, DUE, false, false).canOpen()).isFalse();
        assertThat(row(PurchaseState.REJECTED, DUE, false, false).canDispute(0)).isTrue();
        assertThat(row(PurchaseState.DISPUTED, DUE, false, null).canDispute(0)).isFalse();
        assertThat(PurchaseWords.explain(row(PurchaseState.ESCROWED, null, true, null))).contains("Take a refund");
    }
}
