package io.enclave.chain.deploy;

import io.enclave.chain.ContractArtifacts;
import io.enclave.chain.EstimatedGas;
import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.contracts.EnclaveGovernor;
import io.enclave.chain.contracts.EnclaveProxy;
import io.enclave.chain.contracts.EnclaveTimelock;
import io.enclave.chain.contracts.Marketplace;
import io.enclave.chain.contracts.TrustStaking;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.Contract;
import org.web3j.utils.Numeric;

/**
 * Deploys the whole contract suite, the same way for a devnet, a testnet and mainnet:
 * <ol>
 *   <li>the timelock (the deployer is its temporary admin), the registry, marketplace and staking implementations,
 *       each behind an {@link EnclaveProxy} (UUPS), and the governor voting with TrustStaking stakes;</li>
 *   <li>every compiled {@code *Verifier} contract (the zero-knowledge verifiers, when the build has them);</li>
 *   <li>the registry's initial issuers and circuits, while the deployer still governs the registry;</li>
 *   <li>the hand-over: the governor becomes the timelock's proposer and canceller, anyone may execute, the registry's
 *       governance moves to the timelock and the deployer renounces its timelock admin role.</li>
 * </ol>
 * Every address is written to the {@link DeploymentFile} as soon as it exists, and every step checks the chain first,
 * so running the deployer again finishes a broken-off deployment and changes nothing after a complete one.
 */
public final class SuiteDeployer {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final EstimatingTransactionManager tm;
    private final Web3j web3j;
    private final EstimatedGas gas;
    private final DeploymentFile file;
    private final Consumer<String> log;
    private final long chainId;
    private final String deployer;

    public SuiteDeployer(EstimatingTransactionManager tm, DeploymentFile file, Consumer<String> log) {
        this.tm = tm;
        this.web3j = tm.web3j();
        this.chainId = tm.chainId();
        this.gas = new EstimatedGas(chainId);
        this.file = file;
        this.log = log;
        this.deployer = tm.getFromAddress();
    }

    /** Deploys what is missing and returns the suite. */
    public Deployment deploy(DeployConfig config) throws Exception {
        String guardian = config.guardian() == null ? ZERO : config.guardian();
        String timelock = step("EnclaveTimelock", () -> EnclaveTimelock.deploy(web3j, tm, gas,
                BigInteger.valueOf(config.timelockDelay()), List.of(), List.of(ZERO), deployer).send());
        String treasury = config.treasury() == null ? timelock : config.treasury();

        String registryImpl = step("CredentialRegistryImpl", () -> CredentialRegistry.deploy(web3j, tm, gas).send());
        String registry = proxy("CredentialRegistry", registryImpl, CredentialRegistry.load(registryImpl, web3j, tm, gas)
                .initialize(deployer, guardian).encodeFunctionCall());

        String marketImpl = step("MarketplaceImpl", () -> Marketplace.deploy(web3j, tm, gas, registry).send());
        String market = proxy("Marketplace", marketImpl, Marketplace.load(marketImpl, web3j, tm, gas)
                .initialize(timelock, guardian, new Marketplace.Params(treasury, BigInteger.valueOf(config.feeBps()),
                        BigInteger.valueOf(config.deliveryWindow()), BigInteger.valueOf(config.disputeWindow())))
                .encodeFunctionCall());

        String stakingImpl = step("TrustStakingImpl", () -> TrustStaking.deploy(web3j, tm, gas).send());
        String staking = proxy("TrustStaking", stakingImpl, TrustStaking.load(stakingImpl, web3j, tm, gas)
                .initialize(timelock, guardian, new TrustStaking.Params(treasury, config.minStake(),
                        BigInteger.valueOf(config.unbondingPeriod())))
                .encodeFunctionCall());

        String governor = step("EnclaveGovernor", () -> EnclaveGovernor.deploy(web3j, tm, gas, staking, timelock,
                BigInteger.valueOf(config.votingDelayBlocks()), BigInteger.valueOf(config.votingPeriodBlocks()),
                config.proposalThreshold(), BigInteger.valueOf(config.quorumPercent())).send());

        Map<String, String> verifiers = new LinkedHashMap<>();
        ContractArtifacts artifacts = ContractArtifacts.bundled();
        for (String name : artifacts.deployableEndingWith("Verifier")) {
            verifiers.put(name, rawStep(name, artifacts.bytecode(name)));
        }

        CredentialRegistry reg = CredentialRegistry.load(registry, web3j, tm, gas);
        if (reg.governance().send().equalsIgnoreCase(deployer)) {
            registerIssuers(reg, config.issuers());
            registerCircuits(reg, config.circuits(), verifiers);
            handOver(reg, timelock, governor);
        } else {
            renounceTimelockAdmin(EnclaveTimelock.load(timelock, web3j, tm, gas), governor);
        }
        file.markComplete(chainId, deployer);
        log.accept("Suite complete on chain " + chainId + "; addresses in " + file.path());
        return new Deployment(chainId, timelock, governor, registry, market, staking,
                Map.of("CredentialRegistry", registryImpl, "Marketplace", marketImpl, "TrustStaking", stakingImpl),
                verifiers);
    }

