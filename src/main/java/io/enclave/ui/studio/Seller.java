package io.enclave.ui.studio;

import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.credentials.pkg.LocalEciesKeyHolder;
import io.enclave.crypto.Secrets;
import io.enclave.market.Approver;
import io.enclave.market.Listings;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketException;
import io.enclave.market.MarketStore;
import io.enclave.market.sell.SellService;
import io.enclave.storage.EndpointHealth;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.storage.ipfs.TrustlessReader;
import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.PublicationSteps;
import io.enclave.ui.app.Session;
import io.enclave.wallet.LocalSigner;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.WalletException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * The seller's market services for one account of the unlocked wallet, for one use case: {@link SellService} over the
 * vault's outbox, the chain with the screen's {@link Approver}, the IPFS node from Settings. Closing it wipes the
 * account key copy it holds. {@link #open} is the one place the studio builds them (the app's shared runtime takes
 * it over when there is one).
 */
public final class Seller implements AutoCloseable {
    private final RpcClient rpc;
    private final LocalEciesKeyHolder ecies;
    private final MarketChain chain;
    private final MarketStore store;
    private final Listings listings;
    private final KuboStore ipfs;
    private final SellService sell;

    private Seller(RpcClient rpc, LocalEciesKeyHolder ecies, MarketChain chain, MarketStore store, Listings listings,
                   KuboStore ipfs) {
        this.rpc = rpc;
        this.ecies = ecies;
        this.chain = chain;
        this.store = store;
        this.listings = listings;
        this.ipfs = ipfs;
        this.sell = new SellService(chain, store, listings, ipfs, List.of(), PublicationSteps.noArweaveCopy(), ecies,
                Backoff.DEFAULT);
    }

    /** The factory: opens the services for {@code account}; blocks (connects to the RPC endpoint). */
    public static Seller open(Session session, String account, Approver approver) {
        UnlockedWallet wallet = session.wallet();
        if (wallet == null) {
            throw new WalletException(WalletException.Reason.LOCKED, "The wallet is locked: unlock it to sell.");
        }
        Network network = session.network();
        MarketContracts contracts;
        try {
            contracts = MarketContracts.of(network.contracts());
        } catch (IllegalArgumentException e) {
            throw new MarketException("The network " + network.name() + " has no marketplace contracts (" + e.getMessage()
                    + "): choose a network with them in Settings, or start the local devnet.", e);
        }
        LocalSigner signer = wallet.signer(account);
        byte[] key = Numeric.toBytesPadded(signer.keyPair().getPrivateKey(), 32);
        LocalEciesKeyHolder ecies;
        try {
            ecies = new LocalEciesKeyHolder(key);
        } finally {
            Secrets.wipe(key);
        }
        RpcClient rpc = new RpcClient(network);
        try {
            rpc.connect();
            var vault = session.vault();
            MarketChain chain = new MarketChain(rpc, contracts, vault.activity(), signer, approver, Duration.ofMinutes(10),
                    Duration.ofSeconds(1));
            MarketStore store = new MarketStore(vault);
            KuboStore kubo = new KuboStore(URI.create(ipfsApi(session)), new Http(), Duration.ofSeconds(30));
            TrustlessReader reader = new TrustlessReader(List.of(kubo), new EndpointHealth(), Duration.ofSeconds(20),
                    16L << 20);
            return new Seller(rpc, ecies, chain, store, new Listings(chain, reader), kubo);
        } catch (RuntimeException e) {
            ecies.close();
            rpc.close();
            throw e;
        }
    }

    /** The running devnet's IPFS node while the devnet is the network, else the one in Settings. */
    static String ipfsApi(Session session) {
        var devnet = session.devnetProperty().get();
        if ("devnet".equals(session.network().name()) && devnet != null && !devnet.ipfsApiUrl().isBlank()) {
            return devnet.ipfsApiUrl();
        }
        return session.settings().ipfsApiUrl();
    }

    public SellService sell() {
        return sell;
    }

    public MarketChain chain() {
        return chain;
    }

    public MarketStore store() {
        return store;
    }

    public Listings listings() {
        return listings;
    }

    public KuboStore ipfs() {
        return ipfs;
    }

    @Override
    public void close() {
        ecies.close();
        chain.close();
        rpc.close();
    }
}
