package io.enclave.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketContractsTest {
    private static Map<String, String> named() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CredentialRegistry", "0x" + "1".repeat(40));
        m.put("Marketplace", "0x" + "2".repeat(40));
        m.put("TrustStaking", "0x" + "3".repeat(40));
        m.put("EnclaveGovernor", "0x" + "4".repeat(40));
        m.put("EnclaveTimelock", "0x" + "5".repeat(40));
        return m;
    }

    @Test
    void theDeploymentBlockIsReadWhenTheFileCarriesItAndUnknownOtherwise() {
        assertThat(MarketContracts.of(named()).deploymentBlock()).isEqualTo(-1);
        Map<String, String> m = named();
        m.put(MarketContracts.DEPLOYMENT_BLOCK, " 1234 ");
        MarketContracts c = MarketContracts.of(m);
        assertThat(c.deploymentBlock()).isEqualTo(1234);
        assertThat(c.byName()).doesNotContainKey(MarketContracts.DEPLOYMENT_BLOCK).hasSize(5);
        assertThat(c.withDeploymentBlock(7).deploymentBlock()).isEqualTo(7);
    }

    @Test
    void aBadDeploymentBlockIsAClearError() {
        Map<String, String> m = named();
        m.put(MarketContracts.DEPLOYMENT_BLOCK, "yesterday");
        assertThatThrownBy(() -> MarketContracts.of(m)).isInstanceOf(MarketException.class)
                .hasMessageContaining("deploymentBlock is not a block number: yesterday");
        assertThatThrownBy(() -> MarketContracts.of(named()).withDeploymentBlock(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deployment block");
    }
}
