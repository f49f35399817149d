package io.enclave.market;

import static io.enclave.market.MarketFixture.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.market.deliver.Delivery;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.sell.PublishRequest;
import io.enclave.storage.outbox.Outbox;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.testsupport.IpfsExtension;
import io.enclave.testsupport.IpfsNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * A hand delivery (the seller inbox) and the runner's delivery scan on one vault: the scan skips a job a hand delivery
 * holds (and takes it up later while still due), a hand delivery of a job the runner holds says so at once, and each
 * call's progress reaches only its own callback. A delivery is held open by its confirmation, answered by the test.
 */
@ExtendWith({AnvilExtension.class, IpfsExtension.class})
class DeliveryConcurrencyIT {
    /** Generous: a call that should not wait returns in well under a second; a blocked one never returns. */
    private static final long BOUND_SECONDS = 60;
    /** A credential of its own per test (their validity starts differ). */
    private static final java.util.concurrent.atomic.AtomicInteger TAGS = new java.util.concurrent.atomic.AtomicInteger(7300);

    /** The confirmation of a call on one thread: reached when {@code asked} opens, answered by {@code answer}. */
    private record Gate(CountDownLatch asked, CompletableFuture<Boolean> answer) {
        Gate() {
            this(new CountDownLatch(1), new CompletableFuture<>());
        }
    }

    private final Map<Thread, Gate> gates = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private MarketFixture fx;
    private MarketFixture.Person seller;
    private MarketFixture.Person buyer;
    private MarketFixture.Person other;
    private Outbox outbox;
    private DeliveryService delivery;
    private Listing listing;

    @BeforeEach
    void setUp(Anvil anvil, IpfsNode ipfs, @TempDir Path dir) throws Exception {
        fx = new MarketFixture(anvil, ipfs, dir);
        seller = fx.new Person(io.enclave.chain.Actors.fresh(anvil), c -> {
            Gate g = gates.get(Thread.currentThread());
            if (g == null) {
                return true;
            }
            g.asked().countDown();
            try {
                return g.answer().get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                return false;
            }
        });
        buyer = fx.person();
        other = fx.person();
        outbox = new Outbox(seller.store.dataSource(), Map.of(), MarketFixture.FAST, Clock.systemUTC());
        delivery = new DeliveryService(seller.chain, seller.store, seller.listings, seller.ecies, outbox,
                MarketFixture.CIRCUITS, Clock.systemUTC());
        listing = seller.sell().publish(MarketFixture.credential(TAGS.incrementAndGet()),
                new PublishRequest("Salary", "", PRICE, fx.suite.issuer.getAddress(), List.of()), Progress.NONE);
    }

    @AfterEach
    void tearDown() {
        gates.values().forEach(g -> g.answer().complete(false));
        threads.shutdownNow();
        seller.close();
        buyer.close();
        other.close();
    }

    @Test
    void theScanSkipsAJobAHandDeliveryHoldsAndTakesItUpOnALaterPassWhileStillDue() throws Exception {
        Purchase x = buyer.buy().buy(listing.id(), Progress.NONE);
        Purchase y = other.buy().buy(listing.id(), Progress.NONE);
        List<String> hand = new CopyOnWriteArrayList<>();
        Gate handGate = new Gate();
        Future<Delivery> byHand = held(handGate, () -> delivery.deliver(x.id(), hand::add));
        assertThat(handGate.asked().await(BOUND_SECONDS, TimeUnit.SECONDS)).as("the hand delivery asks").isTrue();

        List<String> scanned = new CopyOnWriteArrayList<>();
        List<Delivery> pass = threads.submit(() -> delivery.scan(scanned::add)).get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(pass).extracting(Delivery::purchaseId, Delivery::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(y.id(), Delivery.Outcome.DELIVERED));
        assertThat(delivered(x.id())).as("the held job was not run by the scan").isZero();
        assertThat(hand).noneMatch(m -> mentions(m, y.id()));
        assertThat(scanned).noneMatch(m -> mentions(m, x.id()));

        handGate.answer().complete(false); // the seller rejects it in the inbox: nothing sent, the job stays due
        Delivery rejected = byHand.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(rejected.outcome()).isEqualTo(Delivery.Outcome.PENDING);
        assertThat(rejected.note()).contains("not approved");
        assertThat(delivered(x.id())).isZero();

        List<Delivery> later = threads.submit(() -> delivery.scan(Progress.NONE)).get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(later).extracting(Delivery::purchaseId, Delivery::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(x.id(), Delivery.Outcome.DELIVERED));
        assertThat(delivered(x.id())).isEqualTo(1);
        assertThat(delivered(y.id())).isEqualTo(1);
    }

