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
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.h2.jdbcx.JdbcDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enclave storage}: content identifiers, verified upload and download, vault backups. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "IPFS content, CID checks and vault backups.",
        subcommands = {StorageCommand.CidOf.class, StorageCommand.Put.class, StorageCommand.Get.class,
            StorageCommand.Backup.class, StorageCommand.Restore.class})
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

    /** Exports the vault to one encrypted file; the password is read from the console, never from arguments. */
    @Command(name = "backup", description = "Export the whole vault as one encrypted file (password asked twice).")
    static final class Backup implements Callable<Integer> {
        @Option(names = "--vault", required = true, description = "the vault's H2 file, without .mv.db")
        Path vault;
        @Parameters(paramLabel = "BACKUP_FILE")
        Path file;

        @Override
        public Integer call() {
            if (!Files.exists(Path.of(vault + ".mv.db"))) {
                throw new UserError("No vault at " + vault + ".mv.db");
            }
            char[] pw = password("Backup password: ");
            char[] again = password("Repeat it: ");
            try {
                if (!Arrays.equals(pw, again)) {
                    throw new UserError("The passwords differ; nothing was written");
                }
                VaultBackup.export(h2(vault), pw, BackupKdf.DEFAULT, file);
            } finally {
                Arrays.fill(pw, '\0');
                Arrays.fill(again, '\0');
            }
            System.out.println("Vault backed up to " + file);
            return 0;
        }
    }

    /** Restores a backup into a new vault file. */
    @Command(name = "restore", description = "Restore an encrypted backup into a new vault file.")
    static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BACKUP_FILE")
        Path file;
        @Option(names = "--into", required = true, description = "the new vault's H2 file, without .mv.db (must not exist)")
        Path vault;

        @Override
        public Integer call() {
            if (Files.exists(Path.of(vault + ".mv.db"))) {
                throw new UserError("A vault already exists at " + vault + ".mv.db: restore into a new path");
            }
            char[] pw = password("Backup password: ");
            try {
                VaultBackup.restore(file, pw, h2(vault));
            } catch (StorageException e) {
                try {
                    Files.deleteIfExists(Path.of(vault + ".mv.db"));
                } catch (IOException ignored) {
                    // reported below
                }
                throw new UserError(e.getMessage(), e);
            } finally {
                Arrays.fill(pw, '\0');
            }
            System.out.println("Vault restored to " + vault + ".mv.db");
            return 0;
        }
    }

    static JdbcDataSource h2(Path file) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath());
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    static char[] password(String prompt) {
        java.io.Console console = System.console();
        if (console == null) {
            throw new UserError("A password is needed and there is no console: run this command in a terminal");
        }
        char[] pw = console.readPassword(prompt);
        if (pw == null || pw.length == 0) {
            throw new UserError("An empty password is not accepted");
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
