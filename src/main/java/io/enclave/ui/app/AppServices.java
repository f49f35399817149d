package io.enclave.ui.app;

import io.enclave.chain.Confirmation;
import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.market.Approver;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.Payments;
import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.sell.SellService;
import io.enclave.market.trust.TrustService;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.vault.Vault;
import io.enclave.wallet.LocalSigner;
import io.enclave.zk.CircuitRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/**
 * The market runtime of one account in an unlocked session: the market services of that account on the session's
 * network and contracts, built over the session's encrypted vault ({@link Session#services(String)} keeps one per
 * account used, built on first use, closed at lock). The first account's runtime is {@linkplain #start started}: its
 * {@link Outbox} is the vault's <b>one</b> background runner holding every pipeline (the seller's publication and the
 * delivery of keys); it resumes interrupted jobs and, while {@linkplain #setAutoDeliver automatic delivery} is on,
 * runs the delivery watcher. Another account's runtime runs its jobs inline for the screen that started them (jobs
 * are locked per vault and job, so two runners never run one job at once). Built off the FX thread (it connects to
 * the RPC node).
 *
 * <p>Every transaction is shown to the user through the {@link Approver} given at start ({@link Approvals}: the
 * screen's own view or a card), except the key deliveries the runner sends while automatic delivery is on: the user
 * switched those on in Settings, and they only move the buyer's key (no value, gas only).
 */
