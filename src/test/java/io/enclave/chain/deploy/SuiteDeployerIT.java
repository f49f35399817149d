package io.enclave.chain.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.chain.Actors;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.RevertDecoder;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.EnclaveTimelock;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The deployer against a real anvil: wiring, the deployment file, idempotence and the errors it gives. */
@ExtendWith(AnvilExtension.class)
class SuiteDeployerIT {

    @Test
    void deploysAndWiresTheWholeSuite(Anvil anvil, @TempDir Path dir) throws Exception {
        Actors suite = Actors.deploy(anvil, dir.resolve("deployments.json"));
        Deployment d = suite.deployment;
        var web3j = anvil.web3j();
        EstimatingTransactionManager tm = Actors.manager(anvil, suite.deployer);
        EstimatedGas gas = new EstimatedGas(anvil.chainId());
        String deployer = suite.deployer.getAddress();

        EnclaveTimelock timelock = EnclaveTimelock.load(d.timelock(), web3j, tm, gas);
        assertThat(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE().send(), deployer).send()).isFalse();
        assertThat(timelock.hasRole(timelock.PROPOSER_ROLE().send(), d.governor()).send()).isTrue();
        assertThat(timelock.hasRole(timelock.CANCELLER_ROLE().send(), d.governor()).send()).isTrue();
        assertThat(timelock.hasRole(timelock.EXECUTOR_ROLE().send(), "0x0000000000000000000000000000000000000000").send())
                .isTrue();
        assertThat(timelock.getMinDelay().send()).isEqualTo(BigInteger.valueOf(suite.config.timelockDelay()));

        CredentialRegistry registry = CredentialRegistry.load(d.registry(), web3j, tm, gas);
        Marketplace market = Marketplace.load(d.marketplace(), web3j, tm, gas);
        TrustStaking staking = TrustStaking.load(d.staking(), web3j, tm, gas);
        for (String governance : List.of(registry.governance().send(), market.governance().send(),
                staking.governance().send())) {
            assertThat(governance).isEqualToIgnoringCase(d.timelock());
        }
        assertThat(market.guardian().send()).isEqualToIgnoringCase(anvil.account(1).getAddress());
        assertThat(market.params().send().treasury).isEqualToIgnoringCase(d.timelock());
        assertThat(market.registry().send()).isEqualToIgnoringCase(d.registry());
        assertThat(registry.issuer(suite.issuer.getAddress()).send().royaltyBps).isEqualTo(BigInteger.valueOf(500));
        EnclaveGovernor governor = EnclaveGovernor.load(d.governor(), web3j, tm, gas);
        assertThat(governor.token().send()).isEqualToIgnoringCase(d.staking());
        assertThat(governor.timelock().send()).isEqualToIgnoringCase(d.timelock());
        // Every compiled Groth16 verifier (one per circuit, from the committed trusted setup) is deployed.
        assertThat(d.verifiers()).containsOnlyKeys("EqualityVerifier", "MembershipVerifier", "RangeVerifier");

        DeploymentFile file = DeploymentFile.open(dir.resolve("deployments.json"));
        assertThat(file.complete(anvil.chainId())).isTrue();
        assertThat(file.contracts(anvil.chainId())).containsKeys("EnclaveTimelock", "CredentialRegistryImpl",
                "CredentialRegistry", "MarketplaceImpl", "Marketplace", "TrustStakingImpl", "TrustStaking", "EnclaveGovernor");
        assertThat(file.address(anvil.chainId(), "Marketplace")).contains(d.marketplace());
        assertThat(file.address(anvil.chainId() + 1, "Marketplace")).isEmpty();

