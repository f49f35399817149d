package io.enclave.cli;

import io.enclave.market.gov.Action;
import io.enclave.market.gov.GovernanceService;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enclave gov ...}: propose, vote, queue, execute and read governance proposals. */
@Command(name = "gov", mixinStandardHelpOptions = true,
        description = "Governance: every proposal's actions are shown in plain words.",
        subcommands = {GovCommand.Propose.class, GovCommand.Vote.class, GovCommand.Queue.class, GovCommand.Execute.class,
            GovCommand.Show.class})
public final class GovCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose one or more actions.")
    static final class Propose extends MarketAction {
        @Option(names = "--description", required = true, description = "What the proposal does and why.")
        String description;
        @Option(names = "--slash", paramLabel = "SELLER:BPS:BENEFICIARY:MOCA",
                description = "Slash BPS basis points of the stake behind SELLER, paying MOCA of it to BENEFICIARY.")
        List<String> slash = new ArrayList<>();
        @Option(names = "--resolve", paramLabel = "PURCHASE:buyer|seller:MOCA",
                description = "Settle a dispute; for the buyer, claw back up to MOCA of the seller's proceeds.")
        List<String> resolve = new ArrayList<>();
        @Option(names = "--register-issuer", paramLabel = "ADDRESS:BABYJUB_X:BABYJUB_Y:ROYALTY_BPS",
                description = "Register a credential issuer.")
        List<String> issuers = new ArrayList<>();
        @Option(names = "--market-params", paramLabel = "TREASURY:FEE_BPS:DELIVERY_S:DISPUTE_S",
                description = "Change the marketplace's treasury, fee and windows.")
        String params;
        @Option(names = "--unpause", paramLabel = "CONTRACT", description = "Unpause a contract of the suite (address).")
        List<String> unpause = new ArrayList<>();

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            GovernanceService g = new GovernanceService(s.chain);
            List<Action> actions = new ArrayList<>();
            try {
                for (String x : slash) {
                    String[] p = parts(x, 4, "--slash");
                    actions.add(g.slash(p[0], Integer.parseInt(p[1]), p[2], m.wei(p[3])));
                }
                for (String x : resolve) {
                    String[] p = parts(x, 3, "--resolve");
                    String side = p[1].toLowerCase(Locale.ROOT);
                    if (!side.equals("buyer") && !side.equals("seller")) {
                        throw new UserError("--resolve names the side that wins: 'buyer' or 'seller', not '" + p[1] + "'.");
                    }
                    boolean buyer = side.equals("buyer");
                    actions.add(g.resolveDispute(new BigInteger(p[0]), buyer, m.wei(p[2])));
                }
                for (String x : issuers) {
                    String[] p = parts(x, 4, "--register-issuer");
                    actions.add(g.registerIssuer(p[0], new BigInteger(p[1]), new BigInteger(p[2]), Integer.parseInt(p[3])));
                }
                if (params != null) {
                    String[] p = parts(params, 4, "--market-params");
                    actions.add(g.setMarketParams(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])));
                }
                for (String x : unpause) {
                    actions.add(g.unpause(x));
                }
            } catch (NumberFormatException e) {
                throw new UserError("A number in the actions is not a number: " + e.getMessage(), e);
            }
            return g.propose(actions, description, m.progress());
        }

        private static String[] parts(String v, int n, String option) {
            String[] p = v.split(":");
            if (p.length != n) {
                throw new UserError(option + " takes " + n + " parts separated by ':', got '" + v + "'.");
            }
            return p;
        }
    }

    @Command(name = "vote", mixinStandardHelpOptions = true, description = "Vote for, against or abstain.")
    static final class Vote extends MarketAction {
        @Parameters(index = "0", paramLabel = "PROPOSAL")
        BigInteger proposal;
        @Parameters(index = "1", paramLabel = "for|against|abstain")
        String choice;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            int support = switch (choice.toLowerCase(Locale.ROOT)) {
                case "against" -> 0;
                case "for" -> 1;
                case "abstain" -> 2;
                default -> throw new UserError("Vote 'for', 'against' or 'abstain', not '" + choice + "'.");
            };
            return new GovernanceService(s.chain).vote(proposal, support, m.progress());
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Queue a succeeded proposal in the timelock.")
    static final class Queue extends MarketAction {
        @Parameters(paramLabel = "PROPOSAL")
        BigInteger proposal;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return new GovernanceService(s.chain).queue(proposal, m.progress());
        }
    }

    @Command(name = "execute", mixinStandardHelpOptions = true, description = "Execute a queued proposal after the delay.")
    static final class Execute extends MarketAction {
        @Parameters(paramLabel = "PROPOSAL")
        BigInteger proposal;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return new GovernanceService(s.chain).execute(proposal, m.progress());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One proposal, or all of them.")
    static final class Show extends MarketAction {
        @Parameters(paramLabel = "PROPOSAL", arity = "0..1")
        BigInteger proposal;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            GovernanceService g = new GovernanceService(s.chain);
            return proposal == null ? g.all() : g.show(proposal);
        }
    }
}
