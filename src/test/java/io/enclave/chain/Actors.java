package io.enclave.chain;

import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.testsupport.Anvil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** A deployed suite on anvil plus funded actors, each with its own signing transaction manager. */
public final class Actors {
    public static final BigInteger ETHER = BigInteger.TEN.pow(18);

    public final Anvil anvil;
    public final Deployment deployment;
    public final DeployConfig config;
    public final Credentials deployer;
    public final Credentials issuer;

    private Actors(Anvil anvil, Deployment deployment, DeployConfig config, Credentials deployer, Credentials issuer) {
        this.anvil = anvil;
        this.deployment = deployment;
        this.config = config;
        this.deployer = deployer;
        this.issuer = issuer;
    }

    /** Deploys the suite with the devnet configuration and one registered issuer (5% royalty). */
    public static Actors deploy(Anvil anvil, Path deploymentFile) throws Exception {
        return deploy(anvil, deploymentFile, BigInteger.valueOf(11), BigInteger.valueOf(22));
    }

    /** As {@link #deploy(Anvil, Path)}, the issuer registered with the BabyJubJub key (ax, ay). */
    public static Actors deploy(Anvil anvil, Path deploymentFile, BigInteger ax, BigInteger ay) throws Exception {
        Credentials deployer = anvil.account(0);
        Credentials issuer = fresh(anvil);
        DeployConfig config = DeployConfig.devnet(anvil.account(1).getAddress())
                .withIssuers(List.of(new DeployConfig.Issuer(issuer.getAddress(), ax, ay, 500)));
        Deployment d = new SuiteDeployer(manager(anvil, deployer), DeploymentFile.open(deploymentFile), msg -> { })
                .deploy(config);
        return new Actors(anvil, d, config, deployer, issuer);
    }

    /** A new key funded with 1,000 ether. */
    public static Credentials fresh(Anvil anvil) throws Exception {
        Credentials c = Credentials.create(Keys.createEcKeyPair());
        anvil.rpc("anvil_setBalance", c.getAddress(), Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(1000))));
        return c;
    }

    public static EstimatingTransactionManager manager(Anvil anvil, Credentials who) throws IOException {
        return EstimatingTransactionManager.connect(anvil.web3j(), who, anvil.chainId(), RevertDecoder.bundled());
    }

    /** The uncompressed public key x||y (64 bytes) that Marketplace.purchase takes. */
    public static byte[] publicKey(Credentials c) {
        return Numeric.toBytesPadded(c.getEcKeyPair().getPublicKey(), 64);
    }

    public CredentialRegistry registry(Credentials who) throws IOException {
        return CredentialRegistry.load(deployment.registry(), anvil.web3j(), manager(anvil, who), gas());
    }

    public Marketplace market(Credentials who) throws IOException {
        return Marketplace.load(deployment.marketplace(), anvil.web3j(), manager(anvil, who), gas());
    }

    public TrustStaking staking(Credentials who) throws IOException {
        return TrustStaking.load(deployment.staking(), anvil.web3j(), manager(anvil, who), gas());
    }

    public EnclaveGovernor governor(Credentials who) throws IOException {
        return EnclaveGovernor.load(deployment.governor(), anvil.web3j(), manager(anvil, who), gas());
    }

    public BigInteger balance(String address) throws IOException {
        return anvil.web3j().ethGetBalance(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                .getBalance();
    }

    private EstimatedGas gas() {
        return new EstimatedGas(anvil.chainId());
    }
}