public final class AppServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppServices.class);
    /** Backoff of the jobs: quick first retries (a node restarting), then minutes. */
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 8);

    private final Network network;
    private final String account;
    private final RpcClient rpc;
    private final MarketChain chain;
    private final MarketStore store;
    private final LocalEciesKeyHolder ecies;
    private final KuboStore ipfs;
    private final Listings listings;
    private final Outbox outbox;
    private final SellService sell;
    private final BuyService buy;
    private final DeliveryService delivery;
    private final GovernanceService governance;
    private final TrustService trust;
    private final Payments payments;
    private final Consumer<String> events;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Duration interval;
    private volatile boolean autoDeliver;
    private volatile Thread runner;

    /**
     * @param signer the account the services act as (its key also unwraps bought keys and wraps sold ones)
     * @param approver asks the user about a transaction (blocks the calling thread; never called on the FX thread)
     * @param events one line per thing the runner did ("Delivered the key of purchase #3"), on the runner's thread
     * @param circuits the session's circuits (loaded once, warmed after unlock): per-buyer proofs at delivery and the
     *                 buyer's proof checks use them, so neither reloads a proving key
     */
    AppServices(Network network, Vault vault, LocalSigner signer, String ipfsApiUrl, Approver approver,
                Consumer<String> events, Duration interval, CircuitRegistry circuits) {
        Map<String, String> named = network.contracts();
        if (named == null || named.isEmpty()) {
            throw new MarketException("The network " + network.name() + " has no contract addresses: start the local "
                    + "devnet, or choose a network with a deployed Enclave suite in Settings.");
        }
        MarketContracts contracts = MarketContracts.of(named);
        this.network = network;
        this.account = signer.address().toLowerCase(Locale.ROOT);
        this.events = events;
        this.interval = interval;
        this.rpc = new RpcClient(network).connect();
        byte[] key = Numeric.toBytesPadded(signer.keyPair().getPrivateKey(), 32);
        try {
            this.ecies = new LocalEciesKeyHolder(key);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
        Approver guarded = c -> isAutomaticDelivery(c) || approver.approve(c);
        this.chain = new MarketChain(rpc, contracts, vault.activity(), signer, guarded, Duration.ofMinutes(5),
                Duration.ofMillis(500));
        this.store = new MarketStore(vault);
        this.ipfs = new KuboStore(URI.create(ipfsApiUrl), new Http(), Duration.ofSeconds(60));
        TrustlessReader reader = new TrustlessReader(List.of(ipfs), new EndpointHealth(), Duration.ofSeconds(30), 16L << 20);
        this.listings = new Listings(chain, reader);
        this.outbox = new Outbox(store.dataSource(), Map.of(), BACKOFF, Clock.systemUTC());
        this.sell = new SellService(chain, store, listings, ipfs, List.of(), PublicationSteps.noArweaveCopy(), ecies, outbox);
        this.delivery = new DeliveryService(chain, store, listings, ecies, outbox, circuits, Clock.systemUTC());
        this.buy = new BuyService(chain, store, listings, reader, ipfs, ecies, new ProofCheck(circuits));
        this.governance = new GovernanceService(chain);
        this.trust = new TrustService(chain, governance, ipfs);
        this.payments = new Payments(chain);
    }

    /**
     * Starts the runner: resumes due jobs one interval from now, then every interval; delivers automatically when
     * {@code autoDeliver}. The first pass waits so that a screen that built this runtime to resume its own job (the
     * wizard's Resume) runs it first, with its confirmation in that screen; the runner skips a job that is running.
     */
    void start(boolean deliverAutomatically) {
        this.autoDeliver = deliverAutomatically;
        Thread t = new Thread(this::run, "enclave-app-runner");
        t.setDaemon(true);
        runner = t;
        t.start();
    }

    private void run() {
        try {
            while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                pass();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass of the runner: due jobs of every pipeline, then the delivery watcher when it is on. */
    private void pass() {
        try {
            int done = outbox.runDue();
            if (done > 0) {
                events.accept(done + " interrupted job" + (done == 1 ? "" : "s") + " finished");
            }
            if (autoDeliver) {
                for (Delivery d : delivery.scan(m -> { })) {
                    events.accept(describe(d));
                }
            }
        } catch (RuntimeException e) {
            // The node or IPFS is down, or a job failed: recorded in the outbox; the next pass tries again.
            LOG.debug("app runner pass failed", e);
            events.accept("Background pass failed, retrying: " + io.enclave.ui.Errors.describe(e));
        }
    }

    /** A delivery's outcome in words. */
    public static String describe(Delivery d) {
        return switch (d.outcome()) {
            case DELIVERED -> "Delivered the key of purchase #" + d.purchaseId();
            case ALREADY_DELIVERED -> "Purchase #" + d.purchaseId() + " was delivered already";
            case TOO_LATE -> "Purchase #" + d.purchaseId() + " is past its delivery window"
                    + (d.note() == null ? "" : ": " + d.note());
            case PENDING -> "Purchase #" + d.purchaseId() + ": delivery will be retried"
                    + (d.note() == null ? "" : " (" + d.note() + ")");
            case FAILED -> "Purchase #" + d.purchaseId() + ": delivery failed" + (d.note() == null ? "" : ": " + d.note());
            case IN_PROGRESS -> "Purchase #" + d.purchaseId() + " is being delivered by the background runner right now: "
                    + "its outcome shows below when it ends";
        };
    }

    private boolean isAutomaticDelivery(Confirmation c) {
        return approvedWithoutAsking(autoDeliver, Thread.currentThread() == runner, c);
    }

    /**
     * The only transactions signed without asking: a key delivery to this suite's marketplace, with no value, that the
     * simulation says succeeds, sent by the runner while automatic delivery is on. Anything else waits for the user.
     */
    static boolean approvedWithoutAsking(boolean autoDeliver, boolean onRunner, Confirmation c) {
        return autoDeliver && onRunner && "Marketplace".equals(c.contract()) && "deliverKey".equals(c.function())
                && c.willSucceed() && c.value() != null && c.value().matches("0(\\.0+)?( \\S+)?");
    }

    public void setAutoDeliver(boolean on) {
        this.autoDeliver = on;
    }

    public boolean autoDeliver() {
        return autoDeliver;
    }

    public Network network() {
        return network;
    }

    /** The account the services act as (lower-case address). */
    public String account() {
        return account;
    }

    public MarketChain chain() {
        return chain;
    }

    public Listings listings() {
        return listings;
    }

    public MarketStore store() {
        return store;
    }

    /** The one outbox runner of this vault (the Publications page lists and retries its jobs). */
    public Outbox outbox() {
        return outbox;
    }

    public SellService sell() {
        return sell;
    }

    public BuyService buy() {
        return buy;
    }

    public DeliveryService delivery() {
        return delivery;
    }

    public TrustService trust() {
        return trust;
    }

    public GovernanceService governance() {
        return governance;
    }

    public Payments payments() {
        return payments;
    }

    /** The IPFS node packages, metadata and evidence go to. */
    public KuboStore ipfs() {
        return ipfs;
    }

    /** The buyer's purchases recorded in this vault (newest first). */
    public List<MarketStore.OwnPurchase> ownPurchases() {
        return store.purchases(chain.chainId(), chain.contracts().marketplace(), account);
    }

    /**
     * Stops the runner (by a latch, never by an interrupt: an interrupt closes H2's file channel under a running query)
     * and releases the connections and the key. A job the runner is in the middle of is recorded as not done and
     * resumes at the next start.
     */
    @Override
    public void close() {
        stop.countDown();
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ecies.close();
        chain.close();
        rpc.close();
    }
}
