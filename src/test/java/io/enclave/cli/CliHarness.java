package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.testsupport.Anvil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * The {@code enclave} command line run in-process for the CLI tests: each "home" is a data folder under one test
 * directory; {@link #onChain} adds the devnet suite's flags (RPC, chain id, contracts file, IPFS, password file) that the
 * market, trust and governance verbs take.
 */
final class CliHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Argon2id at 1 MiB and one pass: wallets made by tests unlock in milliseconds. */
    static final String[] FAST_KDF = {"--kdf-memory-kib", "1024", "--kdf-iterations", "1"};

    /** What one command returned. */
    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private final Path dir;
    private final Path password;
    private Anvil anvil;
    private String ipfsUrl;
    private Path contracts;

    /** A harness whose homes live under {@code dir}; the wallets' password is written to {@code dir/pw}. */
    CliHarness(Path dir) throws Exception {
        this.dir = dir;
        this.password = Files.writeString(dir.resolve("pw"), "a long wallet password\n");
    }

    /** Runs the command line exactly as given (no data folder added). */
    static Run exec(List<String> args) {
        CommandLine cl = EnclaveCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a command with {@code home}'s data folder. */
    Run run(String home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve(home).toString()));
        return exec(all);
    }

    /** The chain the market verbs talk to: the suite's contracts (name → address, written to contracts.json), IPFS. */
    CliHarness onChain(Anvil anvil, String ipfsUrl, Map<String, String> namedContracts) throws Exception {
        this.anvil = anvil;
        this.ipfsUrl = ipfsUrl;
        this.contracts = Files.writeString(dir.resolve("contracts.json"), JSON.writeValueAsString(namedContracts));
        return this;
    }

    /** The flags naming the devnet chain, contracts, an IPFS node and the password file. */
    List<String> chainFlags(String ipfs) {
        return List.of("--network", "devnet", "--rpc", anvil.rpcUrl(), "--chain-id", Long.toString(anvil.chainId()),
                "--contracts", contracts.toString(), "--ipfs", ipfs, "--password-file", password.toString());
    }

    /** A market/trust/gov command as {@code home}'s wallet on the suite, answering in JSON. */
    Run market(String home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(chainFlags(ipfsUrl));
        all.add("--json");
        return run(home, all.toArray(String[]::new));
    }

    /** Imports {@code key} as {@code home}'s wallet (the secret file is deleted afterwards). */
    void wallet(String home, Credentials key) throws Exception {
        Path secret = Files.writeString(dir.resolve(home + ".key"),
                Numeric.toHexStringNoPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64));
        List<String> args = new ArrayList<>(List.of("wallet", "import", "--private-key", "--secret-file", secret.toString(),
                "--password-file", password.toString()));
        args.addAll(List.of(FAST_KDF));
        Run r = run(home, args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        Files.delete(secret);
    }

    Path password() {
        return password;
    }
}
