package io.enclave.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/** Known-answer and adversarial revert data against the bundled ABIs. */
class RevertDecoderTest {
    private final RevertDecoder decoder = RevertDecoder.bundled();

    @Test
    void decodesCustomErrorsWithArguments() {
        String data = FunctionEncoder.encode(new Function("WrongPayment",
                List.of(new Uint256(BigInteger.TEN), new Uint256(BigInteger.ONE)), List.of()));
        ChainRevertException e = decoder.decode("purchase", data);
        assertThat(e.errorName()).isEqualTo("WrongPayment");
        assertThat(e.arguments()).containsExactly(BigInteger.TEN, BigInteger.ONE);
        assertThat(e.getMessage()).isEqualTo("purchase reverted: WrongPayment[10, 1]");

        String caller = "0x00000000000000000000000000000000000000aa";
        ChainRevertException gov = decoder.decode("x", FunctionEncoder.encode(
                new Function("NotGovernance", List.of(new Address(caller)), List.of())));
        assertThat(gov.errorName()).isEqualTo("NotGovernance");
        assertThat(gov.arguments()).containsExactly(caller);

        ChainRevertException exists = decoder.decode("x", FunctionEncoder.encode(
                new Function("CredentialExists", List.of(new Bytes32(new byte[32])), List.of())));
        assertThat(exists.arguments()).containsExactly("0x" + "00".repeat(32));
    }

    @Test
    void knownAnswerSelector() {
        // cast sig "EnforcedPause()" = 0xd93c0665 (OpenZeppelin Pausable)
        assertThat(decoder.decode("x", "0xd93c0665").errorName()).isEqualTo("EnforcedPause");
    }

    @Test
    void decodesStringRevertsAndPanics() {
        String reason = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("no")), List.of()));
        assertThat(reason).startsWith("0x08c379a0");
        assertThat(decoder.decode("x", reason).arguments()).containsExactly("no");
        String panic = FunctionEncoder.encode(new Function("Panic", List.of(new Uint256(0x11)), List.of()));
        ChainRevertException p = decoder.decode("x", panic);
        assertThat(p.errorName()).isEqualTo("Panic");
        assertThat(p.arguments()).containsExactly(BigInteger.valueOf(0x11));
    }

    @Test
    void garbageNeverThrowsAndKeepsTheRawData() {
        assertThat(decoder.decode("x", null).errorName()).isEqualTo("empty revert");
        assertThat(decoder.decode("x", "0x").errorName()).isEqualTo("empty revert");
        assertThat(decoder.decode("x", "0x1234").errorName()).isEqualTo("unknown");
        ChainRevertException unknown = decoder.decode("x", "0xdeadbeef00");
        assertThat(unknown.errorName()).isEqualTo("unknown error 0xdeadbeef");
        assertThat(unknown.rawData()).isEqualTo("0xdeadbeef00");
        String truncated = FunctionEncoder.encode(new Function("WrongPayment",
                List.of(new Uint256(BigInteger.TEN), new Uint256(BigInteger.ONE)), List.of())).substring(0, 20);
        assertThat(decoder.decode("x", truncated).errorName()).startsWith("WrongPayment");
    }
}
