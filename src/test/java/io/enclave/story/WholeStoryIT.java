package io.enclave.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.chain.contracts.CredentialRegistry;
import io.enclave.chain.deploy.DeployConfig;
import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.attest.AttestationChecker;
import io.enclave.credentials.attest.AttestationFile;
import io.enclave.credentials.attest.AttestationIssuer;
import io.enclave.credentials.attest.CheckedAttestation;
import io.enclave.credentials.chain.OnChainIssuerRegistry;
import io.enclave.credentials.chain.OnChainProof;
import io.enclave.credentials.importer.CsvImporter;
import io.enclave.credentials.importer.ImportLimits;
import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.credentials.zk.CredentialCircuit;
import io.enclave.credentials.zk.CredentialProver;
import io.enclave.credentials.zk.EddsaAttestationSigner;
import io.enclave.credentials.zk.EddsaAttestationVerifier;
import io.enclave.credentials.zk.PackageVerifier;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import io.enclave.devnet.Devnet;
import io.enclave.devnet.DevnetInfo;
import io.enclave.devnet.JsToolchain;
import io.enclave.discovery.api.SellerProfile;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.market.Listing;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketException;
import io.enclave.market.Payments;
import io.enclave.market.Progress;
import io.enclave.market.Proposal;
import io.enclave.market.Purchase;
import io.enclave.market.PurchaseState;
import io.enclave.market.Reputation;
import io.enclave.market.buy.OpenedCredential;
import io.enclave.market.deliver.Delivery;
import io.enclave.market.gov.Action;
import io.enclave.market.sell.PublishRequest;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.testsupport.ManagedProcess;
import io.enclave.testsupport.Toolchain;
import io.enclave.zk.CircuitRegistry;
import io.enclave.zk.ZkProver;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The whole story on a devnet the test starts (anvil + the suite + IPFS + the discovery server), through the services
 * the studio uses: a seller imports a CSV, an issuer registered by a governance vote attests a value, the seller proves a
 * statement about it, publishes, lists and marks it verified on chain; a buyer finds it through the discovery API, buys
 * it, the seller's delivery watcher delivers the key, the buyer opens it and verifies it in Java and against the proof the
 * registry verified on chain; a second sale goes wrong, the buyer disputes, governance settles it and slashes the
 * voucher's stake; the indexer shows the listing, both purchases, the vouch, the proposals and the slash.
 */
class WholeStoryIT {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger PRICE = ETHER;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.builtIn();
    private static final DeployConfig CONFIG = DeployConfig.devnet("0x0000000000000000000000000000000000000001");

    @TempDir
    static Path dir;
    private static Devnet devnet;
    private static DevnetInfo info;
    private static KuboStore kubo;
    private static TrustlessReader reader;
    private static MarketContracts contracts;

