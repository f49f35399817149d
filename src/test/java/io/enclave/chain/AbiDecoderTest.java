package io.enclave.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

class AbiDecoderTest {
    private static final String ABI = "[{\"type\":\"error\",\"name\":\"Late\",\"inputs\":[{\"name\":\"deadline\","
            + "\"type\":\"uint64\"},{\"name\":\"who\",\"type\":\"address\"}]},"
            + "{\"type\":\"function\",\"name\":\"stake\",\"stateMutability\":\"payable\",\"inputs\":[{\"name\":\"seller\","
            + "\"type\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\"}],\"outputs\":[]},"
            + "{\"type\":\"function\",\"name\":\"stakeOf\",\"stateMutability\":\"view\",\"inputs\":[{\"name\":\"a\","
            + "\"type\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\"}]}]";
    private static final String WHO = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private final AbiDecoder decoder = new AbiDecoder(new AbiRegistry().add("Vouching", ABI));

    @Test
    void selectorsFollowTheCanonicalSignature() {
        assertThat(AbiRegistry.selector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
        assertThat(decoder.registry().error(AbiRegistry.selector("Late(uint64,address)"))).isPresent();
    }

    @Test
    void decodesACustomErrorAndRendersItInHumanUnits() {
        String data = AbiRegistry.selector("Late(uint64,address)")
                + "00000000000000000000000000000000000000000000000000000000000003e8"
                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";
        RevertReason r = decoder.decodeRevert(data);
        assertThat(r.kind()).isEqualTo(RevertReason.Kind.CUSTOM);
        assertThat(r.contract()).isEqualTo("Vouching");
        assertThat(new Humanizer("MOCA", 18).label(WHO, "Bob").describe(r))
                .isEqualTo("Vouching.Late(deadline: 1970-01-01 00:16:40 UTC (1000), who: " + WHO + " (Bob))");
    }

    @Test
    void decodesCallsWithAmountsInMoca() {
        String data = FunctionEncoder.encode(new Function("stake", List.of(new Address(WHO),
                new Uint256(new BigInteger("1500000000000000000"))), List.of()));
        AbiDecoder.Call call = decoder.decodeCall("Vouching", data).orElseThrow();
        assertThat(call.function()).isEqualTo("stake");
        assertThat(new Humanizer("MOCA", 18).args(call.args())).isEqualTo("seller: " + WHO + ", amount: 1.5 MOCA");
        assertThat(decoder.decodeCall("Other", data)).isEmpty();
        assertThat(decoder.decodeCall("Vouching", "0xdeadbeef")).isEmpty();
    }

    @Test
    void garbageNeverThrowsAndIsReportedAsUnknown() {
        assertThat(decoder.decodeRevert(null).kind()).isEqualTo(RevertReason.Kind.EMPTY);
        assertThat(decoder.decodeRevert("0x").kind()).isEqualTo(RevertReason.Kind.EMPTY);
        assertThat(decoder.decodeRevert("0x1234").kind()).isEqualTo(RevertReason.Kind.EMPTY);
        RevertReason unknown = decoder.decodeRevert("0xdeadbeef00");
        assertThat(unknown.kind()).isEqualTo(RevertReason.Kind.UNKNOWN);
        assertThat(unknown.describe()).contains("0xdeadbeef");
        // Error(string) whose body is cut short
        assertThat(decoder.decodeRevert("0x08c379a00000000000000000000000000000000000000000000000000000000000000020")
                .kind()).isEqualTo(RevertReason.Kind.UNKNOWN);
        // a custom error selector with too little data
        assertThat(decoder.decodeRevert(AbiRegistry.selector("Late(uint64,address)") + "00").kind())
                .isEqualTo(RevertReason.Kind.UNKNOWN);
    }

    @Test
    void balanceViewsAreRecognised() {
        assertThat(decoder.registry().abi("Vouching")).filteredOn(Balances::isHolding)
                .extracting(org.web3j.protocol.core.methods.response.AbiDefinition::getName).containsExactly("stakeOf");
    }
}
