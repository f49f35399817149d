package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.cli.CliHarness.Run;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The wallet and tx commands end to end, in-process, against anvil. */
@ExtendWith(AnvilExtension.class)
class WalletCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Anvil anvil;
    Path pw;

    @BeforeEach
    void setUp(Anvil anvil) throws Exception {
        this.anvil = anvil;
        pw = Files.writeString(dir.resolve("pw"), "a long wallet password\n");
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("home").toString()));
        return CliHarness.exec(all);
    }

    /** Imports anvil's test phrase with a fast KDF. */
    Run importAnvilWallet() throws java.io.IOException {
        Path phrase = Files.writeString(dir.resolve("phrase"), Anvil.MNEMONIC + "\n");
        List<String> imp = new ArrayList<>(List.of("wallet", "import", "--mnemonic", "--secret-file", phrase.toString(),
                "--password-file", pw.toString()));
        imp.addAll(List.of(CliHarness.FAST_KDF));
        return run(imp.toArray(String[]::new));
    }

    String[] net(String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.addAll(List.of("--network", "devnet", "--rpc", anvil.rpcUrl()));
        return all.toArray(String[]::new);
    }

    @Test
    void createShowsTheNewPhraseOnceAndListNeedsNoPassword() throws Exception {
        List<String> args = new ArrayList<>(List.of("wallet", "create", "--words", "12", "--json", "--password-file",
                pw.toString()));
        args.addAll(List.of(CliHarness.FAST_KDF));
        Run created = run(args.toArray(String[]::new));
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode j = created.json();
        assertThat(j.get("recoveryPhrase").asText().split(" ")).hasSize(12);
        Path file = dir.resolve("home/wallet.json");
        assertThat(Files.readString(file)).doesNotContain(j.get("recoveryPhrase").asText().split(" ")[0] + " ");
        Run list = run("wallet", "list", "--json");
        assertThat(list.json().get(0).get("address").asText()).isEqualTo(j.get("address").asText());
        assertThat(list.json().get(0).get("path").asText()).isEqualTo("m/44'/60'/0'/0/0");

        Run again = run(args.toArray(String[]::new));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void importSendTrackBalanceAndExport() throws Exception {
        Run imported = importAnvilWallet();
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Run added = run("wallet", "add", "--label", "Bob", "--password-file", pw.toString(), "--json");
        String bob = added.json().get("address").asText();
        assertThat(bob).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

        Run sent = run(net("wallet", "send", "--to", bob, "--amount", "0.25", "--yes", "--wait", "--json",
                "--password-file", pw.toString()));
        assertThat(sent.code()).as(sent.err()).isZero();
        JsonNode s = sent.json();
        assertThat(s.get("status").asText()).isEqualTo("confirmed");
        assertThat(s.at("/confirmation/value").asText()).isEqualTo("0.25 MOCA");
        assertThat(s.at("/confirmation/to").asText()).isEqualTo(bob + " (Bob)");
        String hash = s.get("hash").asText();

        Run status = run(net("tx", "status", hash, "--json", "--password-file", pw.toString()));
        assertThat(status.json().get("status").asText()).isEqualTo("confirmed");
        assertThat(status.json().get("gasUsed").asText()).isEqualTo("21000");

        Run history = run(net("tx", "list", "--json", "--password-file", pw.toString()));
        assertThat(history.json().get(0).get("hash").asText()).isEqualTo(hash);
        assertThat(history.json().get(0).get("summary").asText()).contains("transfer 0.25 MOCA");

        Run balance = run(net("wallet", "balance", "--account", bob, "--json"));
        assertThat(balance.json().get(0).get("amount").asText()).isEqualTo("10000.25 MOCA");

        Path ksPw = Files.writeString(dir.resolve("kspw"), "keystore secret\n");
        Path out = dir.resolve("bob.json");
        Run export = run("wallet", "export", "--account", bob, "--out", out.toString(), "--light", "--password-file",
                pw.toString(), "--keystore-password-file", ksPw.toString());
        assertThat(export.code()).as(export.err()).isZero();
        var ks = JSON.readValue(Files.readString(out), org.web3j.crypto.WalletFile.class);
        assertThat(org.web3j.crypto.Credentials.create(org.web3j.crypto.Wallet.decrypt("keystore secret", ks)).getAddress())
                .isEqualTo(bob);

        Path key = Files.writeString(dir.resolve("key"), Anvil.KEYS.get(2) + "\n");
        Run importedKey = run("wallet", "import", "--private-key", "--secret-file", key.toString(), "--label", "Carol",
                "--password-file", pw.toString());
        assertThat(importedKey.code()).as(importedKey.err()).isZero();
        assertThat(run("wallet", "list").out()).contains("Carol").contains("imported");
    }

    @Test
    void speedUpAndCancelShowTheirConfirmationAndAskFirst() throws Exception {
        assertThat(importAnvilWallet().code()).isZero();
        String to = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        anvil.rpc("evm_setAutomine", false);
        try {
            Run sent = run(net("wallet", "send", "--to", to, "--amount", "0.5", "--yes", "--json", "--password-file",
                    pw.toString()));
            assertThat(sent.code()).as(sent.err()).isZero();
            String hash = sent.json().get("hash").asText();

            // no terminal and no --yes: the confirmation is printed, nothing is signed
            Run asked = run(net("tx", "speed-up", hash, "--password-file", pw.toString()));
            assertThat(asked.code()).isEqualTo(2);
            assertThat(asked.out()).contains("Replaces your pending transaction " + hash).contains("with a higher fee")
                    .contains("0.5 MOCA");
            assertThat(asked.err()).contains("pass --yes");
            Run cancelAsked = run(net("tx", "cancel", hash, "--password-file", pw.toString()));
            assertThat(cancelAsked.code()).isEqualTo(2);
            assertThat(cancelAsked.out()).contains("Cancels your pending transaction " + hash);
            Run pending = run(net("tx", "list", "--json", "--password-file", pw.toString()));
            assertThat(pending.json()).hasSize(1);

            Run cancelled = run(net("tx", "cancel", hash, "--yes", "--json", "--password-file", pw.toString()));
            assertThat(cancelled.code()).as(cancelled.err()).isZero();
            assertThat(cancelled.json().get("kind").asText()).isEqualTo("cancel");
            assertThat(cancelled.json().get("replaces").asText()).isEqualTo(hash);
            assertThat(cancelled.json().get("value").asText()).isEqualTo("0 MOCA");
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
        anvil.mine(1);
    }

    @Test
    void refusalsAreClearAndChangeNothing() throws Exception {
        assertThat(importAnvilWallet().code()).isZero();
        Path wallet = dir.resolve("home/wallet.json");
        byte[] before = Files.readAllBytes(wallet);
        String to = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

        Path wrong = Files.writeString(dir.resolve("wrong"), "not the password\n");
        Run badPw = run(net("wallet", "send", "--to", to, "--amount", "1", "--yes", "--password-file", wrong.toString()));
        assertThat(badPw.code()).isEqualTo(2);
        assertThat(badPw.err()).contains("Wrong password for wallet");

        Run otherChain = run(net("wallet", "send", "--to", to, "--amount", "1", "--yes", "--chain-id", "2288",
                "--password-file", pw.toString()));
        assertThat(otherChain.code()).isEqualTo(2);
        assertThat(otherChain.err()).contains("refusing to sign");

        Run noPasswordArg = run(net("wallet", "send", "--to", to, "--password", "x"));
        assertThat(noPasswordArg.code()).isEqualTo(2);
        assertThat(noPasswordArg.err()).contains("Unknown option");

        Run badAmount = run(net("wallet", "send", "--to", to, "--amount", "1.5.2", "--yes", "--password-file",
                pw.toString()));
        assertThat(badAmount.err()).contains("is not an amount");

        Run tooMuch = run(net("wallet", "send", "--to", to, "--amount", "1000000", "--yes", "--password-file",
                pw.toString()));
        assertThat(tooMuch.code()).isEqualTo(2);
        assertThat(tooMuch.out()).contains("FAILS");
        assertThat(tooMuch.err()).contains("nothing was sent");

        Run noTerminal = run(net("wallet", "send", "--to", to, "--amount", "1", "--password-file", pw.toString()));
        assertThat(noTerminal.err()).contains("pass --yes");
        assertThat(anvil.web3j().ethGetTransactionCount("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount()).isZero();
        assertThat(Files.readAllBytes(wallet)).isEqualTo(before);
    }
}
