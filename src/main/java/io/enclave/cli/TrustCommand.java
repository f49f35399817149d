package io.enclave.cli;

import io.enclave.market.gov.GovernanceService;
import io.enclave.market.trust.TrustService;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enclave trust ...}: vouch for sellers, unbond, withdraw, read reputation, report a seller. */
@Command(name = "trust", mixinStandardHelpOptions = true, description = "Stake behind sellers you trust; report bad ones.",
        subcommands = {TrustCommand.VouchFor.class, TrustCommand.Add.class, TrustCommand.Unbond.class,
            TrustCommand.Withdraw.class, TrustCommand.Show.class, TrustCommand.Report.class})
public final class TrustCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static TrustService trust(MarketContext.Session s) {
        return new TrustService(s.chain, new GovernanceService(s.chain), s.kubo);
    }

    @Command(name = "vouch", mixinStandardHelpOptions = true, description = "Stake MOCA behind a seller.")
    static class VouchFor extends MarketAction {
        @Parameters(index = "0", paramLabel = "SELLER")
        String seller;
        @Parameters(index = "1", paramLabel = "MOCA")
        String amount;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return trust(s).vouch(seller, m.wei(amount), m.progress());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add stake to an existing vouch.")
    static final class Add extends VouchFor {
    }

    @Command(name = "unbond", mixinStandardHelpOptions = true,
            description = "Request the withdrawal of a vouch; it can be withdrawn after the unbonding period.")
    static final class Unbond extends MarketAction {
        @Parameters(paramLabel = "SELLER")
        String seller;
        @Option(names = "--shares", description = "How many shares (default: all active shares).")
        BigInteger shares;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return trust(s).requestWithdrawal(seller, shares, m.progress());
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw unbonded stake.")
    static final class Withdraw extends MarketAction {
        @Parameters(paramLabel = "SELLER")
        String seller;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return trust(s).withdraw(seller, m.progress());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A seller's reputation from the chain, and your vouch for it.")
    static final class Show extends MarketAction {
        @Parameters(paramLabel = "SELLER")
        String seller;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            TrustService t = trust(s);
            return List.of(t.reputation(seller), t.vouchOf(s.chain.account(), seller));
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Report a seller: a governance proposal to slash its vouchers, with evidence on IPFS.")
    static final class Report extends MarketAction {
        @Parameters(paramLabel = "SELLER")
        String seller;
        @Option(names = "--statement", required = true, description = "What the seller did, for the voters.")
        String statement;
        @Option(names = "--bps", defaultValue = "1000", description = "Share of the stake to slash, in basis points "
                + "(default: ${DEFAULT-VALUE} = 10%).")
        int bps;
        @Option(names = "--beneficiary", paramLabel = "ADDRESS", description = "Who is compensated (default: you).")
        String beneficiary;
        @Option(names = "--compensation", paramLabel = "MOCA", defaultValue = "0",
                description = "How much of the slashed stake goes to the beneficiary.")
        String compensation;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return trust(s).report(seller, statement, bps, beneficiary == null ? s.chain.account() : beneficiary,
                    m.wei(compensation), m.progress());
        }
    }
}
