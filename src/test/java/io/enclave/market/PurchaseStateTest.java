package io.enclave.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PurchaseStateTest {
    @Test
    void theMachineAllowsOnlyItsEdges() {
        assertThat(PurchaseState.ESCROWED.canMoveTo(PurchaseState.DELIVERED)).isTrue();
        assertThat(PurchaseState.ESCROWED.canMoveTo(PurchaseState.REFUNDED)).isTrue();
        assertThat(PurchaseState.ESCROWED.canMoveTo(PurchaseState.DISPUTED)).isFalse();
        assertThat(PurchaseState.DELIVERED.canMoveTo(PurchaseState.REFUNDED)).isFalse();
        assertThat(PurchaseState.REJECTED.canMoveTo(PurchaseState.DISPUTED)).isTrue();
        assertThat(PurchaseState.OPENED.canMoveTo(PurchaseState.DISPUTED)).isTrue();
        assertThat(PurchaseState.DISPUTED.canMoveTo(PurchaseState.RESOLVED)).isTrue();
        for (PurchaseState end : EnumSet.of(PurchaseState.REFUNDED, PurchaseState.RESOLVED)) {
            for (PurchaseState any : PurchaseState.values()) {
                assertThat(end.canMoveTo(any)).as(end + " -> " + any).isFalse();
            }
        }
    }

    @Test
    void chainStatusesMapAndUnknownOnesAreRefused() {
        assertThat(PurchaseState.ofChain(1)).isEqualTo(PurchaseState.ESCROWED);
        assertThat(PurchaseState.ofChain(2)).isEqualTo(PurchaseState.DELIVERED);
        assertThat(PurchaseState.ofChain(3)).isEqualTo(PurchaseState.REFUNDED);
        assertThat(PurchaseState.ofChain(4)).isEqualTo(PurchaseState.DISPUTED);
        assertThat(PurchaseState.ofChain(5)).isEqualTo(PurchaseState.RESOLVED);
        assertThatThrownBy(() -> PurchaseState.ofChain(0)).isInstanceOf(MarketException.class);
        assertThatThrownBy(() -> PurchaseState.ofChain(6)).isInstanceOf(MarketException.class);
    }
}
