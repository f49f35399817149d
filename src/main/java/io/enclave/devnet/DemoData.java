package io.enclave.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.chain.Signer;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.market.Listing;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketStore;
import io.enclave.market.Progress;
import io.enclave.market.Purchase;
import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.sell.PublishRequest;
import io.enclave.market.sell.SellService;
import io.enclave.market.trust.TrustService;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.vault.Vault;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The demo marketplace seeded once into a new devnet, through the same services the studio uses: a demo issuer
 * (registered by the deployer with the suite, as configured issuers are), two sellers with one listing of each credential
 * type — each a real package: attested by the demo issuer, proven in the JVM, sealed, on IPFS, anchored and listed with
 * "Demo" in its title and description — stakes from two vouchers, one open governance proposal and one open dispute.
 *
 * <p>Every key here is public knowledge (anvil's development accounts, keys derived from fixed labels): they are worth
 * nothing off the devnet. The demo sellers' vaults live in {@code <devnet>/demo/}, so the devnet's delivery watcher
 * ({@link #watcher}) can deliver what a newcomer buys from them.
 */
final class DemoData {
    static final String MARKER = "demo-seeded";
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    /** anvil's development accounts 1–5 (account 0 deploys the suite). */
    private static final String[] ANVIL_KEYS = {
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926e",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
    };
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final Backoff BACKOFF = new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3);
    /** The circuits of this process: the demo's proofs and every demo seller's per-buyer proofs share what it loaded. */
    private static final CircuitRegistry CIRCUITS = CircuitRegistry.classPath();

    /** One demo listing: a type, the attested attribute and value, the predicate proven, who sells it. */
    private record Item(String type, String attribute, JsonNode value, String predicate, List<JsonNode> constants,
                        String title, int seller, BigInteger price) {
    }

    private static final List<Item> ITEMS = List.of(
            new Item("education", "graduationYear", N.numberNode(2018), "graduated-by", List.of(N.numberNode(2020)),
                    "Demo: graduated by 2020", 0, ETHER.divide(BigInteger.TEN)),
            new Item("employment", "annualSalary", N.numberNode(8_250_000), "salary-at-least", List.of(N.numberNode(5_000_000)),
                    "Demo: annual salary at least 50,000", 0, ETHER.divide(BigInteger.valueOf(4))),
            new Item("financial", "creditScore", N.numberNode(742), "credit-score-at-least", List.of(N.numberNode(700)),
                    "Demo: credit score at least 700", 1, ETHER.divide(BigInteger.valueOf(5))),
            new Item("identity", "birthDate", N.textNode("1990-05-17"), "age-at-least",
                    List.of(N.numberNode(18), N.textNode("2026-01-01")), "Demo: adult (18+) on 1 January 2026", 1,
                    ETHER.divide(BigInteger.valueOf(20))),
            new Item("health", "doseNumber", N.numberNode(3), "doses-at-least", List.of(N.numberNode(2)),
                    "Demo: at least two vaccine doses", 1, ETHER.divide(BigInteger.valueOf(20))));

    private DemoData() {
    }

    /** The demo issuer's account (anvil account 1) and BabyJubJub key, registered with the suite on a demo devnet. */
    static DeployConfig.Issuer issuer() {
        try (EddsaAttestationSigner s = issuerKey()) {
            return new DeployConfig.Issuer(Credentials.create(ANVIL_KEYS[0]).getAddress(), s.issuer().ax(), s.issuer().ay(),
                    500);
        }
    }

    static boolean seeded(Path folder) {
        return Files.exists(folder.resolve(MARKER));
    }

    /** Seeds the demo data unless {@code folder} says it was seeded; then marks the folder. */
    static void seedOnce(Path folder, DevnetInfo info, Consumer<String> progress) {
        if (seeded(folder)) {
            progress.accept("Demo data already in place");
            return;
        }
        try (Session s = new Session(folder, info)) {
            s.seed(progress);
        } catch (RuntimeException e) {
            throw new DevnetException("Seeding the demo data failed: " + e.getMessage()
                    + " (start with --no-demo, or `enclave devnet reset` to start afresh)", e);
        }
        try {
            Files.writeString(folder.resolve(MARKER), Instant.now() + "\n");
        } catch (IOException e) {
            throw new DevnetException("Could not write " + folder.resolve(MARKER) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The delivery watcher of the demo sellers, run by the devnet while it is up (null when there is no demo data). It is
     * stopped by a latch, never by interrupting it: an interrupt closes H2's file channel under a running query.
     */
    static AutoCloseable watcher(Path folder, DevnetInfo info, Consumer<String> log) {
        if (!seeded(folder)) {
            return null;
        }
        Session s = new Session(folder, info);
        List<Actor> sellers;
        try {
            sellers = List.of(s.seller(0), s.seller(1));
        } catch (RuntimeException e) {
            s.close();
            throw new DevnetException("Cannot open the demo sellers' vaults in " + folder.resolve("demo") + ": "
                    + e.getMessage(), e);
        }
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                for (Actor seller : sellers) {
                    try {
                        seller.delivery().warmUp(); // reads the proving keys once, before a purchase waits for them
                    } catch (RuntimeException e) {
                        log.accept("Demo delivery warm-up failed (the first delivery loads the circuit): " + e.getMessage());
                    }
                }
                do {
                    for (Actor seller : sellers) {
                        try {
                            seller.delivery().scan(m -> { }).forEach(d -> log.accept("Demo seller delivered purchase #"
                                    + d.purchaseId() + ": " + d.outcome().name().toLowerCase(Locale.ROOT)));
                        } catch (RuntimeException e) {
                            log.accept("Demo delivery pass failed, retrying: " + e.getMessage());
                        }
                    }
                } while (!stop.await(2, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "devnet-demo-delivery");
        t.setDaemon(true);
        t.start();
        return () -> {
            stop.countDown();
            t.join(30_000);
            s.close();
        };
    }

    private static EddsaAttestationSigner issuerKey() {
        byte[] k = Hash.sha3("enclave devnet demo issuer (public, devnet only)".getBytes(StandardCharsets.UTF_8));
        try {
            return new EddsaAttestationSigner(k, Issuer.Provenance.ISSUER);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** One demo person: an anvil key, a vault in the devnet folder, the market services. */
    private static final class Actor implements AutoCloseable {
        final Vault vault;
        final MarketChain chain;
        final LocalEciesKeyHolder ecies;
        final MarketStore store;
        final Listings listings;
        private final Session session;
        private DeliveryService delivery;

        Actor(Session session, String name, String key) {
            this.session = session;
            Credentials c = Credentials.create(key);
            byte[] vaultKey = Hash.sha3(("enclave devnet demo vault " + name).getBytes(StandardCharsets.UTF_8));
            this.vault = Vault.open(session.folder.resolve("demo").resolve(name), vaultKey);
            Arrays.fill(vaultKey, (byte) 0);
            this.store = new MarketStore(vault);
            this.chain = new MarketChain(session.rpc, session.contracts, vault.activity(), signer(c), confirmation -> true,
                    Duration.ofSeconds(30), Duration.ofMillis(100));
            this.ecies = new LocalEciesKeyHolder(Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32));
            this.listings = new Listings(chain, session.reader);
        }

        SellService sell() {
            return new SellService(chain, store, listings, session.kubo, List.of(), PublicationSteps.noArweaveCopy(), ecies,
                    BACKOFF);
        }

        BuyService buy() {
            return new BuyService(chain, store, listings, session.reader, session.kubo, ecies,
                    new ProofCheck(CircuitRegistry.classPath()));
        }

        /** One delivery service per demo seller: per-buyer proofs reuse the circuits it loaded. */
        synchronized DeliveryService delivery() {
            if (delivery == null) {
                delivery = new DeliveryService(chain, store, listings, ecies, new io.enclave.storage.outbox.Outbox(
                        store.dataSource(), java.util.Map.of(), BACKOFF, Clock.systemUTC()), CIRCUITS, Clock.systemUTC());
            }
            return delivery;
        }

        TrustService trust() {
            return new TrustService(chain, new GovernanceService(chain), session.kubo);
        }

        @Override
        public void close() {
            ecies.close();
            chain.close();
            vault.close();
        }
    }

    private static final class Session implements AutoCloseable {
        final Path folder;
        final DevnetInfo info;
        final RpcClient rpc;
        final MarketContracts contracts;
        final KuboStore kubo;
        final TrustlessReader reader;
        private final List<Actor> actors = new ArrayList<>();
        private final Actor[] sellers = new Actor[2];

        Session(Path folder, DevnetInfo info) {
            this.folder = folder;
            this.info = info;
            this.rpc = new RpcClient(Network.DEVNET.withRpcUrls(List.of(info.rpcUrl())).withChainId(info.chainId()));
            this.contracts = MarketContracts.of(info.contracts());
            this.kubo = new KuboStore(URI.create(info.ipfsApiUrl()), new Http(), Duration.ofSeconds(10));
            this.reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(10), 8L << 20);
        }

        Actor actor(String name, String key) {
            Actor a = new Actor(this, name, key);
            actors.add(a);
            return a;
        }

        Actor seller(int i) {
            if (sellers[i] == null) {
                sellers[i] = actor("seller-" + (i + 1), ANVIL_KEYS[1 + i]);
            }
            return sellers[i];
        }

        void seed(Consumer<String> progress) {
            SecureRandom random = new SecureRandom();
            SchemaRegistry schemas = SchemaRegistry.builtIn();
            Actor voucherA = actor("voucher-1", ANVIL_KEYS[3]);
            Actor buyer = actor("buyer-1", ANVIL_KEYS[4]);
            for (int i = 0; i < ANVIL_KEYS.length; i++) {
                fund(Credentials.create(ANVIL_KEYS[i]).getAddress());
            }
            progress.accept("Demo data: vouches for the demo sellers…");
            voucherA.trust().vouch(seller(0).chain.account(), ETHER.multiply(BigInteger.valueOf(5)), Progress.NONE);
            voucherA.trust().vouch(seller(1).chain.account(), ETHER.multiply(BigInteger.TWO), Progress.NONE);
            buyer.trust().vouch(seller(0).chain.account(), ETHER, Progress.NONE);

            CredentialProver prover = new CredentialProver(new ZkProver(CIRCUITS), schemas);
            OnChainIssuerRegistry issuers = new OnChainIssuerRegistry(seller(0).chain.registry());
            AttestationChecker checker = new AttestationChecker(new EddsaAttestationVerifier(), issuers, Clock.systemUTC());
            String issuerAccount = issuer().account();
            List<Listing> listed = new ArrayList<>();
            try (EddsaAttestationSigner key = issuerKey()) {
                AttestationIssuer attestor = new AttestationIssuer(key, random, Clock.systemUTC());
                for (int i = 0; i < ITEMS.size(); i++) {
                    Item item = ITEMS.get(i);
                    Actor seller = seller(item.seller());
                    progress.accept("Demo data: " + item.type() + " listing (" + (i + 1) + "/" + ITEMS.size()
                            + "): attest, prove, seal, publish…");
                    CredentialSchema schema = schemas.latest(item.type());
                    Attestation a = attestor.attest(schema, item.attribute(), item.value(),
                            Numeric.toBigInt(seller.chain.account()), Duration.ofDays(365));
                    CheckedAttestation checked = checker.check(a);
                    Predicate p = Predicate.create(schema, item.predicate(), item.constants());
                    BigInteger context = new RegistryContext(info.chainId(), contracts.registry(), seller.chain.account())
                            .fieldElement();
                    CredentialPackage pkg = prover.prove(checked, p, context,
                            Instant.ofEpochSecond(seller.chain.chainTime()), null);
                    listed.add(seller.sell().publish(pkg, a, new PublishRequest(item.title(), "Demo data on the local devnet: "
                            + p.statement() + ", attested by the demo issuer and proven with a zero-knowledge proof. "
                            + "Buy it with any funded devnet account to see delivery and decryption.", item.price(),
                            issuerAccount), Progress.NONE));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }

            progress.accept("Demo data: a governance proposal…");
            GovernanceService gov = new GovernanceService(voucherA.chain);
            try (EddsaAttestationSigner second = new EddsaAttestationSigner(
                    Hash.sha3("enclave devnet demo issuer 2".getBytes(StandardCharsets.UTF_8)), Issuer.Provenance.ISSUER)) {
                gov.propose(List.of(gov.registerIssuer(Credentials.create(ANVIL_KEYS[2]).getAddress(), second.issuer().ax(),
                        second.issuer().ay(), 300)), "Demo: register a second issuer (a bank's data attestor)", Progress.NONE);
            }

            progress.accept("Demo data: a purchase under dispute…");
            Listing health = listed.get(listed.size() - 1);
            Purchase bought = buyer.buy().buy(health.id(), Progress.NONE);
            seller(1).delivery().scan(Progress.NONE);
            try {
                buyer.buy().awaitKey(bought.id(), Duration.ofSeconds(30), Duration.ofMillis(200), Progress.NONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevnetException("Interrupted while seeding the demo dispute", e);
            }
            buyer.buy().dispute(bought.id(), "Demo dispute: the buyer says the statement is not what the title promised.",
                    Progress.NONE);
            progress.accept("Demo data: " + listed.size() + " listings, 3 vouches, 1 proposal, 1 dispute");
        }

        /** Tops a demo account up to 1,000 MOCA (anvil's dev accounts may have been spent from on an old devnet). */
        private void fund(String address) {
            org.web3j.protocol.http.HttpService http = new org.web3j.protocol.http.HttpService(info.rpcUrl());
            try {
                var r = new org.web3j.protocol.core.Request<>("anvil_setBalance", List.of(address,
                        Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(1000)))), http,
                        org.web3j.protocol.core.methods.response.VoidResponse.class).send();
                if (r.hasError()) {
                    throw new DevnetException("anvil_setBalance failed: " + r.getError().getMessage());
                }
            } catch (IOException e) {
                throw new DevnetException("No answer from the devnet's anvil: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            for (Actor a : actors) {
                try {
                    a.close();
                } catch (RuntimeException e) {
                    // keep closing the rest
                }
            }
        }
    }

    private static Signer signer(Credentials c) {
        return new Signer() {
            @Override
            public String address() {
                return c.getAddress().toLowerCase(Locale.ROOT);
            }

            @Override
            public byte[] sign(RawTransaction tx, long chainId) {
                return TransactionEncoder.signMessage(tx, chainId, c);
            }
        };
    }
}
