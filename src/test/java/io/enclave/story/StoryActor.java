package io.enclave.story;

import io.enclave.chain.Confirmation;
import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.chain.Signer;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketStore;
import io.enclave.market.buy.BuyService;
import io.enclave.market.buy.ProofCheck;
import io.enclave.market.deliver.DeliveryService;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.sell.SellService;
import io.enclave.market.trust.TrustService;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.vault.Vault;
import io.enclave.zk.CircuitRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * One person of the story on the devnet: a funded key, an encrypted-at-rest vault of its own, and the market services
 * the studio builds for an unlocked wallet. Every confirmation is recorded and approved.
 */
final class StoryActor implements AutoCloseable {
    static final Backoff FAST = new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3);

    final String name;
    final Credentials key;
    final Vault vault;
    final MarketStore store;
    final MarketChain chain;
    final LocalEciesKeyHolder ecies;
    final Listings listings;
    final List<Confirmation> confirmations = new ArrayList<>();
    private final KuboStore kubo;
    private final TrustlessReader reader;

    StoryActor(String name, Credentials key, String rpcUrl, long chainId, MarketContracts contracts, KuboStore kubo,
               TrustlessReader reader) {
        this.name = name;
        this.key = key;
        this.kubo = kubo;
        this.reader = reader;
        this.vault = Vault.inMemory("story-" + name + "-" + UUID.randomUUID());
        this.store = new MarketStore(vault);
        RpcClient rpc = new RpcClient(Network.DEVNET.withRpcUrls(List.of(rpcUrl)).withChainId(chainId));
        this.chain = new MarketChain(rpc, contracts, vault.activity(), signer(key), c -> {
            confirmations.add(c);
            return true;
        }, Duration.ofSeconds(30), Duration.ofMillis(100));
        this.ecies = new LocalEciesKeyHolder(Numeric.toBytesPadded(key.getEcKeyPair().getPrivateKey(), 32));
        this.listings = new Listings(chain, reader);
    }

    String address() {
        return chain.account();
    }

    SellService sell() {
        return new SellService(chain, store, listings, kubo, List.of(), PublicationSteps.noArweaveCopy(), ecies, FAST);
    }

    BuyService buy() {
        return new BuyService(chain, store, listings, reader, kubo, ecies, new ProofCheck(CircuitRegistry.classPath()));
    }

    DeliveryService deliver() {
        return new DeliveryService(chain, store, listings, ecies, FAST, Clock.systemUTC());
    }

    GovernanceService gov() {
        return new GovernanceService(chain);
    }

    TrustService trust() {
        return new TrustService(chain, gov(), kubo);
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

    @Override
    public void close() {
        ecies.close();
        chain.close();
    }
}
