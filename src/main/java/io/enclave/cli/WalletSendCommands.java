package io.enclave.cli;

import io.enclave.chain.AbiDecoder;
import io.enclave.chain.Balances;
import io.enclave.chain.ChainException;
import io.enclave.chain.Fees;
import io.enclave.chain.Humanizer;
import io.enclave.chain.PreparedTx;
import io.enclave.chain.ReceiptTracker;
import io.enclave.chain.RpcClient;
import io.enclave.chain.TransactionService;
import io.enclave.chain.TxRequest;
import io.enclave.vault.Activity;
import io.enclave.vault.Vault;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.Wallets;
import java.io.Console;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code enclave wallet balance} and {@code enclave wallet send}. */
final class WalletSendCommands {
    private WalletSendCommands() {
    }

    /** Parses a decimal amount of the native currency (18 decimals) into wei. */
    static BigInteger wei(String amount, int decimals) {
        try {
            BigDecimal v = new BigDecimal(amount.trim());
            if (v.signum() < 0) {
                throw new UserError("The amount must not be negative.");
            }
            return v.movePointRight(decimals).toBigIntegerExact();
        } catch (NumberFormatException e) {
            throw new UserError("'" + amount + "' is not an amount: write it like 1.5 (in MOCA).", e);
        } catch (ArithmeticException e) {
            throw new UserError("'" + amount + "' has more than " + decimals + " decimal places.", e);
        }
    }

    static BigInteger gweiToWei(String gwei) {
        return wei(gwei, 9);
    }

    @Command(name = "balance", mixinStandardHelpOptions = true,
            description = "Native balance and holdings inside the network's contracts.")
    static final class Balance implements Runnable {
        @Mixin
        WalletContext ctx;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--account", paramLabel = "ADDRESS", description = "The account (default: every account).")
        String account;

        @Override
        public void run() {
            List<String> accounts = account != null ? List.of(ctx.account(account))
                    : Wallets.accounts(ctx.wallet()).stream().map(io.enclave.wallet.Account::address).toList();
            try (RpcClient rpc = ctx.connect()) {
                Humanizer h = ctx.humanizer(rpc.network());
                Balances balances = new Balances(rpc, ctx.abis());
                PrintWriter out = spec.commandLine().getOut();
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String a : accounts) {
                    for (Balances.Holding x : balances.all(a)) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("address", a);
                        row.put("contract", x.contract());
                        row.put("function", x.function());
                        row.put("wei", x.wei().toString());
                        row.put("amount", h.amount(x.wei()));
                        rows.add(row);
                        if (!ctx.json) {
                            out.printf("%-58s %-28s %s%n", h.address(a), x.contract() == null ? "wallet"
                                    : x.contract() + "." + x.function(), h.amount(x.wei()));
                        }
                    }
                }
                if (ctx.json) {
                    out.println(ctx.toJson(rows));
                }
            }
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send MOCA or call a contract: simulates, shows what will happen, asks, signs, sends.")
    static final class Send implements Runnable {
        @Mixin
        WalletContext ctx;
        @Mixin
        SecretInput secrets;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", paramLabel = "ADDRESS", description = "Sending account (default: the first).")
        String from;
        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient or contract.")
        String to;
        @Option(names = "--amount", defaultValue = "0", description = "Amount in MOCA, e.g. 1.5 (default: 0).")
        String amount;
        @Option(names = "--data", paramLabel = "HEX", description = "Call data (0x...), for contract calls.")
        String data;
        @Option(names = "--speed", defaultValue = "normal", description = "slow, normal or fast (default: ${DEFAULT-VALUE}).")
        String speed;
        @Option(names = "--max-fee", paramLabel = "GWEI", description = "Override: maximum fee per gas in gwei.")
        String maxFee;
        @Option(names = "--priority-fee", paramLabel = "GWEI", description = "Override: priority fee (tip) in gwei.")
        String priorityFee;
        @Option(names = "--yes", description = "Send without asking (scripts); the confirmation is still printed.")
        boolean yes;
        @Option(names = "--wait", description = "Wait until the transaction is final.")
        boolean await;

        @Override
        public void run() {
            String sender = ctx.account(from);
            String recipient = ctx.account(to);
            try (RpcClient rpc = ctx.connect(); UnlockedWallet w = ctx.unlock(secrets)) {
                Vault vault = ctx.vault(w);
                TransactionService tx = new TransactionService(rpc, new AbiDecoder(ctx.abis()),
                        ctx.humanizer(rpc.network()), vault.activity());
                TxRequest req;
                try {
                    req = TxRequest.call(sender, recipient, wei(amount, rpc.network().decimals()), data)
                            .withSpeed(Fees.Speed.valueOf(speed.toUpperCase(Locale.ROOT)));
                    if (maxFee != null || priorityFee != null) {
                        Fees.Fee suggested = tx.fees().suggest().get(req.speed());
                        req = req.withFee(new Fees.Fee(maxFee == null ? suggested.maxFeePerGas() : gweiToWei(maxFee),
                                priorityFee == null ? suggested.maxPriorityFeePerGas() : gweiToWei(priorityFee)));
                    }
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage(), e);
                }
                PreparedTx p = tx.prepare(req);
                PrintWriter out = spec.commandLine().getOut();
                if (!ctx.json) {
                    out.print(p.confirmation().render());
                    out.flush();
                }
                if (!p.willSucceed()) {
                    if (ctx.json) {
                        out.println(ctx.toJson(Map.of("confirmation", p.confirmation(), "sent", false)));
                    }
                    throw new UserError("The simulation says this transaction would fail ("
                            + p.confirmation().simulation() + "); nothing was sent.");
                }
                if (!yes && !askYes()) {
                    out.println("Cancelled; nothing was sent.");
                    return;
                }
                String hash = tx.send(p, w.signer(sender));
                Activity a = vault.activity().find(hash).orElseThrow();
                if (await) {
                    a = new ReceiptTracker(rpc, vault.activity(), new AbiDecoder(ctx.abis()), ctx.humanizer(rpc.network()))
                            .await(hash, Duration.ofMinutes(10), Duration.ofSeconds(1));
                }
                if (ctx.json) {
                    out.println(ctx.toJson(Map.of("confirmation", p.confirmation(), "sent", true, "hash", hash,
                            "status", a.status().name().toLowerCase(Locale.ROOT))));
                } else {
                    out.println("Sent " + hash + " (" + a.status().name().toLowerCase(Locale.ROOT) + ").");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("Interrupted while waiting; the transaction was sent and is tracked.", e);
            } catch (ChainException e) {
                throw new UserError(e.getMessage(), e);
            }
        }

        /** Asks "Sign and send? [y/N]" on the terminal; refuses (a clear error) when there is none. */
        static boolean askYes() {
            Console c = System.console();
            if (c == null) {
                throw new UserError("There is no terminal to confirm on: review the output and pass --yes to send.");
            }
            String answer = c.readLine("Sign and send? [y/N] ");
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        }
    }
}
