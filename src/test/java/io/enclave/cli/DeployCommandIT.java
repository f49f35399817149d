package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;

/** {@code enclave deploy} against anvil with an encrypted keystore and a password file. */
@ExtendWith(AnvilExtension.class)
class DeployCommandIT {

    @Test
    void deploysWithAKeystoreAndRefusesBadInput(Anvil anvil, @TempDir Path dir) throws Exception {
        String keystoreName = WalletUtils.generateWalletFile("correct horse", anvil.account(0).getEcKeyPair(),
                dir.toFile(), false);
        Path keystore = dir.resolve(keystoreName);
        Path password = dir.resolve("password.txt");
        Files.writeString(password, "correct horse\n");
        Path deployment = dir.resolve("deployments.json");

        Result wrongPassword = run("deploy", "--rpc", anvil.rpcUrl(), "--chain-id", "31337", "--keystore", keystore.toString(),
                "--password-file", write(dir, "bad.txt", "wrong\n").toString(), "--deployment", deployment.toString());
        assertThat(wrongPassword.code).isEqualTo(2);
        assertThat(wrongPassword.err).contains("Wrong password for keystore");
        assertThat(Files.exists(deployment)).isFalse();

        Result wrongChain = run("deploy", "--rpc", anvil.rpcUrl(), "--chain-id", "2288", "--keystore", keystore.toString(),
                "--password-file", password.toString(), "--deployment", deployment.toString());
        assertThat(wrongChain.code).isEqualTo(2);
        assertThat(wrongChain.err).contains("refusing to sign");

        Result badConfig = run("deploy", "--rpc", anvil.rpcUrl(), "--chain-id", "31337", "--keystore", keystore.toString(),
                "--password-file", password.toString(), "--deployment", deployment.toString(),
                "--config", write(dir, "config.json", "{\"feeBps\": 5000}").toString());
        assertThat(badConfig.code).isEqualTo(2);
        assertThat(badConfig.err).contains("Cannot use the deployment parameters");

        Result ok = run("deploy", "--rpc", anvil.rpcUrl(), "--chain-id", "31337", "--keystore", keystore.toString(),
                "--password-file", password.toString(), "--deployment", deployment.toString(),
                "--guardian", anvil.account(1).getAddress());
        assertThat(ok.code).as(ok.err).isZero();
        assertThat(DeploymentFile.open(deployment).complete(31337)).isTrue();
        assertThat(Files.readString(deployment)).doesNotContain("correct horse");
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = EnclaveCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, err.toString());
    }

    private record Result(int code, String err) {
    }
}