    @Test
    void aHandDeliveryOfAJobTheRunnerIsDeliveringSaysSoAtOnceAndSendsNothing() throws Exception {
        Purchase x = buyer.buy().buy(listing.id(), Progress.NONE);
        List<String> runner = new CopyOnWriteArrayList<>();
        Gate runnerGate = new Gate();
        Future<List<Delivery>> pass = held(runnerGate, () -> delivery.scan(runner::add));
        assertThat(runnerGate.asked().await(BOUND_SECONDS, TimeUnit.SECONDS)).as("the runner's delivery asks").isTrue();

        List<String> hand = new CopyOnWriteArrayList<>();
        Delivery d = threads.submit(() -> delivery.deliver(x.id(), hand::add)).get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.IN_PROGRESS);
        assertThat(d.note()).contains("background runner is delivering it right now").contains("nothing more was sent");
        assertThat(hand).as("nothing of the runner's delivery reaches the hand's screen").isEmpty();

        runnerGate.answer().complete(true);
        assertThat(pass.get(BOUND_SECONDS, TimeUnit.SECONDS)).extracting(Delivery::purchaseId, Delivery::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(x.id(), Delivery.Outcome.DELIVERED));
        assertThat(runner).anyMatch(m -> m.contains("Delivering the key of purchase #" + x.id()));
        assertThat(delivered(x.id())).isEqualTo(1);
        assertThat(seller.confirmations).filteredOn(c -> "deliverKey".equals(c.function())).hasSize(1);
    }

    @Test
    void aDeliveryTheSharedRunnerRunsNeverReportsIntoAHandDeliverysScreen() throws Exception {
        Purchase x = buyer.buy().buy(listing.id(), Progress.NONE);
        Purchase y = other.buy().buy(listing.id(), Progress.NONE);
        Gate no = new Gate();
        no.answer().complete(false);
        // y's job recorded and due, not delivered: its first try was rejected (the backoff's first delay is zero)
        assertThat(held(no, () -> delivery.deliver(y.id(), Progress.NONE)).get(BOUND_SECONDS, TimeUnit.SECONDS).outcome())
                .isEqualTo(Delivery.Outcome.PENDING);

        List<String> hand = new CopyOnWriteArrayList<>();
        Gate handGate = new Gate();
        Future<Delivery> byHand = held(handGate, () -> delivery.deliver(x.id(), hand::add));
        assertThat(handGate.asked().await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        // the desktop's runner pass: every due job of the vault, without a screen to report to
        assertThat(threads.submit(outbox::runDue).get(BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(delivered(y.id())).isEqualTo(1);

        handGate.answer().complete(true);
        assertThat(byHand.get(BOUND_SECONDS, TimeUnit.SECONDS).outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(hand).anyMatch(m -> m.contains("Delivering the key of purchase #" + x.id()))
                .noneMatch(m -> mentions(m, y.id()));
    }

    /** Runs {@code call} on its own thread with {@code gate} answering its confirmations. */
    private <T> Future<T> held(Gate gate, Callable<T> call) {
        return threads.submit(() -> {
            gates.put(Thread.currentThread(), gate);
            try {
                return call.call();
            } finally {
                gates.remove(Thread.currentThread());
            }
        });
    }

    private static boolean mentions(String message, BigInteger purchase) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("purchase #" + purchase + " ") || m.contains("purchase " + purchase + ":");
    }

    private int delivered(BigInteger purchase) {
        return seller.chain.logs(fx.contracts.marketplace(), 0, seller.chain.head(), Listings.KEY_DELIVERED,
                Numeric.toHexStringWithPrefixZeroPadded(purchase, 64)).size();
    }
}