    private void registerIssuers(CredentialRegistry reg, List<DeployConfig.Issuer> issuers) throws Exception {
        for (DeployConfig.Issuer i : issuers) {
            if (ZERO.equalsIgnoreCase(reg.issuer(i.account()).send().account)) {
                reg.registerIssuer(i.account(), i.babyJubX(), i.babyJubY(), BigInteger.valueOf(i.royaltyBps())).send();
                log.accept("Registered issuer " + i.account());
            }
        }
    }

    private void registerCircuits(CredentialRegistry reg, List<DeployConfig.Circuit> circuits,
            Map<String, String> verifiers) throws Exception {
        for (DeployConfig.Circuit c : circuits) {
            String verifier = verifiers.get(c.verifierContract());
            if (verifier == null) {
                throw new IllegalStateException("Circuit " + c.id() + " names verifier " + c.verifierContract()
                        + ", which this build did not compile; compiled verifiers: " + verifiers.keySet());
            }
            if (!verifier.equalsIgnoreCase(reg.circuit(BigInteger.valueOf(c.id())).send().verifier)) {
                reg.registerCircuit(BigInteger.valueOf(c.id()), verifier, BigInteger.valueOf(c.publicInputs())).send();
                log.accept("Registered circuit " + c.id() + " -> " + c.verifierContract());
            }
        }
    }

    private void handOver(CredentialRegistry reg, String timelock, String governor) throws Exception {
        EnclaveTimelock tl = EnclaveTimelock.load(timelock, web3j, tm, gas);
        for (byte[] role : List.of(tl.PROPOSER_ROLE().send(), tl.CANCELLER_ROLE().send())) {
            if (!tl.hasRole(role, governor).send()) {
                tl.grantRole(role, governor).send();
            }
        }
        reg.setGovernance(timelock).send();
        log.accept("Registry governance handed to the timelock " + timelock);
        renounceTimelockAdmin(tl, governor);
    }

    private void renounceTimelockAdmin(EnclaveTimelock tl, String governor) throws Exception {
        byte[] admin = tl.DEFAULT_ADMIN_ROLE().send();
        if (!tl.hasRole(admin, deployer).send()) {
            return;
        }
        for (byte[] role : List.of(tl.PROPOSER_ROLE().send(), tl.CANCELLER_ROLE().send())) {
            if (!tl.hasRole(role, governor).send()) {
                tl.grantRole(role, governor).send();
            }
        }
        tl.renounceRole(admin, deployer).send();
        log.accept("Deployer renounced its timelock admin role");
    }

    private String proxy(String name, String implementation, String initCall) throws Exception {
        return step(name, () -> EnclaveProxy.deploy(web3j, tm, gas, BigInteger.ZERO, implementation,
                Numeric.hexStringToByteArray(initCall)).send());
    }

    /** A deployment step done through a wrapper; skipped when the file has it and the chain has its code. */
    private String step(String name, DeployAction action) throws Exception {
        String known = existing(name);
        if (known != null) {
            return known;
        }
        String address = action.deploy().getContractAddress();
        file.record(chainId, deployer, name, address);
        log.accept("Deployed " + name + " at " + address);
        return address;
    }

    /** A deployment from raw creation code (contracts without a wrapper in this build, e.g. verifiers). */
    private String rawStep(String name, String bytecode) throws Exception {
        String known = existing(name);
        if (known != null) {
            return known;
        }
        String address = tm.execute(null, Numeric.prependHexPrefix(bytecode), BigInteger.ZERO).getContractAddress();
        file.record(chainId, deployer, name, address);
        log.accept("Deployed " + name + " at " + address);
        return address;
    }

    private String existing(String name) throws Exception {
        String known = file.address(chainId, name).orElse(null);
        if (known == null) {
            return null;
        }
        String code = web3j.ethGetCode(known, DefaultBlockParameterName.LATEST).send().getCode();
        if (code == null || code.length() <= 2) {
            throw new IllegalStateException("The deployment file " + file.path() + " lists " + name + " at " + known
                    + " on chain " + chainId + ", but there is no contract there (was the chain reset?). Remove the chain's"
                    + " entry from the file to deploy afresh.");
        }
        return known;
    }

    @FunctionalInterface
    private interface DeployAction {
        Contract deploy() throws Exception;
    }
}
