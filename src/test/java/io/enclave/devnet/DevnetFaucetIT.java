package io.enclave.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.math.BigInteger;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/** The devnet's test-MOCA button: adds exactly the gift to a fresh address on anvil; a dead node is a readable error. */
@ExtendWith(AnvilExtension.class)
class DevnetFaucetIT {
    private static final String FRESH = "0x1234567890abcdef1234567890abcdef12345678";

    @Test
    void addsTheGiftToWhatTheAddressHas(Anvil anvil) throws Exception {
        Web3j web3 = Web3j.build(new HttpService(anvil.rpcUrl()));
        try {
            assertThat(balance(web3)).isZero();
            assertThat(DevnetFaucet.topUp(anvil.rpcUrl(), FRESH, DevnetFaucet.GIFT)).isEqualTo(DevnetFaucet.GIFT);
            assertThat(DevnetFaucet.topUp(anvil.rpcUrl(), FRESH, BigInteger.ONE))
                    .isEqualTo(DevnetFaucet.GIFT.add(BigInteger.ONE));
            assertThat(balance(web3)).isEqualTo(DevnetFaucet.GIFT.add(BigInteger.ONE));
        } finally {
            web3.shutdown();
        }
    }

    @Test
    void aDeadNodeOrBadInputIsAReadableError(Anvil anvil) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> DevnetFaucet.topUp(dead, FRESH, DevnetFaucet.GIFT)).isInstanceOf(DevnetException.class)
                .hasMessageContaining("No answer from the devnet at " + dead).hasMessageContaining("Is the devnet running");
        assertThatThrownBy(() -> DevnetFaucet.topUp(anvil.rpcUrl(), "0x12", DevnetFaucet.GIFT))
                .hasMessageContaining("Not an address");
        assertThatThrownBy(() -> DevnetFaucet.topUp(anvil.rpcUrl(), FRESH, BigInteger.ZERO))
                .hasMessageContaining("more than zero");
    }

    private static BigInteger balance(Web3j web3) throws Exception {
        return web3.ethGetBalance(FRESH, DefaultBlockParameterName.LATEST).send().getBalance();
    }
}
