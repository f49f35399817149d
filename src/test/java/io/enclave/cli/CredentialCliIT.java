package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Actors;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.chain.deploy.Deployment;
import io.enclave.chain.deploy.DeploymentFile;
import io.enclave.chain.deploy.SuiteDeployer;
import io.enclave.cli.CliHarness.Run;
import io.enclave.crypto.Argon2id;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * {@code enclave credential signing-key|attest|prove|verify|package|revoke|delete-my-data} against anvil: an issuer key
 * registered at deployment, a holder wallet, a real proof, an on-chain revocation, and the deletion of local data.
 * Passwords come from files, the attribute value from a file: none is an argument.
 */
@ExtendWith(AnvilExtension.class)
class CredentialCliIT {
    private static final Argon2id.Params FAST = new Argon2id.Params(64, 1, 1);

    private static Run run(List<String> args) {
        return CliHarness.exec(args);
    }

    private static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }

    @Test
    void issuerAttestsHolderProvesVerifiesPackagesThenRevocationAndDeletion(Anvil anvil, @TempDir Path dir)
            throws Exception {
        Path pw = dir.resolve("pw.txt");
        Files.writeString(pw, "correct horse battery staple\n");
        // issuer: a signing key (its public half is registered when the suite is deployed)
        Path issuerKey = dir.resolve("issuer.key.json");
        Run key = run(args("credential", "signing-key", "--out", issuerKey.toString(), "--password-file", pw.toString()));
        assertThat(key.code()).as(key.err()).isZero();
        Matcher m = Pattern.compile("ax=(\\d+) ay=(\\d+)").matcher(key.out());
        assertThat(m.find()).isTrue();
        assertThat(Files.readString(issuerKey)).doesNotContain("privateKey").contains("argon2id", "AES-256-GCM");

        Credentials issuerAccount = Actors.fresh(anvil);
        Credentials holder = Actors.fresh(anvil);
        Deployment d = new SuiteDeployer(Actors.manager(anvil, anvil.account(0)), DeploymentFile.open(dir.resolve("d.json")),
                msg -> { }).deploy(DeployConfig.devnet(anvil.account(1).getAddress()).withIssuers(List.of(
                new DeployConfig.Issuer(issuerAccount.getAddress(), new BigInteger(m.group(1)), new BigInteger(m.group(2)),
                        500))));
        Path contracts = dir.resolve("contracts.json");
        Files.writeString(contracts, "{\"CredentialRegistry\": \"" + d.registry() + "\", \"Marketplace\": \""
                + d.marketplace() + "\"}");
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path holderWallet = home.resolve("wallet.json");
        byte[] holderPrivate = Numeric.toBytesPadded(holder.getEcKeyPair().getPrivateKey(), 32);
        try (UnlockedWallet w = Wallets.createFromKey(holderWallet, "correct horse battery staple".toCharArray(),
                holderPrivate, "holder", FAST)) {
            assertThat(w.accounts()).hasSize(1);
        }
        Path issuerWallet = dir.resolve("issuer-wallet.json");
        try (UnlockedWallet w = Wallets.createFromKey(issuerWallet, "correct horse battery staple".toCharArray(),
                Numeric.toBytesPadded(issuerAccount.getEcKeyPair().getPrivateKey(), 32), "issuer", FAST)) {
            assertThat(w.accounts()).hasSize(1);
        }
        List<String> chain = List.of("--network", "devnet", "--rpc", anvil.rpcUrl(), "--chain-id",
                Long.toString(anvil.chainId()), "--contracts", contracts.toString(), "--password-file", pw.toString());

        // issuer: attest a salary for the holder (value from a file), encrypted to the holder's public key
        Path value = dir.resolve("value.json");
        Files.writeString(value, "8250000");
        Path attestation = dir.resolve("salary.enclave-attestation");
        String holderPub = Numeric.toHexStringNoPrefixZeroPadded(holder.getEcKeyPair().getPublicKey(), 128);
        Run attest = run(args("credential", "attest", "--signing-key", issuerKey.toString(), "--type", "employment",
                "--attribute", "annualSalary", "--value-file", value.toString(), "--subject-key", holderPub,
                "--valid-days", "30", "--out", attestation.toString(), "--password-file", pw.toString()));
        assertThat(attest.code()).as(attest.err()).isZero();
        assertThat(attest.out()).containsIgnoringCase(holder.getAddress());
        assertThat(Files.readAllBytes(attestation)).asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("ENCA").doesNotContain("8250000");
        String attestationHash = find(attest.out(), "Attestation hash \\(to revoke it later\\): (0x[0-9a-f]{64})");

        // holder: check against the chain and prove for a sale; verify with the buyer's context
        Path pkg = dir.resolve("package.json");
        List<String> prove = args("credential", "prove", "--data-dir", home.toString(), "--attestation",
                attestation.toString(), "--predicate", "salary-at-least", "--constant", "5000000", "--buyer",
                anvil.account(2).getAddress(), "--listing", "1", "--out", pkg.toString());
        prove.addAll(chain);
        Run proved = run(prove);
        assertThat(proved.code()).as(proved.err()).isZero();
        assertThat(proved.out()).contains("Issuer-verified attestation");
        // as a number of its own: the ~1,000 random digits of the proof and signals hold "8250000" in 1 package of ~10,000
        assertThat(Files.readString(pkg)).doesNotContainPattern("(?<![0-9])8250000(?![0-9])");
        BigInteger context = new io.enclave.credentials.pkg.ContextBinding(anvil.chainId(), d.marketplace(),
                BigInteger.ONE, anvil.account(2).getAddress()).fieldElement();
        Run verified = run(args("credential", "verify", "--context", context.toString(), pkg.toString()));
        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("Proof verifies", "context matches");
        Run wrongContext = run(args("credential", "verify", "--context", context.add(BigInteger.ONE).toString(),
                pkg.toString()));
        assertThat(wrongContext.code()).isNotZero();
        assertThat(wrongContext.err()).contains("not made for you");

        // holder: seal it for publishing; the local copies land under the data folder
        List<String> pack = args("credential", "package", "--data-dir", home.toString(), pkg.toString());
        pack.addAll(chain);
        Run packed = run(pack);
        assertThat(packed.code()).as(packed.err()).isZero();
        String credentialHash = find(packed.out(), "Credential hash: (0x[0-9a-f]{64})");
        Path sealedPath = home.resolve("credentials/packages/" + credentialHash + "/sealed.bin");
        assertThat(sealedPath).exists();
        assertThat(Files.readAllBytes(sealedPath)).asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                .doesNotContain("salary-at-least");

        // open with the wrapped key (here the seller's own copy): exactly the canonical package comes back
        String commitment = find(packed.out(), "Key commitment: +(0x[0-9a-f]{64})");
        Path opened = dir.resolve("opened.json");
        List<String> open = args("credential", "open", "--data-dir", home.toString(), sealedPath.toString(),
                "--wrapped-key", home.resolve("credentials/packages/" + credentialHash + "/seller-key.bin").toString(),
                "--commitment", commitment, "--credential", credentialHash, "--out", opened.toString());
        open.addAll(chain);
        Run openedRun = run(open);
        assertThat(openedRun.code()).as(openedRun.err()).isZero();
        assertThat(Files.readAllBytes(opened)).isEqualTo(Files.readAllBytes(pkg));
        List<String> wrongCommitment = new ArrayList<>(open);
        wrongCommitment.set(wrongCommitment.indexOf(commitment), "0x" + "00".repeat(32));
        wrongCommitment.set(wrongCommitment.indexOf(opened.toString()), dir.resolve("opened2.json").toString());
        Run refused = run(wrongCommitment);
        assertThat(refused.code()).isNotZero();
        assertThat(dir.resolve("opened2.json")).doesNotExist();

        // issuer: revokes the attestation on-chain; the holder's next proof attempt is refused
        List<String> revoke = args("credential", "revoke", "--wallet-file", issuerWallet.toString(), "--attestation",
                attestationHash);
        revoke.addAll(chain);
        Run revoked = run(revoke);
        assertThat(revoked.code()).as(revoked.err()).isZero();
        Run again = run(prove);
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("revoked");

        // holder: delete my data; the command says what stays on-chain and on IPFS/Arweave
        List<String> delete = args("credential", "delete-my-data", "--data-dir", home.toString(), "--credential",
                credentialHash);
        delete.addAll(chain);
        Run deleted = run(delete);
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Overwritten and deleted", "sealed.bin", "What cannot be deleted", "Arweave",
                "add --revoke");
        assertThat(home.resolve("credentials/packages/" + credentialHash)).doesNotExist();
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
