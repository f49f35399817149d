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
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The desktop's state shared by every screen: data folder, settings, the unlocked wallet (null while locked) with
 * its auto-lock, the local devnet when it runs, and the wallet service for the current network.
 */
public final class Session {
    private final Path dataFolder;
    private final SettingsStore store;
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<UnlockedWallet> wallet = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<DevnetInfo> devnet = new SimpleObjectProperty<>();
    private final Background background = new Background();
    private AbiRegistry abis;
    private Vault vault;
    private UnlockedWallet vaultOwner;
    private AutoLock autoLock;
    private WalletService service;
    private Network serviceNetwork;

    public Session(Path dataFolder) {
        this.dataFolder = dataFolder;
        this.store = new SettingsStore(dataFolder);
        settings.set(store.load());
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
                vault = Vault.open(dataFolder, key);
                vaultOwner = w;
            } finally {
                Secrets.wipe(key);
            }
        }
        return vault;
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
        synchronized (this) {
            if (service != null) {
                service.close();
            }
        }
    }
}
