package io.enclave.cli;

import io.enclave.storage.BlockSource;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.StorageException;
import io.enclave.storage.backup.BackupKdf;
import io.enclave.storage.backup.VaultBackup;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.GatewaySource;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.ipfs.UnixFsImporter;
import io.enclave.crypto.Secrets;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.Outbox;
import io.enclave.vault.Vault;
import io.enclave.vault.VaultException;
import io.enclave.wallet.UnlockedWallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enclave storage}: content identifiers, verified upload and download, vault backups. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "IPFS content, CID checks and vault backups.",
        subcommands = {StorageCommand.CidOf.class, StorageCommand.Put.class, StorageCommand.Get.class,
            StorageCommand.Backup.class, StorageCommand.Restore.class, StorageCommand.Jobs.class})
public final class StorageCommand {

    /** Prints the CIDv1 an IPFS node gives a file (raw leaves, 256 KiB chunks), computed locally. */
    @Command(name = "cid", description = "Compute a file's CIDv1 locally, as an IPFS node would.")
    static final class CidOf implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            System.out.println(UnixFsImporter.cidOf(read(file)));
            return 0;
        }
    }

    /** Adds a file to an IPFS node and checks the node's CID against the local one. */
    @Command(name = "put", description = "Add and pin a file on an IPFS node (Kubo RPC), checking its CID.")
    static final class Put implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--api", defaultValue = "http://127.0.0.1:5001", description = "Kubo RPC URL (default ${DEFAULT-VALUE})")
        URI api;

        @Override
        public Integer call() {
            System.out.println(new KuboStore(api, new Http(), Duration.ofSeconds(60)).put(read(file)));
            return 0;
        }
    }

    /** Fetches content by CID block by block from nodes and gateways, verifying every block. */
    @Command(name = "get", description = "Fetch content by CID, verifying every block; tries each source in order.")
    static final class Get implements Callable<Integer> {
        @Parameters(paramLabel = "CID")
        String cid;
        @Option(names = "--api", description = "Kubo RPC URL(s) to read from")
        List<URI> apis = new ArrayList<>();
        @Option(names = "--gateway", description = "HTTP gateway URL(s) to fall back to, in order")
        List<URI> gateways = new ArrayList<>();
        @Option(names = {"-o", "--output"}, required = true, description = "where to write the verified content")
        Path out;
        @Option(names = "--timeout", defaultValue = "PT20S", description = "per-request timeout (ISO-8601, default 20 s)")
        Duration timeout;

        @Override
        public Integer call() throws IOException {
            Cid parsed;
            try {
                parsed = Cid.parse(cid);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            Http http = new Http();
            List<BlockSource> sources = new ArrayList<>();
            apis.forEach(a -> sources.add(new KuboStore(a, http, timeout)));
            gateways.forEach(g -> sources.add(new GatewaySource(g, http)));
            if (sources.isEmpty()) {
                throw new UserError("Give at least one --api or --gateway to read from");
            }
            byte[] content = new TrustlessReader(sources, new EndpointHealth(), timeout, 1L << 30).read(parsed);
            Files.write(out, content);
            System.out.println(content.length + " bytes verified against " + parsed + " -> " + out);
            return 0;
        }
    }

    /** Lists the outbox's publication jobs and their steps, from the wallet's vault. */
    @Command(name = "jobs", mixinStandardHelpOptions = true,
            description = "Show the outbox: each publication job, its steps, attempts and last error.")
    static final class Jobs implements Callable<Integer> {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "0..1", paramLabel = "JOB", description = "only this job")
        String job;

        @Override
        public Integer call() {
            List<JobView> jobs;
            try (UnlockedWallet w = ctx.unlock(secrets)) {
                Outbox outbox = new Outbox(ctx.vault(w).dataSource(), Map.of(), Backoff.DEFAULT, Clock.systemUTC());
                jobs = job == null ? outbox.jobs() : outbox.job(job).map(List::of)
                        .orElseThrow(() -> new UserError("No outbox job " + job + " in this vault"));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (ctx.json) {
                out.println(ctx.toJson(jobs.stream().map(Jobs::json).toList()));
                return 0;
            }
            if (jobs.isEmpty()) {
                out.println("The outbox is empty.");
            }
            for (JobView j : jobs) {
                out.printf("%s  %-7s  %s  created %s%n", j.id(), j.state(), j.kind(), j.createdAt());
                for (JobView.StepView st : j.steps()) {
                    out.printf("    %s %-8s attempts %d%s%n", st.done() ? "[x]" : "[ ]", st.name(), st.attempts(),
                            st.lastError() == null ? "" : "  last error: " + st.lastError());
                }
                if (j.state() == JobView.State.PENDING && j.nextAttemptAt() != null && j.attempts() > 0) {
                    out.printf("    next attempt at %s%n", j.nextAttemptAt());
                }
                if (j.state() == JobView.State.FAILED) {
                    out.printf("    gave up: %s%n", j.lastError());
                }
            }
            return 0;
        }

        private static Map<String, Object> json(JobView j) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id());
            m.put("kind", j.kind());
            m.put("state", j.state().name());
            m.put("attempts", j.attempts());
            m.put("nextAttemptAt", String.valueOf(j.nextAttemptAt()));
            m.put("lastError", j.lastError());
            m.put("createdAt", String.valueOf(j.createdAt()));
            m.put("steps", j.steps().stream().map(st -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", st.name());
                x.put("done", st.done());
                x.put("attempts", st.attempts());
                x.put("lastError", st.lastError());
                x.put("completedAt", st.completedAt() == null ? null : st.completedAt().toString());
                return x;
            }).toList());
            return m;
        }
    }

    /** Exports the vault to one encrypted file; the passwords are read from the console, never from arguments. */
    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Export the wallet's whole vault as one encrypted file (backup password asked twice).")
    static final class Backup implements Callable<Integer> {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Parameters(paramLabel = "BACKUP_FILE")
        Path file;
        @Option(names = "--backup-password-file", paramLabel = "FILE",
                description = "Read the backup's password from FILE instead of prompting (twice).")
        Path backupPasswordFile;

        @Override
        public Integer call() {
            if (!Files.exists(ctx.home().resolve(Vault.NAME + ".mv.db"))) {
                throw new UserError("No vault in " + ctx.home() + ": nothing to back up");
            }
            try (UnlockedWallet w = ctx.unlock(secrets)) {
                Vault vault = ctx.vault(w);
                char[] pw = backupPassword(backupPasswordFile, true);
                try {
                    VaultBackup.export(vault.dataSource(), pw, BackupKdf.DEFAULT, file);
                } finally {
                    Arrays.fill(pw, '\0');
                }
            } catch (StorageException e) {
                throw new UserError(e.getMessage(), e);
            }
            System.out.println("Vault backed up to " + file);
            return 0;
        }
    }

    /** Restores a backup into a new vault folder, encrypted with the unlocked wallet's vault key. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore an encrypted backup into a new data folder's vault, for this wallet.")
    static final class Restore implements Callable<Integer> {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Parameters(index = "0", paramLabel = "BACKUP_FILE")
        Path file;
        @Option(names = "--into", required = true, paramLabel = "DIR",
                description = "the folder of the new vault (must not hold one yet)")
        Path into;
        @Option(names = "--backup-password-file", paramLabel = "FILE",
                description = "Read the backup's password from FILE instead of prompting.")
        Path backupPasswordFile;

        @Override
        public Integer call() {
            Path target = into.resolve(Vault.NAME + ".mv.db");
            if (Files.exists(target)) {
                throw new UserError("A vault already exists at " + target + ": restore into a new folder");
            }
            try (UnlockedWallet w = ctx.unlock(secrets)) {
                char[] pw = backupPassword(backupPasswordFile, false);
                byte[] key = w.deriveVaultKey();
                try {
                    Files.createDirectories(into);
                    VaultBackup.restore(file, pw, Vault.restoreTarget(into, key));
                    Vault.open(into, key);
                } catch (StorageException | VaultException e) {
                    deleteQuietly(target);
                    throw new UserError(e.getMessage(), e);
                } catch (IOException e) {
                    throw new UserError("Cannot create " + into + ": " + e.getMessage(), e);
                } finally {
                    Arrays.fill(pw, '\0');
                    Secrets.wipe(key);
                }
            }
            System.out.println("Vault restored to " + target);
            return 0;
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the error that led here is reported
            }
        }
    }

    static char[] backupPassword(Path file, boolean confirm) {
        char[] pw = file != null ? SecretInput.fromFile(file, "--backup-password-file")
                : SecretInput.prompt("Backup password", confirm, "the backup password", "--backup-password-file");
        if (pw.length == 0) {
            throw new UserError("An empty backup password is not accepted");
        }
        return pw;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
