package io.enclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.cli.CliHarness.Run;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.OutboxStep;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage jobs|backup|restore} in-process, on the wallet's encrypted vault, with activity from anvil. */
@ExtendWith(AnvilExtension.class)
class StorageCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Run run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", home.toString()));
        return CliHarness.exec(all);
    }

    @Test
    void jobsBackupAndRestoreWorkOnTheEncryptedVault(Anvil anvil) throws Exception {
        Path home = dir.resolve("home");
        Path pw = Files.writeString(dir.resolve("pw"), "a long wallet password\n");
        Path phrase = Files.writeString(dir.resolve("phrase"), Anvil.MNEMONIC + "\n");
        List<String> imp = new ArrayList<>(List.of("wallet", "import", "--mnemonic", "--secret-file", phrase.toString(),
                "--password-file", pw.toString()));
        imp.addAll(List.of(CliHarness.FAST_KDF));
        assertThat(run(home, imp.toArray(String[]::new)).code()).isZero();
        Run sent = run(home, "wallet", "send", "--to", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "--amount", "0.5",
                "--yes", "--wait", "--json", "--password-file", pw.toString(), "--network", "devnet", "--rpc",
                anvil.rpcUrl());
        assertThat(sent.code()).as(sent.err()).isZero();
        String hash = sent.json().get("hash").asText();
        // the vault on disk holds the activity, encrypted: the transaction hash is not in the file
        byte[] file = Files.readAllBytes(home.resolve("vault.mv.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(hash.substring(2));

        Run empty = run(home, "storage", "jobs", "--password-file", pw.toString());
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("The outbox is empty.");
        try (UnlockedWallet w = Wallets.unlock(home.resolve("wallet.json"), "a long wallet password".toCharArray())) {
            OutboxStep failing = new OutboxStep() {
                @Override
                public String name() {
                    return "upload";
                }

                @Override
                public byte[] run(io.enclave.storage.outbox.StepContext ctx) {
                    throw new IllegalStateException("IPFS node at 127.0.0.1:1 refused the connection");
                }
            };
            Outbox outbox = new Outbox(Vault.open(home, w.deriveVaultKey()).dataSource(),
                    Map.of("publish", List.of(failing)), new Backoff(java.time.Duration.ofMinutes(1),
                    java.time.Duration.ofMinutes(5), 3), Clock.systemUTC());
            outbox.enqueue("job-1", "publish", new byte[] {1, 2, 3});
            outbox.runDue();
        }
        Run jobs = run(home, "storage", "jobs", "--json", "--password-file", pw.toString());
        assertThat(jobs.code()).as(jobs.err()).isZero();
        assertThat(jobs.json().get(0).get("id").asText()).isEqualTo("job-1");
        assertThat(jobs.json().get(0).get("state").asText()).isEqualTo("PENDING");
        assertThat(jobs.json().get(0).at("/steps/0/lastError").asText()).contains("refused the connection");
        Run text = run(home, "storage", "jobs", "job-1", "--password-file", pw.toString());
        assertThat(text.out()).contains("[ ] upload").contains("last error").contains("next attempt at");
        assertThat(run(home, "storage", "jobs", "nope", "--password-file", pw.toString()).err())
                .contains("No outbox job nope");

        Path backupPw = Files.writeString(dir.resolve("bpw"), "backup password 42\n");
        Path backup = dir.resolve("vault.enclave-backup");
        Run b = run(home, "storage", "backup", backup.toString(), "--password-file", pw.toString(),
                "--backup-password-file", backupPw.toString());
        assertThat(b.code()).as(b.err()).isZero();

        Path wrongPw = Files.writeString(dir.resolve("wrong"), "not it\n");
        Path target = dir.resolve("restored");
        Run bad = run(home, "storage", "restore", backup.toString(), "--into", target.toString(), "--password-file",
                pw.toString(), "--backup-password-file", wrongPw.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Wrong password for backup");
        assertThat(target.resolve("vault.mv.db")).doesNotExist();

        Run ok = run(home, "storage", "restore", backup.toString(), "--into", target.toString(), "--password-file",
                pw.toString(), "--backup-password-file", backupPw.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        try (UnlockedWallet w = Wallets.unlock(home.resolve("wallet.json"), "a long wallet password".toCharArray())) {
            Vault restored = Vault.open(target, w.deriveVaultKey());
            assertThat(restored.activity().find(hash)).isPresent();
            Outbox outbox = new Outbox(restored.dataSource(), Map.of(), Backoff.DEFAULT, Clock.systemUTC());
            assertThat(outbox.job("job-1")).isPresent();
        }
        Run again = run(home, "storage", "restore", backup.toString(), "--into", target.toString(), "--password-file",
                pw.toString(), "--backup-password-file", backupPw.toString());
        assertThat(again.err()).contains("already exists");
    }
}
