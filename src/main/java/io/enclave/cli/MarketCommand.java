package io.enclave.cli;

import io.enclave.credentials.pkg.PackageReader;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.discovery.api.SearchPage;
import io.enclave.discovery.client.DiscoveryApiException;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.discovery.client.DiscoveryUnavailableException;
import io.enclave.market.Listing;
import io.enclave.market.Payments;
import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.sell.PublishRequest;
import io.enclave.market.sell.SellService;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.zk.CircuitRegistry;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enclave market ...}: sell, buy, deliver, refund, dispute and withdraw on the marketplace. */
@Command(name = "market", mixinStandardHelpOptions = true,
        description = "Sell and buy credentials: every transaction is shown in words and confirmed before signing.",
        subcommands = {MarketCommand.Publish.class, MarketCommand.ListOwn.class, MarketCommand.Price.class,
            MarketCommand.Delist.class, MarketCommand.Search.class, MarketCommand.Show.class, MarketCommand.Buy.class,
            MarketCommand.Open.class, MarketCommand.Deliver.class, MarketCommand.Refund.class, MarketCommand.Dispute.class,
            MarketCommand.Withdraw.class})
public final class MarketCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SellService sell(MarketContext.Session s) {
        return new SellService(s.chain, s.store, s.listings, s.kubo, List.of(), PublicationSteps.noArweaveCopy(), s.ecies,
                Backoff.DEFAULT);
    }

    static BuyService buy(MarketContext.Session s) {
        return new BuyService(s.chain, s.store, s.listings, s.reader, s.kubo, s.ecies,
                new ProofCheck(CircuitRegistry.classPath()));
    }

    static DeliveryService deliver(MarketContext.Session s) {
        return new DeliveryService(s.chain, s.store, s.listings, s.ecies, Backoff.DEFAULT, Clock.systemUTC());
    }

    static BigInteger id(String text, String what) {
        try {
            BigInteger v = new BigInteger(text.trim());
            if (v.signum() <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("'" + text + "' is not a " + what + " id (a positive number).", e);
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Encrypt, upload, anchor and list a credential package (resumable).")
    static final class Publish extends MarketAction {
        @Option(names = "--package", paramLabel = "FILE", description = "The credential package (canonical JSON).")
        Path file;
        @Option(names = "--title", description = "The listing's title.")
        String title;
        @Option(names = "--description", defaultValue = "", description = "The listing's description.")
        String description;
        @Option(names = "--price", paramLabel = "MOCA", description = "Price in MOCA, e.g. 1.5.")
        String price;
        @Option(names = "--issuer", paramLabel = "ADDRESS", description = "The registered issuer that attested it.")
        String issuer;
        @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Search tags, comma-separated (at most 8).")
        java.util.List<String> tags = java.util.List.of();
        @Option(names = "--resume", paramLabel = "JOB", description = "Resume an interrupted publication instead.")
        String resume;
        @Option(names = "--attestation", paramLabel = "FILE", description = "The attestation file the package was "
                + "proven from (encrypted to this account): each buyer then gets a proof made for it at delivery.")
        Path attestation;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) throws Exception {
            if (resume != null) {
                return sell(s).resume(resume, m.progress());
            }
            if (file == null || title == null || price == null || issuer == null) {
                throw new UserError("publish needs --package, --title, --price and --issuer (or --resume JOB).");
            }
            var pkg = new PackageReader(SchemaRegistry.builtIn()).read(Files.readAllBytes(file), true);
            PublishRequest req;
            try {
                req = new PublishRequest(title, description, m.wei(price), issuer, tags);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            return attestation == null ? sell(s).publish(pkg, req, m.progress())
                    : sell(s).publish(pkg, Files.readAllBytes(attestation), req, m.progress());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The account's listings, read from the chain.")
    static final class ListOwn extends MarketAction {
        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            List<Listing> all = new ArrayList<>();
            for (var e : s.listings.createdBy(s.chain.account(), 0, s.chain.head())) {
                all.add(s.listings.withoutMetadata(e.listingId));
            }
            return all;
        }
    }

    @Command(name = "price", mixinStandardHelpOptions = true, description = "Change a listing's price.")
    static final class Price extends MarketAction {
        @Parameters(index = "0", paramLabel = "LISTING")
        String listing;
        @Parameters(index = "1", paramLabel = "MOCA")
        String price;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return sell(s).updatePrice(id(listing, "listing"), m.wei(price), m.progress());
        }
    }

    @Command(name = "delist", mixinStandardHelpOptions = true,
            description = "Remove a listing (open purchases can still be delivered or refunded).")
    static final class Delist extends MarketAction {
        @Parameters(paramLabel = "LISTING")
        String listing;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return sell(s).delist(id(listing, "listing"), m.progress());
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Find listings: through a discovery server with --discovery (no wallet needed), else the "
                    + "active listings on chain.")
    static final class Search extends MarketAction {
        @Parameters(paramLabel = "TEXT", arity = "0..1", description = "Words to search for (discovery only).")
        String text;
        @Option(names = "--discovery", paramLabel = "URL", description = "A discovery server's base URL.")
        String discovery;
        @Option(names = "--type", description = "Credential type: employment, education, financial, identity, health.")
        String type;
        @Option(names = "--min-price", paramLabel = "MOCA", description = "Lowest price in MOCA (discovery only).")
        String minPrice;
        @Option(names = "--max-price", paramLabel = "MOCA", description = "Highest price in MOCA (discovery only).")
        String maxPrice;
        @Option(names = "--seller", paramLabel = "ADDRESS", description = "Only this seller's listings.")
        String seller;
        @Option(names = "--issuer", paramLabel = "ADDRESS", description = "Only credentials of this issuer.")
        String issuer;
        @Option(names = "--min-reputation", paramLabel = "N", description = "Lowest seller reputation (0-1000).")
        Integer minReputation;
        @Option(names = "--status", description = "active (default), removed or any (discovery only).")
        String status;
        @Option(names = "--sort", description = "relevance (default), price_asc, price_desc, newest or reputation.")
        String sort;
        @Option(names = "--limit", description = "At most this many results (1-100, default 20; discovery only).")
        Integer limit;
        @Option(names = "--cursor", description = "The nextCursor of a previous page (discovery only).")
        String cursor;

        @Override
        boolean needsSession() {
            return discovery == null;
        }

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            if (discovery != null) {
                return discover();
            }
            if (text != null || type != null || minPrice != null || maxPrice != null || issuer != null
                    || minReputation != null || status != null || sort != null || limit != null || cursor != null) {
                throw new UserError("Searching by words, type, price, issuer, reputation, status or sort needs a discovery "
                        + "server: pass --discovery URL (on chain, only --seller filters).");
            }
            List<Listing> active = new ArrayList<>();
            var count = s.chain.read("listing count", s.chain.market().counts()).component1();
            for (BigInteger i = BigInteger.ONE; i.compareTo(count) <= 0; i = i.add(BigInteger.ONE)) {
                Listing l = s.listings.withoutMetadata(i);
                if (l.active() && (seller == null || l.seller().equalsIgnoreCase(seller))) {
                    active.add(l);
                }
            }
            return active;
        }

        private Object discover() {
            DiscoveryClient client;
            try {
                client = DiscoveryClient.of(discovery);
            } catch (IllegalArgumentException e) {
                throw new UserError("--discovery " + discovery + " is not a URL: " + e.getMessage(), e);
            }
            var query = new DiscoveryClient.Query(text, type, minPrice, maxPrice, seller, issuer, minReputation, status,
                    sort, limit, cursor);
            SearchPage page;
            try {
                page = client.search(query);
            } catch (DiscoveryUnavailableException | DiscoveryApiException e) {
                throw new UserError(e.getMessage(), e);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (var l : page.items()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("listing", l.id());
                r.put("title", l.title());
                r.put("type", l.type());
                r.put("seller", l.seller());
                r.put("priceWei", l.priceWei());
                r.put("status", l.status());
                r.put("issuer", l.issuer());
                r.put("sellerReputation", l.sellerReputation());
                r.put("purchases", l.purchaseCount());
                r.put("credentialHash", l.credentialHash());
                r.put("metadataCid", l.metadataCid());
                rows.add(r);
            }
            if (page.nextCursor() != null) {
                m.progress().step("More results: add --cursor " + page.nextCursor());
            }
            return rows;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A listing from the chain with its metadata from IPFS (checked against the chain).")
    static final class Show extends MarketAction {
        @Parameters(paramLabel = "LISTING")
        String listing;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return s.listings.get(id(listing, "listing"));
        }
    }

    @Command(name = "buy", mixinStandardHelpOptions = true,
            description = "Buy a listing (escrow); with --wait, wait for the key and open the credential.")
    static final class Buy extends MarketAction {
        @Parameters(paramLabel = "LISTING")
        String listing;
        @Option(names = "--wait", paramLabel = "DURATION", description = "Wait this long for the key, e.g. PT10M.")
        Duration await;
        @Option(names = "--on-chain", description = "With --wait: also verify the proof with the chain's verifier "
                + "(a view call: no transaction, no gas).")
        boolean onChain;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) throws Exception {
            if (onChain && await == null) {
                throw new UserError("--on-chain checks the proof when the purchase is opened: add --wait DURATION, or run "
                        + "`enclave market open PURCHASE --on-chain` once the key arrived.");
            }
            BuyService b = buy(s);
            Purchase p = b.buy(id(listing, "listing"), m.progress());
            if (await == null) {
                return p;
            }
            p = b.awaitKey(p.id(), await, Duration.ofSeconds(2), m.progress());
            return p.state() == PurchaseState.DELIVERED ? opened(b.open(p.id(), onChain, m.progress())) : p;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open a delivered purchase: decrypt, check against the chain, verify the proof.")
    static final class Open extends MarketAction {
        @Parameters(paramLabel = "PURCHASE")
        String purchase;
        @Option(names = "--on-chain", description = "Also verify the proof with the verifier the registry names for its "
                + "circuit (a view call: no transaction, no gas) and read the registry's verified-proof record.")
        boolean onChain;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return opened(buy(s).open(id(purchase, "purchase"), onChain, m.progress()));
        }
    }

    static Map<String, Object> opened(OpenedCredential o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) MarketAction.fields(o.purchase());
        f.put("schema", o.credential().schemaId());
        f.put("predicate", o.credential().predicate().toJson().toString());
        f.put("circuit", o.credential().circuitId());
        f.put("validUntil", o.credential().validUntil().toString());
        f.put("proofVerified", o.proofVerified());
        f.put("perBuyerProof", o.perBuyer());
        if (o.onChain() != null) {
            f.put("onChain", o.onChain().outcome().word());
            f.put("onChainCircuit", o.onChain().circuitId());
            f.put("onChainVerifier", o.onChain().verifier());
            f.put("onChainReason", o.onChain().reason());
            f.put("registryRecord", o.onChain().registryRecord());
        }
        return f;
    }

    @Command(name = "deliver", mixinStandardHelpOptions = true,
            description = "Deliver keys of purchases of your listings: one purchase, all new ones, or --watch.")
    static final class Deliver extends MarketAction {
        @Parameters(paramLabel = "PURCHASE", arity = "0..1")
        String purchase;
        @Option(names = "--watch", description = "Keep watching the chain and deliver as purchases come in (Ctrl-C stops).")
        boolean watch;
        @Option(names = "--interval", defaultValue = "PT5S", description = "Pause between passes (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) throws Exception {
            DeliveryService d = deliver(s);
            if (purchase != null) {
                return d.deliver(id(purchase, "purchase"), m.progress());
            }
            if (watch) {
                d.watch(interval, m.progress());
            }
            return d.scan(m.progress());
        }
    }

    @Command(name = "refund", mixinStandardHelpOptions = true,
            description = "Claim the refund of a purchase the seller did not deliver in time.")
    static final class Refund extends MarketAction {
        @Parameters(paramLabel = "PURCHASE")
        String purchase;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return buy(s).refund(id(purchase, "purchase"), m.progress());
        }
    }

    @Command(name = "dispute", mixinStandardHelpOptions = true,
            description = "Dispute a delivered purchase; the statement is uploaded to IPFS as evidence.")
    static final class Dispute extends MarketAction {
        @Parameters(paramLabel = "PURCHASE")
        String purchase;
        @Option(names = "--statement", required = true, description = "What went wrong, for the voters.")
        String statement;

        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            return buy(s).dispute(id(purchase, "purchase"), statement, m.progress());
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Withdraw what the marketplace and staking owe you (proceeds, royalties, refunds, compensation).")
    static final class Withdraw extends MarketAction {
        @Override
        Object call(MarketContext.Session s, PrintWriter out) {
            Payments.Owed o = new Payments(s.chain).withdraw(m.progress());
            return Map.of("marketplaceWei", o.marketplace().toString(), "stakingWei", o.staking().toString());
        }
    }
}
