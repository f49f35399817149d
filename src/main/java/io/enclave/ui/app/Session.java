package io.enclave.ui.app;

import io.enclave.chain.AbiRegistry;
import io.enclave.chain.Network;
import io.enclave.devnet.DevnetInfo;
import io.enclave.ui.concurrent.Background;
import io.enclave.ui.settings.Settings;
import io.enclave.ui.settings.SettingsStore;
import io.enclave.ui.wallet.WalletService;
import io.enclave.crypto.Secrets;
import io.enclave.vault.Vault;
import io.enclave.wallet.AutoLock;
import io.enclave.wallet.UnlockedWallet;
import io.enclave.wallet.WalletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's state shared by every screen: data folder, settings, the unlocked wallet (null while locked) with
 * its auto-lock, the local devnet when it runs, and the wallet service for the current network.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private final Path dataFolder;
    private final SettingsStore store;
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<UnlockedWallet> wallet = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<DevnetInfo> devnet = new SimpleObjectProperty<>();
    private final Background background = new Background();
    private final Approvals approvals = new Approvals();
    private final javafx.collections.ObservableList<String> runnerEvents =
            javafx.collections.FXCollections.observableArrayList();
    /** One market runtime per account used in this session, by lower-case address; the first account's runs the outbox. */
    private final Map<String, AppServices> runtimes = new LinkedHashMap<>();
    private Network servicesNetwork;
    private String servicesIpfs;
    private UnlockedWallet servicesOwner;
    private AbiRegistry abis;
    private Vault vault;
    private UnlockedWallet vaultOwner;
    private AutoLock autoLock;
    private WalletService service;
    private Network serviceNetwork;
    private final io.enclave.zk.CircuitRegistry circuits = io.enclave.zk.CircuitRegistry.classPath();
    /** A circuit unused this long is dropped (~70 MB of heap each) and loaded again by the next proof. */
    static final Duration CIRCUIT_IDLE = Duration.ofMinutes(2);
    private final io.enclave.zk.CircuitRegistry.IdleRelease circuitRelease = circuits.releaseIdleEvery(CIRCUIT_IDLE);
    private ProverWarmup warmup;
    /** Open while the studio is shown and its wizard has a proof to make (FX thread). */
    private io.enclave.zk.CircuitRegistry.Hold circuitHold;

    public Session(Path dataFolder) {
        this.dataFolder = dataFolder;
        this.store = new SettingsStore(dataFolder);
        settings.set(store.load());
        circuits.onRelease(HeapReturn::afterRelease);
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Path walletFile() {
        return dataFolder.resolve("wallet.json");
    }

    public boolean walletExists() {
        return Files.exists(walletFile());
    }

    /** Why the settings file was set aside at start, or null. */
    public String settingsProblem() {
        return store.problem();
    }

    public Settings settings() {
        return settings.get();
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings;
    }

    /** Saves and applies new settings (the wallet service reconnects on the next call if the network changed). */
    public void updateSettings(Settings s) {
        store.save(s);
        settings.set(s);
        synchronized (this) {
            AppServices runner = runnerRuntime();
            if (runner != null) {
                runner.setAutoDeliver(s.autoDeliver());
            }
        }
        if (wallet.get() != null && autoLock != null) {
            startAutoLock(wallet.get());
        }
    }

    public Background background() {
        return background;
    }

    public ObjectProperty<DevnetInfo> devnetProperty() {
        return devnet;
    }

    /** The network the settings name, with the running devnet's RPC and contracts when that is the choice. */
    public Network network() {
        Settings s = settings();
        Network n = Network.preset(s.network());
        DevnetInfo d = devnet.get();
        if ("devnet".equals(n.name()) && d != null) {
            n = n.withRpcUrls(java.util.List.of(d.rpcUrl())).withChainId(d.chainId());
            Map<String, String> named = new LinkedHashMap<>(d.contracts());
            n = n.withContracts(named);
        }
        if (!s.rpcUrls().isEmpty()) {
            n = n.withRpcUrls(s.rpcUrls());
        }
        if (s.chainId() > 0) {
            n = n.withChainId(s.chainId());
        }
        return n;
    }

    /** The wallet service for the current network (a new one when the network changed). */
    public synchronized WalletService walletService() {
        Network n = network();
        if (service == null || !n.equals(serviceNetwork)) {
            if (service != null) {
                service.close();
            }
            if (abis == null) {
                abis = AbiRegistry.fromClasspath(); // parsed on first use: it is not needed to show the window
            }
            service = new WalletService(n, () -> vault().activity(), abis);
            serviceNetwork = n;
        }
        return service;
    }

    /**
     * The unlocked wallet's encrypted vault (activity, outbox, purchases). It opens with the key the wallet derives,
     * so it is unavailable while the wallet is locked; locking drops it.
     */
    public synchronized Vault vault() {
        UnlockedWallet w = wallet();
        if (w == null) {
            throw new WalletException(WalletException.Reason.LOCKED, "The wallet is locked: unlock it to open its data.");
        }
        if (vault == null || vaultOwner != w) {
            byte[] key = w.deriveVaultKey();
            try {
                closeLater(vault); // another wallet's
                vault = null;
                vault = Vault.open(dataFolder, key);
                vaultOwner = w;
            } finally {
                Secrets.wipe(key);
            }
        }
        return vault;
    }

    /** The IPFS node to use: the running local devnet's when it is the network, else the one in Settings. */
    public String ipfsApiUrl() {
        DevnetInfo d = embeddedDevnet();
        return d != null && notBlank(d.ipfsApiUrl()) ? d.ipfsApiUrl() : settings().ipfsApiUrl();
    }

    /** The discovery server to search: the running local devnet's when it is the network, else the one in Settings. */
    public String discoveryUrl() {
        DevnetInfo d = embeddedDevnet();
        return d != null && notBlank(d.discoveryUrl()) ? d.discoveryUrl() : settings().discoveryUrl();
    }

    /**
     * The running local devnet when the settings use it: the network is "devnet" and Settings name no RPC of their own
     * or name the devnet's (then its IPFS node and discovery server belong to that chain too).
     */
    private DevnetInfo embeddedDevnet() {
        Settings s = settings();
        DevnetInfo d = devnet.get();
        if (d == null || !"devnet".equals(s.network())) {
            return null;
        }
        return s.rpcUrls().isEmpty() || s.rpcUrls().contains(d.rpcUrl()) ? d : null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Asks the user about each transaction the services want to sign. */
    public Approvals approvals() {
        return approvals;
    }

    /** What the app runtime did in the background (deliveries, resumed jobs), newest last; FX thread only. */
    public javafx.collections.ObservableList<String> runnerEvents() {
        return runnerEvents;
    }

    /**
     * The app runtime of the wallet's first account (see {@link #services(String)}); it holds the one outbox runner of
     * the vault, which resumes interrupted jobs and delivers keys while automatic delivery is on.
     */
    public AppServices services() {
        UnlockedWallet w = wallet();
        if (w == null) {
            throw new WalletException(WalletException.Reason.LOCKED, "The wallet is locked: unlock it to buy or sell.");
        }
        return services(w.accounts().get(0).address());
    }

    /**
     * The market runtime of {@code account} of the unlocked wallet on the current network, over its vault: one per
     * account used in this session, built on first use (it connects to the RPC node, so call it off the FX thread),
     * all closed at lock or when the network, the IPFS node or the wallet changes. Every transaction it signs is asked
     * about through {@link #approvals()}: in the screen that scoped its own view to the working thread, else in a card.
     * The first account's runtime runs the vault's one outbox runner; another account's runtime runs its jobs only
     * inline, for the screen that started them (jobs are locked per vault and job across runners).
     *
     * @throws WalletException when the wallet is locked
     * @throws io.enclave.market.MarketException when the network has no Enclave contracts or does not answer
     */
    public AppServices services(String account) {
        UnlockedWallet w = wallet();
        if (w == null) {
            throw new WalletException(WalletException.Reason.LOCKED, "The wallet is locked: unlock it to buy or sell.");
        }
        String who = account.toLowerCase(java.util.Locale.ROOT);
        boolean runs = who.equalsIgnoreCase(w.accounts().get(0).address());
        Network n = network();
        String ipfs = ipfsApiUrl();
        Vault v;
        List<AppServices> stale;
        synchronized (this) {
            stale = dropIfChanged(n, ipfs, w);
            AppServices known = stale.isEmpty() ? runtimes.get(who) : null;
            if (known != null) {
                return known;
            }
            v = vault();
        }
        stale.forEach(Session::closeLater);
        // Built outside the lock: it connects to the RPC node, and the FX thread takes this lock for the wallet service.
        AppServices built = new AppServices(n, v, w.signer(account), ipfs, approvals.approver(), this::runnerEvent,
                Duration.ofSeconds(3), circuits);
        synchronized (this) {
            AppServices meanwhile = runtimes.get(who);
            if (meanwhile != null && n.equals(servicesNetwork) && ipfs.equals(servicesIpfs) && servicesOwner == w) {
                built.close(); // another thread built one meanwhile
                return meanwhile;
            }
            if (wallet() != w) {
                built.close();
                throw new WalletException(WalletException.Reason.LOCKED, "The wallet was locked meanwhile: unlock it again.");
            }
            stale = dropIfChanged(n, ipfs, w);
            if (runs) {
                built.start(settings().autoDeliver());
            }
            runtimes.put(who, built);
        }
        stale.forEach(Session::closeLater);
        return built;
    }

    /** Forgets the runtimes built for another network, IPFS node or wallet (returned, to close off the lock). */
    private List<AppServices> dropIfChanged(Network n, String ipfs, UnlockedWallet w) {
        if (n.equals(servicesNetwork) && ipfs.equals(servicesIpfs) && servicesOwner == w) {
            return List.of();
        }
        List<AppServices> old = new ArrayList<>(runtimes.values());
        runtimes.clear();
        servicesNetwork = n;
        servicesIpfs = ipfs;
        servicesOwner = w;
        return old;
    }

    /** The runtime running the vault's outbox (the first account's), or null when none was built yet or locked. */
    public synchronized AppServices runningServices() {
        return runnerRuntime();
    }

    /** The accounts whose runtimes are open (lower-case addresses, in the order they were first used; tests). */
    public synchronized List<String> runtimeAccounts() {
        return List.copyOf(runtimes.keySet());
    }

    private AppServices runnerRuntime() {
        UnlockedWallet w = servicesOwner;
        return w == null || w.isLocked() ? null : runtimes.get(w.accounts().get(0).address().toLowerCase(java.util.Locale.ROOT));
    }

    private void runnerEvent(String line) {
        javafx.application.Platform.runLater(() -> {
            runnerEvents.add(java.time.LocalTime.now().withNano(0) + "  " + line);
            if (runnerEvents.size() > 100) {
                runnerEvents.remove(0, runnerEvents.size() - 100);
            }
        });
    }

    /** Stops a runtime off the FX thread (its runner may be waiting for a receipt). */
    private static void closeLater(AppServices s) {
        onDaemon("enclave-app-runner-stop", s::close);
    }

    /** Lets go of a vault off the caller's thread: H2 writes and compacts the file when its last connection closes. */
    private static void closeLater(Vault v) {
        if (v != null) {
            onDaemon("enclave-vault-close", () -> {
                try {
                    v.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing the vault: {}", e.getMessage());
                }
            });
        }
    }

    private static void onDaemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    public ReadOnlyObjectProperty<UnlockedWallet> walletProperty() {
        return wallet.getReadOnlyProperty();
    }

    /** The unlocked wallet, or null. */
    public UnlockedWallet wallet() {
        UnlockedWallet w = wallet.get();
        return w == null || w.isLocked() ? null : w;
    }

    /** Takes an unlocked wallet (call on the FX thread) and starts its auto-lock. */
    public void unlocked(UnlockedWallet w) {
        lock();
        startAutoLock(w);
        wallet.set(w);
    }

    /**
     * Starts the prover warm-up of this unlock if it has not run yet (the shell calls it when the studio is shown, after
     * {@link #holdCircuits}): the first proof then costs about what a warm one does. Nothing happens while locked; a
     * warm-up skipped because the studio was left within its delay is started again at the next showing.
     */
    public void warmProver() {
        if (wallet() != null && (warmup == null || warmup.state() == ProverWarmup.State.SKIPPED)) {
            // only if the studio still holds the circuits when the delay ends: a glance at it loads nothing
            warmup = new ProverWarmup(circuits, 1, circuits::held).start(Duration.ofSeconds(1));
        }
    }

    /**
     * Whether the studio needs its circuits kept: true while it is shown and its wizard has a proof still to make, false
     * once the proof is made, the studio left or the wallet locked — then every loaded circuit is released at once (one
     * a proof is still running on when that proof ends); see {@link io.enclave.zk.CircuitRegistry#hold()}. The idle
     * release stays the backstop for proofs made without a hold (the seller's per-buyer proofs at delivery). FX thread.
     */
    public void holdCircuits(boolean hold) {
        if (hold && wallet() != null) {
            if (circuitHold == null) {
                circuitHold = circuits.hold();
            }
        } else if (circuitHold != null) {
            circuitHold.close();
            circuitHold = null;
        }
    }

    /** Whether the studio holds the circuits now (tests). */
    public boolean holdsCircuits() {
        return circuitHold != null;
    }

    /** The circuits the studio proves with; the prover warm-up loads the range circuit here. */
    public io.enclave.zk.CircuitRegistry circuits() {
        return circuits;
    }

    /** The prover warm-up of this unlock, or null while locked or before the studio was opened. */
    public ProverWarmup warmup() {
        return warmup;
    }

    private void startAutoLock(UnlockedWallet w) {
        if (autoLock != null) {
            autoLock.close();
        }
        autoLock = AutoLock.start(w, Duration.ofMinutes(settings().autoLockMinutes()));
    }

    /** Records user activity (mouse, keys), postponing auto-lock. */
    public void touch() {
        AutoLock a = autoLock;
        if (a != null) {
            a.touch();
        }
    }

    /** Wipes the unlocked wallet's keys from memory (call on the FX thread). */
    public void lock() {
        approvals.cancelAll();
        if (warmup != null) {
            warmup.cancel();
            warmup = null;
        }
        holdCircuits(false);
        circuits.releaseIdle(Duration.ZERO); // a locked wallet proves nothing (a proof still running keeps its circuit)
        List<AppServices> running;
        synchronized (this) {
            running = new ArrayList<>(runtimes.values());
            runtimes.clear();
            servicesNetwork = null;
            servicesIpfs = null;
            servicesOwner = null;
        }
        running.forEach(Session::closeLater);
        if (autoLock != null) {
            autoLock.close();
            autoLock = null;
        }
        UnlockedWallet w = wallet.get();
        if (w != null) {
            w.close();
        }
        wallet.set(null);
        synchronized (this) {
            closeLater(vault); // its database closes once running tasks let go; a CLI command may then open it
            vault = null;
            vaultOwner = null;
        }
    }

    /** Notices a wallet that auto-lock closed in the background; the shell calls it every second. */
    public void checkLocked() {
        UnlockedWallet w = wallet.get();
        if (w != null && w.isLocked()) {
            lock();
        }
    }

    public void shutdown() {
        lock();
        circuitRelease.close();
        synchronized (this) {
            if (service != null) {
                service.close();
            }
        }
    }
}