        // the deployer no longer governs anything
        assertThatThrownBy(() -> registry.registerIssuer(deployer, BigInteger.ONE, BigInteger.TWO, BigInteger.ZERO).send())
                .hasMessageContaining("NotGovernance");
    }

    @Test
    void secondRunChangesNothing(Anvil anvil, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("deployments.json");
        Actors first = Actors.deploy(anvil, path);
        String fileBefore = Files.readString(path);
        BigInteger nonce = nonce(anvil, first.deployer);
        List<String> log = new ArrayList<>();
        Deployment again = new SuiteDeployer(Actors.manager(anvil, first.deployer), DeploymentFile.open(path), log::add)
                .deploy(first.config);
        assertThat(again).isEqualTo(first.deployment);
        assertThat(nonce(anvil, first.deployer)).isEqualTo(nonce);
        assertThat(Files.readString(path)).isEqualTo(fileBefore);
        assertThat(log).noneMatch(l -> l.startsWith("Deployed"));
    }

    @Test
    void resumesABrokenOffDeployment(Anvil anvil, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("deployments.json");
        Credentials deployer = anvil.account(0);
        DeployConfig config = DeployConfig.devnet(null)
                .withCircuits(List.of(new DeployConfig.Circuit("NoSuchVerifier", 1, 9)));
        EstimatingTransactionManager tm = Actors.manager(anvil, deployer);
        assertThatThrownBy(() -> new SuiteDeployer(tm, DeploymentFile.open(path), m -> { }).deploy(config))
                .hasMessageContaining("NoSuchVerifier").hasMessageContaining("did not compile");
        DeploymentFile partial = DeploymentFile.open(path);
        assertThat(partial.complete(anvil.chainId())).isFalse();
        assertThat(partial.contracts(anvil.chainId())).containsKey("EnclaveGovernor");

        List<String> log = new ArrayList<>();
        Deployment d = new SuiteDeployer(tm, DeploymentFile.open(path), log::add).deploy(DeployConfig.devnet(null));
        assertThat(log).noneMatch(l -> l.startsWith("Deployed"));
        assertThat(d.governor()).isEqualTo(partial.address(anvil.chainId(), "EnclaveGovernor").orElseThrow());
        assertThat(DeploymentFile.open(path).complete(anvil.chainId())).isTrue();
        CredentialRegistry registry = CredentialRegistry.load(d.registry(), anvil.web3j(), tm, new EstimatedGas(anvil.chainId()));
        assertThat(registry.governance().send()).isEqualToIgnoringCase(d.timelock());
    }

    @Test
    void staleOrForeignFilesAreRefusedWithAClearMessage(Anvil anvil, @TempDir Path dir) throws Exception {
        Path stale = dir.resolve("stale.json");
        Files.writeString(stale, "{\"version\":1,\"chains\":{\"31337\":{\"deployer\":\"0x1\",\"complete\":true,"
                + "\"contracts\":{\"EnclaveTimelock\":\"0x00000000000000000000000000000000000000aa\"}}}}");
        EstimatingTransactionManager tm = Actors.manager(anvil, anvil.account(0));
        assertThatThrownBy(() -> new SuiteDeployer(tm, DeploymentFile.open(stale), m -> { }).deploy(DeployConfig.devnet(null)))
                .hasMessageContaining("no contract there").hasMessageContaining("Remove the chain's entry");

        Path foreign = dir.resolve("foreign.json");
        Files.writeString(foreign, "[1,2,3]");
        assertThatThrownBy(() -> DeploymentFile.open(foreign)).hasMessageContaining("not an Enclave deployment file");
        Files.writeString(foreign, "{broken");
        assertThatThrownBy(() -> DeploymentFile.open(foreign)).hasMessageContaining("Cannot read the deployment file");
        assertThat(Files.readString(foreign)).isEqualTo("{broken");
    }

    @Test
    void refusesAnotherChain(Anvil anvil) {
        assertThatThrownBy(() -> EstimatingTransactionManager.connect(anvil.web3j(), anvil.account(0), 2288,
                RevertDecoder.bundled()))
                .hasMessageContaining("serves chain " + anvil.chainId()).hasMessageContaining("refusing to sign");
    }

    private static BigInteger nonce(Anvil anvil, Credentials who) throws Exception {
        return anvil.web3j().ethGetTransactionCount(who.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount();
    }
}
