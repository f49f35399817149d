package io.enclave.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Humanizer;
import io.enclave.market.gov.ActionWords;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;

class ActionWordsTest {
    private static final String SELLER = "0x00000000000000000000000000000000000000aa";
    private static final String BUYER = "0x00000000000000000000000000000000000000bb";
    private static final MarketContracts C = new MarketContracts("0x0000000000000000000000000000000000000001",
            "0x0000000000000000000000000000000000000002", "0x0000000000000000000000000000000000000003",
            "0x0000000000000000000000000000000000000004", "0x0000000000000000000000000000000000000005");
    private final ActionWords words = new ActionWords(C, new Humanizer("MOCA", 18));

    private static String call(String name, org.web3j.abi.datatypes.Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    @Test
    void slashAndDisputeReadAsSentences() {
        String slash = call("slash", new Address(SELLER), new Uint16(2000), new Address(BUYER),
                new Uint256(BigInteger.TEN.pow(18)));
        assertThat(words.describe(C.staking(), BigInteger.ZERO, slash)).isEqualTo("TrustStaking: slash 20% of the stake "
                + "vouching for " + SELLER + " and pay 1 MOCA of it to " + BUYER + " (the rest goes to the treasury)");
        String resolve = call("resolveDispute", new Uint256(3), new Bool(true), new Uint256(BigInteger.TEN.pow(18)));
        assertThat(words.describe(C.marketplace(), BigInteger.ZERO, resolve)).startsWith("Marketplace: settle the dispute of "
                + "purchase #3 for the buyer, taking back up to 1 MOCA");
        assertThat(words.describe(C.marketplace(), BigInteger.ZERO, call("unpause")))
                .isEqualTo("Marketplace: unpause the contract");
    }

    @Test
    void unknownTargetsAndSelectorsAskTheVoterToCheck() {
        assertThat(words.describe("0x00000000000000000000000000000000000000ee", BigInteger.ONE, "0xdeadbeef"))
                .contains("unknown contract").contains("check it before voting").contains("sending");
        assertThat(words.describe(C.marketplace(), BigInteger.ZERO, "0xdeadbeef"))
                .isEqualTo("Marketplace: unknown call 0xdeadbeef — check it before voting");
    }
}
