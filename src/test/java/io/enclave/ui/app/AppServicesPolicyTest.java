package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Confirmation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the app runtime signs without asking: only its own key deliveries, and only while automatic delivery is on. */
class AppServicesPolicyTest {
    private static Confirmation tx(String contract, String function, String value, boolean succeeds) {
        return new Confirmation("devnet", 31337, "0xaa", "0xbb (" + contract + ")", contract, function, List.of(), value, 0,
                "60000", "1 gwei", "1 gwei", "0.00006 MOCA", succeeds, succeeds ? "the call succeeds" : "reverts");
    }

    @Test
    void aKeyDeliveryByTheRunnerWithAutomaticDeliveryOnIsSignedWithoutAsking() {
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "deliverKey", "0 MOCA", true))).isTrue();
    }

    @Test
    void everythingElseWaitsForTheUser() {
        Confirmation delivery = tx("Marketplace", "deliverKey", "0 MOCA", true);
        assertThat(AppServices.approvedWithoutAsking(false, true, delivery)).as("switched off").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, false, delivery)).as("by hand, from a screen").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "purchase", "0.25 MOCA", true)))
                .as("a purchase").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "withdrawPayments", "0 MOCA", true)))
                .as("another call").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("TrustStaking", "deliverKey", "0 MOCA", true)))
                .as("the same name on another contract").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx(null, "deliverKey", "0 MOCA", true)))
                .as("an unknown contract").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "deliverKey", "1 MOCA", true)))
                .as("with value").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "deliverKey", "0.000001 MOCA", true)))
                .as("with a little value").isFalse();
        assertThat(AppServices.approvedWithoutAsking(true, true, tx("Marketplace", "deliverKey", "0 MOCA", false)))
                .as("failing").isFalse();
    }
}