    @BeforeAll
    static void startDevnet() {
        ManagedProcess.sweep();
        List<String> progress = new ArrayList<>();
        devnet = Devnet.start(dir.resolve("devnet"), new JsToolchain(Toolchain.projectDir()), Devnet.Options.bare(),
                progress::add);
        info = devnet.info();
        assertThat(progress).contains("Deploying the contracts…", "Starting the discovery server…", "Devnet ready");
        assertThat(info.discoveryUrl()).startsWith("http://127.0.0.1:");
        kubo = new KuboStore(URI.create(info.ipfsApiUrl()), new Http(), Duration.ofSeconds(10));
        reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(10), 8L << 20);
        contracts = MarketContracts.of(info.contracts());
    }

    @AfterAll
    static void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    /** A new person with a fresh key, funded with 1,000 MOCA on the devnet. */
    private StoryActor actor(String name) throws Exception {
        Credentials key = Credentials.create(Keys.createEcKeyPair());
        rpc("anvil_setBalance", key.getAddress(), Numeric.toHexStringWithPrefix(ETHER.multiply(BigInteger.valueOf(1000))));
        return new StoryActor(name, key, info.rpcUrl(), info.chainId(), contracts, kubo, reader);
    }

    @Test
    void importAttestProvePublishFindBuyDeliverVerifyVouchDisputeSlash() throws Exception {
        DiscoveryClient discovery = DiscoveryClient.of(info.discoveryUrl());
        try (StoryActor issuerAccount = actor("issuer");
             StoryActor seller = actor("seller");
             StoryActor buyer = actor("buyer");
             StoryActor voucher = actor("voucher");
             StoryActor secondBuyer = actor("second-buyer");
             EddsaAttestationSigner issuerKey = newIssuerKey()) {

            // 1. a voucher stakes on the seller: the stake is also its voting power
            voucher.trust().vouch(seller.address(), ETHER.multiply(BigInteger.TEN), Progress.NONE);
            mine(1);

            // 2. governance registers the issuer (account + BabyJubJub key) in the CredentialRegistry
            Issuer issuer = issuerKey.issuer();
            Proposal register = passAndExecute(voucher, List.of(voucher.gov().registerIssuer(issuerAccount.address(),
                    issuer.ax(), issuer.ay(), 500)), "Register the story's employer as an issuer");
            assertThat(register.actions().get(0)).startsWith("CredentialRegistry: register");
            OnChainIssuerRegistry issuers = new OnChainIssuerRegistry(seller.chain.registry());
            assertThat(issuers.isRegistered(issuer)).isTrue();
            assertThat(issuers.accountOf(issuer)).isEqualToIgnoringCase(issuerAccount.address());

            // 3. the seller imports an employment record from a CSV file
            CredentialSchema employment = SCHEMAS.latest("employment");
            Path csv = dir.resolve("payroll.csv");
            Files.writeString(csv, "Employer,Role,Start,Salary,Currency\n"
                    + "Northwind Robotics,Senior Engineer,2021-03-01,\"82,500.00\",EUR\n");
            ImportResult imported = new CsvImporter(employment, Map.of("employer", "Employer", "title", "Role",
                    "startDate", "Start", "annualSalary", "Salary", "currency", "Currency"), "yyyy-MM-dd",
                    ImportLimits.DEFAULT).importFile(csv);
            assertThat(imported.records()).hasSize(1);
            JsonNode salary = imported.records().get(0).values().get("annualSalary");
            assertThat(salary.asLong()).isEqualTo(8_250_000L);

            // 4. the issuer attests the salary to the seller; the file travels encrypted to the seller's key
            BigInteger subject = Numeric.toBigInt(seller.address());
            Attestation attestation = new AttestationIssuer(issuerKey, RANDOM, Clock.systemUTC()).attest(employment,
                    "annualSalary", salary, subject, Duration.ofDays(365));
            AttestationFile files = new AttestationFile(new Secp256k1Ecies(RANDOM), SCHEMAS);
            byte[] file = files.seal(attestation, seller.ecies.publicKey());
            assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("8250000");
            assertThatThrownBy(() -> files.open(buyer.ecies, file)).as("only the subject opens it")
                    .isInstanceOf(Exception.class);
            CheckedAttestation checked = new AttestationChecker(new EddsaAttestationVerifier(), issuers, Clock.systemUTC())
                    .check(files.open(seller.ecies, file));
            assertThat(checked.issuerVerified()).isTrue();

            // 5. the seller proves "salary at least 50,000.00" in the JVM, bound to its registry context
            BigInteger registryContext = new RegistryContext(info.chainId(), contracts.registry(), seller.address())
                    .fieldElement();
            Predicate atLeast = Predicate.create(employment, "salary-at-least",
                    List.of(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(5_000_000)));
            CredentialPackage pkg = new CredentialProver(new ZkProver(CircuitRegistry.classPath()), SCHEMAS)
                    .prove(checked, atLeast, registryContext, Instant.ofEpochSecond(seller.chain.chainTime()), null);
            assertThat(pkg.issuer().provenance()).isEqualTo(Issuer.Provenance.ISSUER);
            // as a number of its own: the ~1,000 random digits of the proof and signals hold "8250000" in 1 package of ~10,000
            assertThat(pkg.toString()).doesNotContainPattern("(?<![0-9])8250000(?![0-9])");

            // 6. publish: seal, upload, pin, anchor, list — then mark it verified on chain with the same proof
            Listing listing = seller.sell().publish(pkg, new PublishRequest("Salary at least 50,000 EUR",
                    "Employment credential attested by Northwind Robotics", PRICE, issuerAccount.address()), Progress.NONE);
            assertThat(listing.active()).isTrue();
            assertThat(seller.confirmations).extracting(c -> c.function()).containsExactly("anchor", "createListing");
            byte[] credentialHash = pkg.credentialHash();
            assertThat(listing.credentialHash()).isEqualToIgnoringCase(Numeric.toHexString(credentialHash));
            CredentialCircuit circuit = CredentialCircuit.ofPackageId(pkg.circuitId());
            seller.chain.send("Mark the credential verified", contracts.registry(), BigInteger.ZERO,
                    seller.chain.registry().markVerified(credentialHash, BigInteger.valueOf(circuit.registryId()),
                            OnChainProof.words(pkg.proof()), pkg.publicSignals()).encodeFunctionCall(), Progress.NONE);
            CredentialRegistry.Credential anchored = seller.chain.read("credential",
                    seller.chain.registry().credential(credentialHash));
            assertThat(anchored.verifiedBy).isEqualTo(BigInteger.valueOf(circuit.registryId()));

            // 7. the buyer finds it through the discovery API, with its metadata checked against the chain
            io.enclave.discovery.api.Listing found = eventually("the listing in discovery search", () ->
                    discovery.search(DiscoveryClient.Query.text("salary")).items().stream()
                            .filter(l -> l.credentialHash().equalsIgnoreCase(listing.credentialHash())
                                    && "verified".equals(l.metadataStatus()))
                            .findFirst().orElse(null));
            assertThat(found.id()).isEqualTo(listing.id().toString());
            assertThat(found.seller()).isEqualToIgnoringCase(seller.address());
            assertThat(found.priceWei()).isEqualTo(PRICE.toString());
            assertThat(found.title()).isEqualTo("Salary at least 50,000 EUR");
            assertThat(found.type()).isEqualTo("employment");
            assertThat(found.issuer()).isEqualToIgnoringCase(issuerAccount.address());

            // 8. buy; the seller's delivery watcher delivers the key; the buyer opens and verifies
            Purchase bought = buyer.buy().buy(new BigInteger(found.id()), Progress.NONE);
            assertThat(bought.state()).isEqualTo(PurchaseState.ESCROWED);
            assertThat(seller.deliver().scan(Progress.NONE)).extracting(Delivery::purchaseId, Delivery::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(bought.id(), Delivery.Outcome.DELIVERED));
            assertThat(buyer.buy().awaitKey(bought.id(), Duration.ofSeconds(10), Duration.ofMillis(100), Progress.NONE)
                    .state()).isEqualTo(PurchaseState.DELIVERED);
            OpenedCredential opened = buyer.buy().open(bought.id(), true, Progress.NONE);
            assertThat(opened.purchase().state()).isEqualTo(PurchaseState.OPENED);
            assertThat(opened.onChain().accepted()).as("the chain's RangeVerifier, asked in a view call").isTrue();
            assertThat(opened.onChain().registryRecord()).contains("with this very proof");
            assertThat(opened.credential()).isEqualTo(pkg);
            assertThat(opened.proofVerified()).as("Java Groth16 check inside BuyService.open").isTrue();
            PackageVerifier.Verified verified = new PackageVerifier(CircuitRegistry.classPath())
                    .verify(opened.credential(), registryContext);
            assertThat(verified.subjectAddress()).isEqualToIgnoringCase(seller.address());
            assertThat(opened.credential().predicate().statement()).contains("50000");
            // on chain: the registry verified exactly this proof (it stores the hash of the proof and its signals)
            assertThat(seller.chain.read("verifiedProof", buyer.chain.registry().verifiedProof(credentialHash)))
                    .isEqualTo(proofDigest(opened.credential()));

            // 9. a second sale goes wrong: the seller delivers bytes that are no key; the buyer disputes
            Purchase second = secondBuyer.buy().buy(listing.id(), Progress.NONE);
            byte[] garbage = new byte[113];
            RANDOM.nextBytes(garbage);
            garbage[0] = 4;
            seller.chain.send("Deliver garbage", contracts.marketplace(), BigInteger.ZERO,
                    seller.chain.market().deliverKey(second.id(), garbage).encodeFunctionCall(), Progress.NONE);
            assertThatThrownBy(() -> secondBuyer.buy().open(second.id(), Progress.NONE))
                    .isInstanceOf(MarketException.class).hasMessageContaining("cannot be accepted");
            assertThat(secondBuyer.buy().purchase(second.id()).state()).isEqualTo(PurchaseState.REJECTED);
            assertThat(secondBuyer.buy().dispute(second.id(), "The delivered key does not open the package.",
                    Progress.NONE).state()).isEqualTo(PurchaseState.DISPUTED);

            // 10. governance settles for the buyer and slashes 20 % of the stake behind the seller
            Proposal settle = passAndExecute(voucher, List.of(voucher.gov().resolveDispute(second.id(), true, PRICE),
                    voucher.gov().slash(seller.address(), 2000, secondBuyer.address(), ETHER),
                    voucher.gov().sync(voucher.address(), seller.address())), "Dispute #" + second.id()
                    + ": undecryptable key");
            assertThat(settle.state()).isEqualTo("Executed");
            assertThat(secondBuyer.buy().purchase(second.id()).state()).isEqualTo(PurchaseState.RESOLVED);
            Payments.Owed owed = new Payments(secondBuyer.chain).owed();
            assertThat(owed.staking()).isEqualTo(ETHER);
            assertThat(owed.marketplace()).isPositive();
            Reputation rep = seller.trust().reputation(seller.address());
            assertThat(rep.stake()).isEqualTo(ETHER.multiply(BigInteger.valueOf(8)));
            assertThat(rep.slashes()).isEqualTo(1);
            assertThat(rep.deliveries()).isEqualTo(2);

            // 11. the indexer shows all of it
            SellerProfile profile = eventually("the slash in the seller's discovery profile", () -> {
                SellerProfile p = discovery.seller(seller.address()).orElse(null);
                return p != null && p.slashes() == 1 ? p : null;
            });
            assertThat(profile.vouchesReceived()).singleElement().satisfies(v -> {
                assertThat(v.voucher()).isEqualToIgnoringCase(voucher.address());
                assertThat(v.amountWei()).isEqualTo(ETHER.multiply(BigInteger.TEN).toString());
            });
            assertThat(profile.slashEvents()).singleElement().satisfies(s ->
                    assertThat(new BigInteger(s.amountWei())).isEqualTo(ETHER.multiply(BigInteger.TWO)));
            assertThat(profile.completedSales()).isEqualTo(1);
            assertThat(profile.activeListings()).isEqualTo(1);
            io.enclave.discovery.api.Listing after = discovery.listing(listing.id().toString()).orElseThrow();
            assertThat(after.purchaseCount()).isEqualTo(2);
            assertThat(discovery.issuers()).anySatisfy(i -> {
                assertThat(i.address()).isEqualToIgnoringCase(issuerAccount.address());
                assertThat(i.active()).isTrue();
            });
            List<io.enclave.discovery.api.Proposal> proposals = eventually("both proposals executed in discovery", () -> {
                List<io.enclave.discovery.api.Proposal> ps = discovery.proposals();
                return ps.size() == 2 && ps.stream().allMatch(p -> "executed".equals(p.status())) ? ps : null;
            });
            assertThat(proposals).extracting(io.enclave.discovery.api.Proposal::id)
                    .containsExactlyInAnyOrder(register.id().toString(), settle.id().toString());
        }
    }

    private static EddsaAttestationSigner newIssuerKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        try {
            return new EddsaAttestationSigner(k, Issuer.Provenance.ISSUER);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** Propose, wait out the voting delay, vote for, wait out the period, queue, wait out the timelock, execute. */
    private static Proposal passAndExecute(StoryActor voter, List<Action> actions, String description) throws Exception {
        Proposal p = voter.gov().propose(actions, description, Progress.NONE);
        assertThat(p.state()).isEqualTo("Pending");
        mine(CONFIG.votingDelayBlocks() + 1);
        assertThat(voter.gov().vote(p.id(), 1, Progress.NONE).votesFor()).isPositive();
        mine(CONFIG.votingPeriodBlocks() + 1);
        assertThat(voter.gov().queue(p.id(), Progress.NONE).state()).isEqualTo("Queued");
        rpc("evm_increaseTime", CONFIG.timelockDelay() + 1);
        mine(1);
        Proposal done = voter.gov().execute(p.id(), Progress.NONE);
        assertThat(done.state()).isEqualTo("Executed");
        return done;
    }

    private static byte[] proofDigest(CredentialPackage pkg) {
        ByteBuffer packed = ByteBuffer.allocate(32 * (8 + pkg.publicSignals().size()));
        OnChainProof.words(pkg.proof()).forEach(w -> packed.put(Numeric.toBytesPadded(w, 32)));
        pkg.publicSignals().forEach(w -> packed.put(Numeric.toBytesPadded(w, 32)));
        return Hash.sha3(packed.array());
    }

    private static void mine(long blocks) throws Exception {
        rpc("anvil_mine", "0x" + Long.toHexString(blocks));
    }

    private static void rpc(String method, Object... params) throws Exception {
        HttpService service = new HttpService(info.rpcUrl());
        var response = new Request<>(method, List.of(params), service, VoidResponse.class).send();
        if (response.hasError()) {
            throw new IllegalStateException(method + ": " + response.getError().getMessage());
        }
    }

    /** Polls until {@code read} returns non-null (the indexer follows the chain a little behind). */
    private static <T> T eventually(String what, Supplier<T> read) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        RuntimeException last = null;
        while (Instant.now().isBefore(until)) {
            try {
                T t = read.get();
                if (t != null) {
                    return t;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for " + what + (last == null ? "" : ": " + last), last);
    }
}
