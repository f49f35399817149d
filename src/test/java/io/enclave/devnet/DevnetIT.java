package io.enclave.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.Toolchain;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/** The devnet keeps its chain between runs, refuses a second instance, and leaves nothing behind. */
class DevnetIT {
    private static final String RECIPIENT = "0x000000000000000000000000000000000000beef";

    @Test
    void keepsItsChainBetweenRunsAndStopsEverything(@TempDir Path folder) throws Exception {
        ManagedProcess.sweep();
        JsToolchain toolchain = new JsToolchain(Toolchain.projectDir());
        List<String> progress = new ArrayList<>();
        List<Long> pids;
        try (Devnet devnet = Devnet.start(folder, toolchain, progress::add)) {
            assertThat(progress).contains("Deploying the contracts…", "Devnet ready");
            assertThat(devnet.info().contracts()).containsKeys("CredentialRegistry", "Marketplace", "TrustStaking",
                    "EnclaveGovernor", "Timelock");
            assertThat(DevnetInfo.read(folder)).hasValueSatisfying(i -> assertThat(i.rpcUrl()).isEqualTo(devnet.info().rpcUrl()));
            assertThatThrownBy(() -> Devnet.start(folder, toolchain, m -> { }))
                    .hasMessageContaining("already running");
            Web3j web3j = Web3j.build(new HttpService(devnet.info().rpcUrl()));
            Transfer.sendFunds(web3j, Credentials.create(Anvil.KEYS.get(0)), RECIPIENT, java.math.BigDecimal.ONE,
                    Convert.Unit.ETHER).send();
            web3j.shutdown();
            pids = devnet.pids();
            assertThat(pids).as("devnet processes").hasSizeGreaterThanOrEqualTo(4);
        }
        assertThat(DevnetInfo.read(folder)).isEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d stopped", pid).isFalse();
        }
        assertThat(Files.size(folder.resolve("anvil-state.json"))).isPositive();

        List<String> again2 = new ArrayList<>();
        try (Devnet again = Devnet.start(folder, toolchain, again2::add)) {
            assertThat(again2).contains("Checking the deployed contracts…").doesNotContain("Deploying the contracts…");
            Web3j web3j = Web3j.build(new HttpService(again.info().rpcUrl()));
            BigInteger balance = web3j.ethGetBalance(RECIPIENT, DefaultBlockParameterName.LATEST).send().getBalance();
            web3j.shutdown();
            assertThat(balance).isEqualTo(Convert.toWei("1", Convert.Unit.ETHER).toBigInteger());
        }
        Devnet.reset(folder);
        assertThat(folder).doesNotExist();
    }
}
