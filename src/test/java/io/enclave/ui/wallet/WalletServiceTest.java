package io.enclave.ui.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.chain.Network;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What a person types into the send form is parsed exactly or refused with a reason; nothing is rounded. */
class WalletServiceTest {
    private final WalletService service = new WalletService(Network.DEVNET, null, null);

    @Test
    void amountsAreExact() {
        assertThat(service.parseAmount("1.5")).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(service.parseAmount(" 1,25 ")).isEqualTo(new BigInteger("1250000000000000000"));
        assertThat(service.parseAmount("0.000000000000000001")).isEqualTo(BigInteger.ONE);
    }

    @Test
    void badAmountsAreRefusedWithAReason() {
        assertThatThrownBy(() -> service.parseAmount("")).hasMessageContaining("Enter an amount");
        assertThatThrownBy(() -> service.parseAmount("0")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> service.parseAmount("-2")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> service.parseAmount("1.2.5")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> service.parseAmount("0.0000000000000000001")).hasMessageContaining("18 decimal places");
        assertThatThrownBy(() -> service.parseAmount("NaN")).hasMessageContaining("is not an amount");
    }

    @Test
    void addressesAreCheckedAndNormalised() {
        assertThat(WalletService.parseAddress(" 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 "))
                .isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        assertThatThrownBy(() -> WalletService.parseAddress("0x1234")).hasMessageContaining("is not an address");
        assertThatThrownBy(() -> WalletService.parseAddress("70997970c51812dc3a010c7d01b50e0d17dc79c8"))
                .hasMessageContaining("is not an address");
        assertThatThrownBy(() -> WalletService.parseAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79cg"))
                .hasMessageContaining("is not an address");
        assertThat(WalletService.checksummed("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"))
                .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }
}
