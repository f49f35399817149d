package io.enclave.cli;

import io.enclave.chain.AbiDecoder;
import io.enclave.chain.ChainException;
import io.enclave.chain.Humanizer;
import io.enclave.chain.ReceiptTracker;
import io.enclave.chain.Replacement;
import io.enclave.chain.RpcClient;
import io.enclave.chain.TransactionService;
import io.enclave.vault.Activity;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enclave tx ...}: the wallet's transactions. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Status, speed-up and cancel of sent transactions.",
        subcommands = {TxCommand.Status.class, TxCommand.ListActivity.class, TxCommand.SpeedUp.class, TxCommand.Cancel.class})
public final class TxCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Refresh and show a transaction's status.")
    static final class Status implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "HASH", description = "The transaction hash.")
        String hash;
        @Option(names = "--wait", description = "Wait until the transaction is final.")
        boolean await;

        @Override
        public void run() {
            try (RpcClient rpc = ctx.connect(); UnlockedWallet w = ctx.unlock(secrets)) {
                Vault vault = ctx.vault(w);
                ReceiptTracker tracker = new ReceiptTracker(rpc, vault.activity(), new AbiDecoder(ctx.abis()),
                        ctx.humanizer(rpc.network()));
                Activity a = await ? tracker.await(hash, Duration.ofMinutes(10), Duration.ofSeconds(1))
                        : refreshOnce(tracker, vault);
                print(ctx, spec.commandLine().getOut(), ctx.humanizer(rpc.network()), a);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("Interrupted while waiting.", e);
            } catch (ChainException e) {
                throw new UserError(e.getMessage(), e);
            }
        }

        private Activity refreshOnce(ReceiptTracker tracker, Vault vault) {
            tracker.refresh();
            return vault.activity().find(hash).orElseThrow(() -> new UserError("Transaction " + hash
                    + " is not in this wallet's history (" + ctx.home() + ")."));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The wallet's recent transactions on the network (from the local history; no RPC call).")
    static final class ListActivity implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--account", paramLabel = "ADDRESS", description = "Only this account's transactions.")
        String account;
        @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public void run() {
            var n = ctx.networkConfig();
            String from = account == null ? null : ctx.account(account);
            List<Activity> list;
            try (UnlockedWallet w = ctx.unlock(secrets)) {
                list = ctx.vault(w).activity().recent(n.chainId(), from, Math.max(1, limit));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (ctx.json) {
                out.println(ctx.toJson(list.stream().map(a -> Map.of("hash", a.hash(), "status",
                        a.status().name().toLowerCase(Locale.ROOT), "nonce", a.nonce(), "summary", a.summary(),
                        "created", a.createdAt().toString())).toList()));
                return;
            }
            for (Activity a : list) {
                out.printf("%s  %-9s  nonce %-5d %s%n", a.hash(), a.status().name().toLowerCase(Locale.ROOT), a.nonce(),
                        a.summary());
            }
        }
    }

    /** Speed-up and cancel: the replacement's confirmation is printed and, unless {@code --yes}, asked for. */
    abstract static class Replace implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "HASH", description = "The pending transaction's hash.")
        String hash;
        @Option(names = "--yes", description = "Send without asking (scripts); the confirmation is still printed.")
        boolean yes;

        abstract Replacement prepare(TransactionService tx, Activity a);

        @Override
        public void run() {
            try (RpcClient rpc = ctx.connect(); UnlockedWallet w = ctx.unlock(secrets)) {
                Vault vault = ctx.vault(w);
                Activity a = vault.activity().find(hash).orElseThrow(() -> new UserError("Transaction " + hash
                        + " is not in this wallet's history."));
                Humanizer h = ctx.humanizer(rpc.network());
                TransactionService tx = new TransactionService(rpc, new AbiDecoder(ctx.abis()), h, vault.activity());
                Replacement r = prepare(tx, a);
                PrintWriter out = spec.commandLine().getOut();
                if (!ctx.json) {
                    out.println(r.description());
                    out.print(r.confirmation().render());
                    out.flush();
                }
                if (!yes && !WalletSendCommands.Send.askYes()) {
                    out.println("Cancelled; nothing was sent.");
                    return;
                }
                String replacement = tx.sendReplacement(r, w.signer(a.from()));
                print(ctx, out, h, vault.activity().find(replacement).orElseThrow());
            } catch (ChainException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
    }

    @Command(name = "speed-up", mixinStandardHelpOptions = true,
            description = "Replace a pending transaction with the same one at a higher fee (asks first; --yes for scripts).")
    static final class SpeedUp extends Replace {
        @Override
        Replacement prepare(TransactionService tx, Activity a) {
            return tx.prepareSpeedUp(a.hash());
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Replace a pending transaction with a 0-MOCA transfer to yourself at a higher fee (asks first;"
                    + " --yes for scripts).")
    static final class Cancel extends Replace {
        @Override
        Replacement prepare(TransactionService tx, Activity a) {
            return tx.prepareCancel(a.hash());
        }
    }

    static void print(WalletContext ctx, PrintWriter out, Humanizer h, Activity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", a.hash());
        m.put("status", a.status().name().toLowerCase(Locale.ROOT));
        m.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        m.put("from", a.from());
        m.put("to", a.to());
        m.put("nonce", a.nonce());
        m.put("value", h.amount(a.value()));
        m.put("summary", a.summary());
        m.put("block", a.blockNumber());
        m.put("gasUsed", a.gasUsed() == null ? null : a.gasUsed().toString());
        m.put("replaces", a.replaces());
        m.put("note", a.error());
        if (ctx.json) {
            out.println(ctx.toJson(m));
        } else {
            m.forEach((k, v) -> {
                if (v != null) {
                    out.printf("%-10s %s%n", k, v);
                }
            });
        }
    }
}
