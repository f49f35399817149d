package io.enclave.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.chain.Actors;
import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.chain.Signer;
import io.enclave.credentials.pkg.CredentialPackage;
import io.enclave.credentials.pkg.Groth16Proof;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.sell.SellService;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.IpfsNode;
import io.enclave.testsupport.Snarkjs;
import io.enclave.vault.Vault;
import io.enclave.zk.CircuitRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** A deployed suite on anvil, a js-ipfs node, and market actors each with its own vault and services. */
final class MarketFixture {
    static final BigInteger PRICE = Actors.ETHER;
    static final Backoff FAST = new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3);
    /** One circuit registry for every delivery of the test run: the proving keys are read once. */
    static final CircuitRegistry CIRCUITS = CircuitRegistry.classPath();
    private static JsonNode proof;

    final Anvil anvil;
    final IpfsNode ipfs;
    final Actors suite;
    final MarketContracts contracts;
    final KuboStore kubo;
    final TrustlessReader reader;

    MarketFixture(Anvil anvil, IpfsNode ipfs, Path dir) throws Exception {
        this(anvil, ipfs, dir, new Issuer(Issuer.Provenance.ISSUER, BigInteger.valueOf(11), BigInteger.valueOf(22)));
    }

    /** With the suite's issuer registered under {@code issuerKey} (a real BabyJubJub key, for attestations). */
    MarketFixture(Anvil anvil, IpfsNode ipfs, Path dir, Issuer issuerKey) throws Exception {
        this.anvil = anvil;
        this.ipfs = ipfs;
        this.suite = Actors.deploy(anvil, dir.resolve("deployments.json"), issuerKey.ax(), issuerKey.ay());
        this.contracts = MarketContracts.of(suite.deployment);
        this.kubo = new KuboStore(URI.create(ipfs.apiUrl()), new Http(), Duration.ofSeconds(10));
        this.reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(10), 8L << 20);
    }

    /** One person: a funded key, a vault, the chain gateway and the services, approving every confirmation. */
    final class Person implements AutoCloseable {
        final Credentials key;
        final Vault vault;
        final MarketStore store;
        final MarketChain chain;
        final LocalEciesKeyHolder ecies;
        final Listings listings;
        final List<io.enclave.chain.Confirmation> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> progress = new ArrayList<>();

        Person(Credentials key) {
            this(key, Vault.inMemory("market-" + UUID.randomUUID()));
        }

        Person(Credentials key, Vault vault) {
            this(key, vault, Duration.ofSeconds(30));
        }

        /** With {@code timeout}: how long a sent transaction is followed before the use case gives up. */
        Person(Credentials key, Vault vault, Duration timeout) {
            this(key, vault, timeout, anvil.rpcUrl());
        }

        /** Talking to the chain through {@code rpcUrl} (a proxy in front of anvil). */
        Person(Credentials key, Vault vault, Duration timeout, String rpcUrl) {
            this(key, vault, timeout, rpcUrl, c -> true);
        }

        /** Asking {@code approver} about each confirmation (after recording it). */
        Person(Credentials key, Approver approver) {
            this(key, Vault.inMemory("market-" + UUID.randomUUID()), Duration.ofSeconds(30), anvil.rpcUrl(), approver);
        }

        private Person(Credentials key, Vault vault, Duration timeout, String rpcUrl, Approver approver) {
            this.key = key;
            this.vault = vault;
            this.store = new MarketStore(vault);
            RpcClient rpc = new RpcClient(Network.DEVNET.withRpcUrls(List.of(rpcUrl)).withChainId(anvil.chainId()));
            this.chain = new MarketChain(rpc, contracts, vault.activity(), signer(key), c -> {
                confirmations.add(c);
                return approver.approve(c);
            }, timeout, Duration.ofMillis(100));
            this.ecies = new LocalEciesKeyHolder(Numeric.toBytesPadded(key.getEcKeyPair().getPrivateKey(), 32));
            this.listings = new Listings(chain, reader);
        }

        /** The same person after a restart: the same vault and key, new service objects. */
        Person restarted() {
            return new Person(key, vault);
        }

        Progress progress() {
            return progress::add;
        }

        SellService sell() {
            return new SellService(chain, store, listings, kubo, List.of(), PublicationSteps.noArweaveCopy(), ecies, FAST);
        }

        BuyService buy() {
            return new BuyService(chain, store, listings, reader, kubo, ecies, new ProofCheck(CircuitRegistry.classPath()));
        }

        DeliveryService deliver() {
            return new DeliveryService(chain, store, listings, ecies, new Outbox(store.dataSource(), Map.of(), FAST,
                    Clock.systemUTC()), CIRCUITS, Clock.systemUTC());
        }

        long nonce() throws Exception {
            return anvil.web3j().ethGetTransactionCount(key.getAddress(),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
        }

        @Override
        public void close() {
            ecies.close();
            chain.close();
        }
    }

    Person person() throws Exception {
        return new Person(Actors.fresh(anvil));
    }

    static Signer signer(Credentials c) {
        return new Signer() {
            @Override
            public String address() {
                return c.getAddress().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public byte[] sign(RawTransaction tx, long chainId) {
                return TransactionEncoder.signMessage(tx, chainId, c);
            }
        };
    }

    /**
     * A credential package with a real Groth16 proof of the shipped range circuit (made once by snarkjs), made unique by
     * {@code tag} (its validity start), so every test anchors a credential of its own.
     */
    static CredentialPackage credential(int tag) throws Exception {
        return credential(tag, -1);
    }

    /**
     * Like {@link #credential(int)}, with public signal {@code tampered} increased by one after proving (the package is
     * then sealed and anchored as it is: its hash matches, its proof does not verify); -1 tampers nothing.
     */
    static CredentialPackage credential(int tag, int tampered) throws Exception {
        JsonNode r = rangeProof();
        List<BigInteger> signals = new ArrayList<>();
        r.get("publicSignals").forEach(s -> signals.add(new BigInteger(s.asText())));
        if (tampered >= 0) {
            signals.set(tampered, signals.get(tampered).add(BigInteger.ONE));
        }
        Predicate p = Predicate.create(SchemaRegistry.builtIn().latest("employment"), "salary-at-least",
                List.of(JsonNodeFactory.instance.numberNode(18)));
        byte[] vk = Files.readAllBytes(Snarkjs.circuitDir("range").resolve("verification_key.json"));
        return new CredentialPackage(p.schemaId(), p, "range", Numeric.toHexString(Hash.sha3(vk)),
                Groth16Proof.fromJson(r.get("proof"), "proof"), signals,
                new Issuer(Issuer.Provenance.ISSUER, signals.get(0), signals.get(1)), signals.get(5),
                Instant.ofEpochSecond(1_800_000_000L + tag), Instant.ofEpochSecond(1_900_000_000L));
    }

    private static synchronized JsonNode rangeProof() {
        if (proof == null) {
            ObjectNode q = Snarkjs.json().createObjectNode();
            q.put("circuit", "range");
            q.put("issuerKey", "0x" + "11".repeat(32));
            q.put("schema", "1001");
            q.put("attribute", "3");
            q.put("salt", "271828182845904523536028747135266249775724709369995");
            q.put("subject", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
            q.put("expiry", "1900000000");
            q.put("timeBound", "1800000000");
            q.put("buyer", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
            q.put("listingId", "1");
            q.put("chainId", "31337");
            q.put("value", "42");
            q.put("lower", "18");
            q.put("upper", "65");
            JsonNode r = Snarkjs.attest("prove", q);
            if (!r.path("ok").asBoolean()) {
                throw new IllegalStateException("snarkjs could not prove: " + r.path("error").asText());
            }
            proof = r;
        }
        return proof;
    }
}
