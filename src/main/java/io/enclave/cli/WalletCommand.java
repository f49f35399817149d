package io.enclave.cli;

import io.enclave.crypto.Argon2id;
import io.enclave.crypto.Secrets;
import io.enclave.wallet.Account;
import io.enclave.wallet.Mnemonic;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code enclave wallet ...}: keys and accounts. */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Create, import, list and export accounts; "
        + "balances and sending.", subcommands = {WalletCommand.Create.class, WalletCommand.Import.class,
            WalletCommand.ListAccounts.class, WalletCommand.Add.class, WalletCommand.Export.class,
            WalletSendCommands.Balance.class, WalletSendCommands.Send.class})
public final class WalletCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Hidden Argon2id overrides (tests, slow machines); the defaults are tuned in {@link Argon2id.Params#WALLET}. */
    static final class KdfOptions {
        @Option(names = "--kdf-memory-kib", hidden = true)
        Integer memoryKiB;

        @Option(names = "--kdf-iterations", hidden = true)
        Integer iterations;

        Argon2id.Params params() {
            Argon2id.Params d = Argon2id.Params.WALLET;
            return new Argon2id.Params(memoryKiB == null ? d.memoryKiB() : memoryKiB,
                    iterations == null ? d.iterations() : iterations, d.parallelism());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a wallet with a new recovery phrase.")
    static final class Create implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Mixin
        KdfOptions kdf;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--words", defaultValue = "24", description = "12 or 24 words (default: ${DEFAULT-VALUE}).")
        int words;

        @Override
        public void run() {
            if (words != 12 && words != 24) {
                throw new UserError("--words must be 12 or 24.");
            }
            if (Files.exists(ctx.wallet())) {
                throw new UserError("A wallet already exists at " + ctx.wallet() + "; nothing was changed.");
            }
            char[] pw = secrets.password("New wallet password", true);
            try (Mnemonic m = Mnemonic.generate(words); UnlockedWallet w = Wallets.create(ctx.wallet(), pw, m, null,
                    kdf.params())) {
                PrintWriter out = spec.commandLine().getOut();
                char[] phrase = m.phrase();
                try {
                    String address = w.accounts().get(0).address();
                    if (ctx.json) {
                        out.print("{\"wallet\":" + ctx.toJson(ctx.wallet().toString()) + ",\"address\":\"" + address
                                + "\",\"recoveryPhrase\":\"");
                        out.write(phrase);
                        out.println("\"}");
                    } else {
                        out.println("Created wallet " + ctx.wallet() + " with account " + address + ".");
                        out.println("Write down this recovery phrase and keep it offline; it is shown only once:");
                        out.println();
                        out.write(phrase);
                        out.println();
                        out.println();
                    }
                    out.flush();
                } finally {
                    Secrets.wipe(phrase);
                }
            } finally {
                Secrets.wipe(pw);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import a recovery phrase (new wallet), "
            + "or a private key or V3 keystore (added to the wallet, created if missing).")
    static final class Import implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Mixin
        KdfOptions kdf;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        static final class What {
            @Option(names = "--mnemonic", required = true, description = "Import a BIP-39 recovery phrase.")
            boolean mnemonic;
            @Option(names = "--private-key", required = true, description = "Import a raw private key (64 hex digits).")
            boolean privateKey;
            @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Import a V3 keystore JSON.")
            Path keystore;
        }

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "Read the phrase, key or keystore password from FILE instead of prompting.")
        Path secretFile;

        @Option(names = "--label", description = "A name for the imported account.")
        String label;

        @Override
        public void run() {
            Account added;
            if (what.mnemonic) {
                if (Files.exists(ctx.wallet())) {
                    throw new UserError("A wallet already exists at " + ctx.wallet() + ": a recovery phrase makes a new "
                            + "wallet; choose another --wallet-file.");
                }
                char[] words = secret("Recovery phrase");
                char[] pw = null;
                try (Mnemonic m = Mnemonic.parse(words)) {
                    pw = secrets.password("New wallet password", true);
                    try (UnlockedWallet w = Wallets.create(ctx.wallet(), pw, m, null, kdf.params())) {
                        added = w.accounts().get(0);
                    }
                } catch (Mnemonic.InvalidMnemonicException e) {
                    throw new UserError(e.getMessage(), e);
                } finally {
                    Secrets.wipe(words, pw);
                }
            } else {
                added = importKey();
            }
            report(added);
        }

        private Account importKey() {
            byte[] key = null;
            char[] pw = null;
            try {
                if (what.privateKey) {
                    key = parseKey(secret("Private key (hex)"));
                } else {
                    String json = Files.readString(what.keystore);
                    char[] ksPassword = secret("Keystore password");
                    try {
                        key = io.enclave.wallet.Keystores.decrypt(json, ksPassword);
                    } finally {
                        Secrets.wipe(ksPassword);
                    }
                }
                boolean exists = Files.exists(ctx.wallet());
                pw = secrets.password(exists ? "Wallet password" : "New wallet password", !exists);
                if (!exists) {
                    try (UnlockedWallet w = Wallets.createFromKey(ctx.wallet(), pw, key, label == null ? "Imported 1" : label,
                            kdf.params())) {
                        return w.accounts().get(0);
                    }
                }
                try (UnlockedWallet w = Wallets.unlock(ctx.wallet(), pw)) {
                    return w.importKey(key, label);
                }
            } catch (IOException e) {
                throw new UserError("Cannot read " + what.keystore + ": " + e.getMessage(), e);
            } finally {
                Secrets.wipe(key);
                Secrets.wipe(pw);
            }
        }

        private char[] secret(String prompt) {
            return secretFile != null ? SecretInput.fromFile(secretFile, "--secret-file")
                    : SecretInput.prompt(prompt, false, "the " + prompt.toLowerCase(java.util.Locale.ROOT), "--secret-file");
        }

        private static byte[] parseKey(char[] hex) {
            try {
                int start = hex.length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X') ? 2 : 0;
                if (hex.length - start != 64) {
                    throw new UserError("A private key is 64 hex digits (optionally 0x-prefixed); got " + (hex.length - start)
                            + " characters.");
                }
                byte[] key = new byte[32];
                for (int i = 0; i < 32; i++) {
                    int hi = Character.digit(hex[start + 2 * i], 16);
                    int lo = Character.digit(hex[start + 2 * i + 1], 16);
                    if (hi < 0 || lo < 0) {
                        Secrets.wipe(key);
                        throw new UserError("The private key contains a character that is not a hex digit.");
                    }
                    key[i] = (byte) (hi << 4 | lo);
                }
                return key;
            } finally {
                Secrets.wipe(hex);
            }
        }

        private void report(Account a) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(ctx.json ? ctx.toJson(accountJson(a)) : "Imported " + a.address() + " (" + a.label() + ") into "
                    + ctx.wallet() + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the wallet's accounts (no password).")
    static final class ListAccounts implements Runnable {
        @Mixin
        WalletContext ctx;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            List<Account> accounts = Wallets.accounts(ctx.wallet());
            PrintWriter out = spec.commandLine().getOut();
            if (ctx.json) {
                out.println(ctx.toJson(accounts.stream().map(WalletCommand::accountJson).toList()));
                return;
            }
            for (Account a : accounts) {
                out.printf("%-42s  %-20s  %s%n", a.address(), a.label(), a.path());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Derive the next account from the recovery phrase.")
    static final class Add implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--label", description = "A name for the account.")
        String label;

        @Override
        public void run() {
            char[] pw = secrets.password("Wallet password", false);
            try (UnlockedWallet w = Wallets.unlock(ctx.wallet(), pw)) {
                Account a = w.addAccount(label);
                spec.commandLine().getOut().println(ctx.json ? ctx.toJson(accountJson(a))
                        : "Added " + a.address() + " (" + a.label() + ") at " + a.path() + ".");
            } finally {
                Secrets.wipe(pw);
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export an account as a V3 keystore that geth, ethers and MetaMask import.")
    static final class Export implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--account", paramLabel = "ADDRESS", description = "The account (default: the first).")
        String account;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the keystore (0600).")
        Path out;

        @Option(names = "--keystore-password-file", paramLabel = "FILE",
                description = "Read the keystore's new password from FILE instead of prompting.")
        Path keystorePasswordFile;

        @Option(names = "--light", description = "Use scrypt N=4096 (fast) instead of the standard N=262144.")
        boolean light;

        @Override
        public void run() {
            if (Files.exists(out)) {
                throw new UserError(out + " already exists; nothing was written.");
            }
            String address = ctx.account(account);
            char[] pw = secrets.password("Wallet password", false);
            char[] ksPw = null;
            try (UnlockedWallet w = Wallets.unlock(ctx.wallet(), pw)) {
                ksPw = keystorePasswordFile != null ? SecretInput.fromFile(keystorePasswordFile, "--keystore-password-file")
                        : SecretInput.prompt("Keystore password", true, "the keystore password", "--keystore-password-file");
                String json = w.exportKeystore(address, ksPw, !light);
                Files.writeString(out, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
                }
                PrintWriter o = spec.commandLine().getOut();
                o.println(ctx.json ? ctx.toJson(Map.of("address", address, "keystore", out.toString()))
                        : "Wrote the keystore of " + address + " to " + out + ".");
            } catch (IOException e) {
                throw new UserError("Cannot write " + out + ": " + e.getMessage(), e);
            } finally {
                Secrets.wipe(pw, ksPw);
            }
        }
    }

    static Map<String, Object> accountJson(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", a.address());
        m.put("label", a.label());
        m.put("source", a.source().name().toLowerCase(java.util.Locale.ROOT));
        m.put("path", a.path());
        return m;
    }
}
