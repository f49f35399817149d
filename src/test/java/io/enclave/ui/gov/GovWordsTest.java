package io.enclave.ui.gov;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.market.Proposal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the governance screen says about a proposal's voting window, state and votes. */
class GovWordsTest {
    private static Proposal proposal(String state, long start, long end) {
        return new Proposal(new BigInteger("98765432109876543210987654321"), "0x" + "a".repeat(40),
                "Report of seller 0x…: it sold garbage\nmore", state, List.of("TrustStaking: slash 10% …"),
                BigInteger.TEN.pow(19), BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(start), BigInteger.valueOf(end));
    }

    @Test
    void theVotingWindowIsToldRelativeToTheHeadBlock() {
        assertThat(GovernanceController.window(proposal("Pending", 100, 120), 98)).isEqualTo("opens in 2 block(s)");
        assertThat(GovernanceController.window(proposal("Active", 100, 120), 110)).isEqualTo("closes in 11 block(s), at 120");
        assertThat(GovernanceController.window(proposal("Succeeded", 100, 120), 130)).isEqualTo("closed at block 120");
    }

    @Test
    void statesVotesAndIdsAreReadable() {
        for (String s : Proposal.STATES) {
            assertThat(GovernanceController.explainState(s)).as(s).isNotBlank();
        }
        assertThat(GovernanceController.votes(BigInteger.TEN.pow(19))).isEqualTo("10");
        assertThat(GovernanceController.votes(new BigInteger("1500000000000000000"))).isEqualTo("1.5");
        assertThat(GovernanceController.shortId(new BigInteger("98765432109876543210987654321"))).isEqualTo("98765…54321");
        assertThat(GovernanceController.shortId(BigInteger.valueOf(42))).isEqualTo("42");
        assertThat(GovernanceController.firstLine("Report of seller: garbage\nsecond line"))
                .isEqualTo("Report of seller: garbage");
    }
}
