package io.enclave.devnet;

import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.RevertDecoder;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Deploys the contract suite on the devnet with the Java deployer that real deployments use, once: the deployment file
 * in the devnet folder makes a restart reuse the contracts already on the (persisted) chain.
 *
 * <p>The deployer is anvil's first well-known development account — public knowledge, worthless off the devnet.
 */
final class DevnetContracts {
    /** anvil's account 0 (mnemonic "test test ... junk"); only ever used on the local devnet. */
    static final String DEPLOYMENTS = "deployments.json";
    private static final String DEVNET_DEPLOYER = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private DevnetContracts() {
    }

    static Map<String, String> deploy(String rpcUrl, long chainId, Path folder, List<DeployConfig.Issuer> issuers,
                                      Consumer<String> progress) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            Credentials deployer = Credentials.create(DEVNET_DEPLOYER);
            EstimatingTransactionManager tm = EstimatingTransactionManager.connect(web3j, deployer, chainId,
                    RevertDecoder.bundled());
            DeploymentFile file = DeploymentFile.open(folder.resolve(DEPLOYMENTS));
            progress.accept(file.complete(chainId) ? "Checking the deployed contracts…" : "Deploying the contracts…");
            Deployment d = new SuiteDeployer(tm, file, m -> { }).deploy(DeployConfig.devnet(deployer.getAddress())
                    .withIssuers(issuers));
            Map<String, String> contracts = new LinkedHashMap<>();
            contracts.put("CredentialRegistry", d.registry());
            contracts.put("Marketplace", d.marketplace());
            contracts.put("TrustStaking", d.staking());
            contracts.put("EnclaveGovernor", d.governor());
            contracts.put("Timelock", d.timelock());
            contracts.putAll(d.verifiers());
            return contracts;
        } catch (Exception e) {
            throw new DevnetException("Deploying the contracts on the devnet failed: " + e.getMessage(), e);
        } finally {
            web3j.shutdown();
        }
    }
}
