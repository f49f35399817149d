package io.enclave.cli;

import io.enclave.market.Listing;
import io.enclave.market.MarketException;
import io.enclave.market.Proposal;
import io.enclave.market.Purchase;
import io.enclave.market.Reputation;
import io.enclave.market.Vouch;
import io.enclave.market.deliver.Delivery;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** A market, trust or gov subcommand: opens a session, runs one use case, prints its records as text or JSON. */
abstract class MarketAction implements Runnable {
    @Mixin
    MarketContext m;
    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the use case; returns a record, a list of records or a map to print. */
    abstract Object call(MarketContext.Session s, PrintWriter out) throws Exception;

    /** False for a command that needs no wallet, vault or chain (then {@link #call} gets a null session). */
    boolean needsSession() {
        return true;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!needsSession()) {
            m.useErr(spec.commandLine().getErr());
            try {
                print(out, call(null, out));
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
            return;
        }
        try (MarketContext.Session s = m.session(out, spec.commandLine().getErr())) {
            print(out, call(s, out));
        } catch (MarketException e) {
            throw new UserError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted.", e);
        } catch (UserError | io.enclave.chain.ChainException | io.enclave.wallet.WalletException e) {
            throw e;
        } catch (Exception e) {
            throw new UserError(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    void print(PrintWriter out, Object result) {
        Object shown = result instanceof List<?> l ? l.stream().map(MarketAction::fields).toList() : fields(result);
        if (m.json()) {
            out.println(m.toJson(shown));
            return;
        }
        if (shown instanceof List<?> rows) {
            rows.forEach(r -> {
                text(out, r);
                out.println();
            });
        } else {
            text(out, shown);
        }
        out.flush();
    }

    private static void text(PrintWriter out, Object o) {
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof List<?> l) {
                    out.printf("%-14s%n", k);
                    l.forEach(x -> out.printf("  - %s%n", x));
                } else if (v != null) {
                    out.printf("%-14s %s%n", k, v);
                }
            });
        } else {
            out.println(o);
        }
    }

    /** A record as ordered fields with plain values (amounts in wei as strings, states in lower case). */
    static Object fields(Object o) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (o instanceof Listing l) {
            f.put("listing", l.id().toString());
            f.put("seller", l.seller());
            f.put("priceWei", l.price().toString());
            f.put("active", l.active());
            f.put("credentialHash", l.credentialHash());
            if (l.metadata() != null) {
                f.put("title", l.metadata().title());
                f.put("description", l.metadata().description());
                f.put("schema", l.metadata().schemaId());
                f.put("predicate", l.metadata().predicate());
                f.put("issuer", l.metadata().issuer());
                f.put("package", l.metadata().packageCid());
            }
        } else if (o instanceof Purchase p) {
            f.put("purchase", p.id().toString());
            f.put("listing", p.listingId().toString());
            f.put("buyer", p.buyer());
            f.put("amountWei", p.amount().toString());
            f.put("state", p.state().name().toLowerCase(Locale.ROOT));
            f.put("deliverBy", p.deliverBy().toString());
            f.put("disputeBy", p.disputeBy() == null ? null : p.disputeBy().toString());
            f.put("note", p.note());
        } else if (o instanceof Delivery d) {
            f.put("purchase", d.purchaseId().toString());
            f.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
            f.put("note", d.note());
        } else if (o instanceof Vouch v) {
            f.put("voucher", v.voucher());
            f.put("seller", v.vouchee());
            f.put("shares", v.shares().toString());
            f.put("activeWei", v.activeValue().toString());
            f.put("unbondingWei", v.unbondingValue().toString());
            f.put("releaseAt", v.releaseAt() == null ? null : v.releaseAt().toString());
            f.put("votingPower", v.votingPower().toString());
        } else if (o instanceof Reputation r) {
            f.put("seller", r.seller());
            f.put("stakeWei", r.stake().toString());
            f.put("vouchers", r.vouchers());
            f.put("slashes", r.slashes());
            f.put("deliveries", r.deliveries());
        } else if (o instanceof Proposal p) {
            f.put("proposal", p.id().toString());
            f.put("state", p.state());
            f.put("proposer", p.proposer());
            f.put("description", p.description());
            f.put("actions", p.actions());
            f.put("votesFor", p.votesFor().toString());
            f.put("votesAgainst", p.votesAgainst().toString());
            f.put("votesAbstain", p.votesAbstain().toString());
            f.put("voteStart", p.voteStart().toString());
            f.put("voteEnd", p.voteEnd().toString());
        } else {
            return o;
        }
        return f;
    }
}
