package io.enclave.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.chain.ChainRevertException;
import io.enclave.chain.EstimatingTransactionManager;
import io.enclave.chain.RevertDecoder;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enclave deploy}: deploys (or finishes deploying) the contract suite with a key from an encrypted keystore.
 * The password is read from the console, or from a file; never from the command line.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy the Enclave contracts (proxies, timelock, governor) and record them in a deployment file."
                + " Running it again finishes a broken-off deployment and changes nothing after a complete one.")
public final class DeployCommand implements Callable<Integer> {
    @Option(names = "--rpc", required = true, description = "JSON-RPC endpoint of the chain.")
    String rpc;

    @Option(names = "--chain-id", required = true,
            description = "Chain id the endpoint must serve (2288 Moca mainnet, 222888 testnet, 31337 devnet).")
    long chainId;

    @Option(names = "--keystore", required = true, description = "Encrypted JSON keystore (Ethereum V3) of the deployer.")
    Path keystore;

    @Option(names = "--password-file",
            description = "File holding the keystore password (first line). Without it the password is asked for.")
    Path passwordFile;

    @Option(names = "--deployment", defaultValue = "deployments.json",
            description = "Deployment file with addresses per chain id (default: ${DEFAULT-VALUE}).")
    Path deployment;

    @Option(names = "--config", description = "Deployment parameters as JSON (the fields of DeployConfig)."
            + " Without it the devnet defaults are used, with --guardian.")
    Path config;

    @Option(names = "--guardian", description = "Guardian address (may pause, never unpause) for the devnet defaults.")
    String guardian;

    @Override
    public Integer call() throws Exception {
        DeployConfig cfg = readConfig();
        Credentials deployer = unlock();
        Web3j web3j = Web3j.build(new HttpService(rpc));
        try {
            EstimatingTransactionManager tm;
            try {
                tm = EstimatingTransactionManager.connect(web3j, deployer, chainId, RevertDecoder.bundled());
            } catch (IOException e) {
                throw new UserError("Cannot reach " + rpc + ": " + e.getMessage() + ". Check the URL and the network.", e);
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage(), e);
            }
            Deployment d = new SuiteDeployer(tm, DeploymentFile.open(deployment), System.out::println).deploy(cfg);
            System.out.println("timelock    " + d.timelock());
            System.out.println("governor    " + d.governor());
            System.out.println("registry    " + d.registry());
            System.out.println("marketplace " + d.marketplace());
            System.out.println("staking     " + d.staking());
            d.verifiers().forEach((name, address) -> System.out.println(name + " " + address));
            return 0;
        } catch (ChainRevertException e) {
            throw new UserError(e.getMessage() + ". Nothing was sent for this step; the deployment file lists what exists.", e);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            web3j.shutdown();
        }
    }

    private DeployConfig readConfig() {
        if (config == null) {
            return DeployConfig.devnet(guardian);
        }
        try {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(config.toFile(), DeployConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("Cannot use the deployment parameters in " + config + ": " + e.getMessage(), e);
        }
    }

    private Credentials unlock() {
        char[] password = null;
        try {
            password = readPassword();
            return WalletUtils.loadCredentials(new String(password), keystore.toFile());
        } catch (CipherException e) {
            throw new UserError("Wrong password for keystore " + keystore, e);
        } catch (IOException e) {
            throw new UserError("Cannot read keystore " + keystore + ": " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private char[] readPassword() throws IOException {
        if (passwordFile != null) {
            byte[] bytes = Files.readAllBytes(passwordFile);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
                int end = 0;
                while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                    end++;
                }
                char[] out = new char[end];
                chars.get(out, 0, end);
                Arrays.fill(chars.array(), '\0');
                return out;
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new UserError("No console to ask for the keystore password: pass --password-file");
        }
        char[] pw = console.readPassword("Password for %s: ", keystore);
        if (pw == null) {
            throw new UserError("No password given for keystore " + keystore);
        }
        return pw;
    }
}
