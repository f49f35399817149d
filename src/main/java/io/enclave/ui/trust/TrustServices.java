package io.enclave.ui.trust;

import io.enclave.chain.Network;
import io.enclave.chain.RpcClient;
import io.enclave.devnet.DevnetInfo;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.market.Approver;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketContracts;
import io.enclave.market.MarketException;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.trust.TrustService;
import io.enclave.storage.BlobStore;
import io.enclave.storage.Http;
import io.enclave.storage.ipfs.Cid;
import io.enclave.storage.ipfs.KuboStore;
import io.enclave.ui.app.Session;
import io.enclave.wallet.UnlockedWallet;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The market services the Trust and Governance screens use, for one account of the unlocked wallet on the session's
 * network: {@link TrustService}, {@link GovernanceService}, the discovery client (trust graph, seller profiles) and the
 * IPFS store that takes report evidence. Blocking, no JavaFX; one instance per screen, closed when the wallet, the
 * account or the network changes.
 */
public final class TrustServices implements AutoCloseable {
    private final MarketChain chain;
    private final TrustService trust;
    private final GovernanceService governance;
    private final DiscoveryClient discovery;
    private final BlobStore evidence;
    private final Network network;

    private TrustServices(MarketChain chain, DiscoveryClient discovery, BlobStore evidence, Network network) {
        this.chain = chain;
        this.governance = new GovernanceService(chain);
        this.trust = new TrustService(chain, governance, evidence);
        this.discovery = discovery;
        this.evidence = evidence;
        this.network = network;
    }

    /**
     * Opens the services for {@code account} of the session's unlocked wallet; every transaction is shown to
     * {@code approver} before it is signed. This is the one place that builds them (the app-wide runtime can replace it).
     */
    public static TrustServices open(Session session, String account, Approver approver) {
        UnlockedWallet wallet = session.wallet();
        if (wallet == null) {
            throw new MarketException("The wallet is locked: unlock it first.");
        }
        Network network = session.network();
        if (network.contracts().isEmpty()) {
            throw new MarketException("No contract addresses for the " + network.name() + " network: start the local "
                    + "devnet, or choose a network with a deployed suite in Settings.");
        }
        MarketContracts contracts;
        try {
            contracts = MarketContracts.of(network.contracts());
        } catch (IllegalArgumentException e) {
            throw new MarketException("The contract list of " + network.name() + " is not usable: " + e.getMessage(), e);
        }
        var signer = wallet.signer(account);
        var activity = session.vault().activity();
        MarketChain chain;
        try (RpcClient template = new RpcClient(network)) {
            chain = new MarketChain(template, contracts, activity, signer, approver,
                    Duration.ofMinutes(5), Duration.ofMillis(500));
        } catch (RuntimeException e) {
            throw new MarketException("Cannot reach the " + network.name() + " RPC: " + describe(e)
                    + " The RPC URLs are in Settings.", e);
        }
        // The running devnet's own servers, unless Settings point the devnet preset at another node.
        DevnetInfo devnet = session.settings().rpcUrls().isEmpty() ? session.devnetProperty().get() : null;
        String discoveryUrl = devnet != null && notBlank(devnet.discoveryUrl()) ? devnet.discoveryUrl()
                : session.settings().discoveryUrl();
        String ipfsUrl = devnet != null && notBlank(devnet.ipfsApiUrl()) ? devnet.ipfsApiUrl()
                : session.settings().ipfsApiUrl();
        return new TrustServices(chain, DiscoveryClient.of(discoveryUrl),
                new KuboStore(URI.create(ipfsUrl), new Http(), Duration.ofSeconds(30)), network);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() + "." : m.endsWith(".") ? m : m + ".";
    }

    public TrustService trust() {
        return trust;
    }

    public GovernanceService governance() {
        return governance;
    }

    public DiscoveryClient discovery() {
        return discovery;
    }

    /** The acting account, lower-case. */
    public String account() {
        return chain.account();
    }

    public Network network() {
        return network;
    }

    /** The head block (proposal deadlines are block numbers). */
    public long head() {
        return chain.head();
    }

    /** The chain's clock, seconds since 1970 (unbonding ends are chain time). */
    public long chainTime() {
        return chain.chainTime();
    }

    /** Wei as "1.5 MOCA". */
    public String amount(BigInteger wei) {
        return chain.amount(wei);
    }

    /** Uploads an evidence file to IPFS (pinned); its CID goes into the report. */
    public Cid uploadEvidence(byte[] content) {
        return evidence.put(content);
    }

    /** Lower-case 0x address, or a readable error. */
    public static String address(String text) {
        String a = text == null ? "" : text.strip();
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'" + a + "' is not an address: 0x followed by 40 hex digits.");
        }
        return a.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        chain.close();
    }
}
