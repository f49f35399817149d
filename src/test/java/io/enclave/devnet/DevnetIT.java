package io.enclave.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.discovery.api.Listing;
import io.enclave.discovery.client.DiscoveryClient;
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

/**
 * The devnet keeps its chain (and its discovery database) between runs, refuses a second instance, indexes what happens
 * on its chain, and leaves nothing behind.
 */
class DevnetIT {
    private static final String RECIPIENT = "0x000000000000000000000000000000000000beef";

    @Test
    void keepsItsChainBetweenRunsAndStopsEverything(@TempDir Path folder) throws Exception {
        ManagedProcess.sweep();
        JsToolchain toolchain = new JsToolchain(Toolchain.projectDir());
        List<String> progress = new ArrayList<>();
        List<Long> pids;
        BigInteger listingId;
        Credentials seller = Credentials.create(org.web3j.crypto.Keys.createEcKeyPair());
        try (Devnet devnet = Devnet.start(folder, toolchain, Devnet.Options.bare(), progress::add)) {
            assertThat(progress).contains("Deploying the contracts…", "Devnet ready");
            assertThat(devnet.info().contracts()).containsKeys("CredentialRegistry", "Marketplace", "TrustStaking",
                    "EnclaveGovernor", "Timelock");
            assertThat(DevnetInfo.read(folder)).hasValueSatisfying(i -> assertThat(i.rpcUrl()).isEqualTo(devnet.info().rpcUrl()));
            assertThatThrownBy(() -> Devnet.start(folder, toolchain, m -> { }))
                    .hasMessageContaining("already running");
            Web3j web3j = Web3j.build(new HttpService(devnet.info().rpcUrl()));
            Transfer.sendFunds(web3j, Credentials.create(Anvil.KEYS.get(0)), RECIPIENT, java.math.BigDecimal.ONE,
                    Convert.Unit.ETHER).send();

            DiscoveryClient discovery = DiscoveryClient.of(devnet.info().discoveryUrl());
            assertThat(devnet.info().discoveryUrl()).startsWith("http://127.0.0.1:");
            assertThat(DevnetInfo.read(folder)).hasValueSatisfying(i -> assertThat(i.discoveryUrl())
                    .isEqualTo(devnet.info().discoveryUrl()));
            assertThat(discovery.health().database()).isTrue();
            listingId = DevnetMarket.listOne(devnet.info(), seller);
            String id = listingId.toString();
            Listing listed = await(() -> discovery.listing(id));
            assertThat(listed.seller()).isEqualToIgnoringCase(seller.getAddress());
            assertThat(listed.priceWei()).isEqualTo(DevnetMarket.PRICE.toString());
            assertThat(listed.issuer()).isEqualToIgnoringCase(DevnetMarket.ISSUER.getAddress());
            web3j.shutdown();
            pids = devnet.pids();
            assertThat(pids).as("devnet processes").hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(DevnetInfo.read(folder)).isEmpty();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d stopped", pid).isFalse();
        }
        assertThat(Files.size(folder.resolve("anvil-state.json"))).isPositive();

        List<String> again2 = new ArrayList<>();
        try (Devnet again = Devnet.start(folder, toolchain, Devnet.Options.bare(), again2::add)) {
            assertThat(again2).contains("Checking the deployed contracts…").doesNotContain("Deploying the contracts…");
            Web3j web3j = Web3j.build(new HttpService(again.info().rpcUrl()));
            BigInteger balance = web3j.ethGetBalance(RECIPIENT, DefaultBlockParameterName.LATEST).send().getBalance();
            web3j.shutdown();
            assertThat(balance).isEqualTo(Convert.toWei("1", Convert.Unit.ETHER).toBigInteger());
            DiscoveryClient discovery = DiscoveryClient.of(again.info().discoveryUrl());
            assertThat(discovery.listing(listingId.toString())).as("kept in the devnet's database").isPresent();
            assertThat(discovery.search(DiscoveryClient.Query.text(null)).items()).hasSize(1);
        }
        Devnet.reset(folder);
        assertThat(folder).doesNotExist();
    }

    private static <T> T await(java.util.function.Supplier<java.util.Optional<T>> probe) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (true) {
            java.util.Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the devnet's discovery server did not index the listing within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
