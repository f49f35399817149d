package io.enclave.ui.trust;

import io.enclave.chain.Network;
import io.enclave.chain.contracts.TrustStaking;
import io.enclave.discovery.client.DiscoveryClient;
import io.enclave.market.MarketChain;
import io.enclave.market.MarketException;
import io.enclave.market.gov.GovernanceService;
import io.enclave.market.trust.TrustService;
import io.enclave.storage.ipfs.Cid;
import io.enclave.ui.app.AppServices;
import io.enclave.ui.app.Session;
import io.enclave.wallet.WalletException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;

/**
 * The market services the Trust and Governance screens use, for one account of the unlocked wallet on the session's
 * network: {@link TrustService} and {@link GovernanceService} of the session's runtime of that account
 * ({@link Session#services(String)}), the discovery client (trust graph, seller profiles) and the IPFS store that takes
 * report evidence. Blocking, no JavaFX. Closing it closes nothing of the runtime (the session closes that at lock).
 */
public final class TrustServices implements AutoCloseable {
    private final AppServices runtime;
    private final MarketChain chain;
    private final DiscoveryClient discovery;

    private TrustServices(AppServices runtime, DiscoveryClient discovery) {
        this.runtime = runtime;
        this.chain = runtime.chain();
        this.discovery = discovery;
    }

    /**
     * The services of {@code account} of the session's unlocked wallet; every transaction is asked about through the
     * session's {@link io.enclave.ui.app.Approvals} (the calling screen scopes its own view to its working thread).
     */
    public static TrustServices open(Session session, String account) {
        if (session.wallet() == null) {
            throw new MarketException("The wallet is locked: unlock it first.");
        }
        Network network = session.network();
        if (network.contracts() == null || network.contracts().isEmpty()) {
            throw new MarketException("No contract addresses for the " + network.name() + " network: start the local "
                    + "devnet, or choose a network with a deployed suite in Settings.");
        }
        AppServices runtime;
        try {
            runtime = session.services(account);
        } catch (MarketException | WalletException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MarketException("The contract list of " + network.name() + " is not usable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MarketException("Cannot reach the " + network.name() + " RPC: " + describe(e)
                    + " The RPC URLs are in Settings.", e);
        }
        return new TrustServices(runtime, DiscoveryClient.of(session.discoveryUrl()));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() + "." : m.endsWith(".") ? m : m + ".";
    }

    public TrustService trust() {
        return runtime.trust();
    }

    public GovernanceService governance() {
        return runtime.governance();
    }

    public DiscoveryClient discovery() {
        return discovery;
    }

    /** The acting account, lower-case. */
    public String account() {
        return chain.account();
    }

    public Network network() {
        return runtime.network();
    }

    /** The head block (proposal deadlines are block numbers). */
    public long head() {
        return chain.head();
    }

    /** The chain's clock, seconds since 1970 (unbonding ends are chain time). */
    public long chainTime() {
        return chain.chainTime();
    }

    /** How long a stake unbonds before it can be withdrawn, as the staking contract says now (governance can change it). */
    public Duration unbondingPeriod() {
        TrustStaking.Params p = chain.read("the staking parameters", chain.staking().params());
        return Duration.ofSeconds(p.unbondingPeriod.longValueExact());
    }

    /** Wei as "1.5 MOCA". */
    public String amount(BigInteger wei) {
        return chain.amount(wei);
    }

    /** Uploads an evidence file to IPFS (pinned); its CID goes into the report. */
    public Cid uploadEvidence(byte[] content) {
        return runtime.ipfs().put(content);
    }

    /** Lower-case 0x address, or a readable error. */
    public static String address(String text) {
        String a = text == null ? "" : text.strip();
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'" + a + "' is not an address: 0x followed by 40 hex digits.");
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** Nothing to release: the runtime belongs to the session. */
    @Override
    public void close() {
    }
}
