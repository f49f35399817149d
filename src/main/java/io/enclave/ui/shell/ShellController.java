package io.enclave.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.enclave.BuildInfo;
import io.enclave.crypto.Argon2id;
import io.enclave.devnet.Devnet;
import io.enclave.devnet.DevnetInfo;
import io.enclave.devnet.JsToolchain;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import io.enclave.ui.gov.GovernanceController;
import io.enclave.ui.issuer.IssuerController;
import io.enclave.ui.issuer.IssuerService;
import io.enclave.ui.market.BrowseController;
import io.enclave.ui.onboarding.OnboardingController;
import io.enclave.ui.outbox.OutboxController;
import io.enclave.ui.settings.SettingsController;
import io.enclave.ui.studio.StudioController;
import io.enclave.ui.studio.StudioService;
import io.enclave.ui.trust.TrustController;
import io.enclave.ui.wallet.WalletController;
import io.enclave.util.DataDirs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: navigation on the left, the current screen in the middle, a status bar below (network, block
 * height, running tasks). While the wallet is locked the middle shows first launch or the lock screen. With the
 * devnet selected it starts the embedded local devnet in the background and shows its progress.
 */
public final class ShellController {
    /**
     * {@code -Denclave.devnet=off} opens the studio without starting the local devnet; {@code =bare} starts a new devnet
     * without the demo marketplace ({@code enclave studio --no-demo}).
     */
    static final String DEVNET_PROPERTY = "enclave.devnet";

    private final Session session;
    private final Argon2id.Params kdf;
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final Map<String, Supplier<Node>> pages = new LinkedHashMap<>();
    private final ToggleGroup navGroup = new ToggleGroup();
    private Parent root;
    private OnboardingController onboarding;
    private WalletController wallet;
    private SettingsController settings;
    private OutboxController outbox;
    private BrowseController browse;
    private IssuerController issuer;
    private StudioController studio;
    private io.enclave.ui.purchases.PurchasesController purchases;
    private io.enclave.ui.inbox.InboxController inbox;
    private TrustController trust;
    private GovernanceController governance;
    private io.enclave.ui.credentials.MyCredentialsController myCredentials;

    @FXML
    private VBox nav;
    @FXML
    private StackPane content;
    @FXML
    private ToggleButton themeToggle;
    @FXML
    private Button lockButton;
    @FXML
    private FontIcon networkDot;
    @FXML
    private Label networkStatus;
    @FXML
    private FontIcon discoveryDot;
    @FXML
    private Label discoveryStatus;
    @FXML
    private FontIcon ipfsDot;
    @FXML
    private Label ipfsStatus;
    @FXML
    private ProgressIndicator tasksProgress;
    @FXML
    private Label tasksLabel;
    @FXML
    private Label versionLabel;
    @FXML
    private VBox devnetPage;
    @FXML
    private Label emptyTitle;
    @FXML
    private Label emptyText;
    @FXML
    private ProgressIndicator startProgress;
    @FXML
    private Button retryButton;
    @FXML
    private GridPane devnetDetails;

    private volatile Devnet devnet;
    private Task<Devnet> starting;
    private ScheduledService<Long> blockPoller;
    private HealthWatch healthWatch;
    private boolean rpcDown;
    private Timeline lockWatch;
    private boolean devnetOff;

    public ShellController(Session session, Argon2id.Params kdf) {
        this.session = session;
        this.kdf = kdf;
    }

    public Parent view() {
        if (root == null) {
            root = Views.load("shell", "shell", this);
            // Any input postpones auto-lock.
            root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> session.touch());
            root.addEventFilter(MouseEvent.MOUSE_MOVED, e -> session.touch());
            root.addEventFilter(KeyEvent.KEY_PRESSED, e -> session.touch());
        }
        return root;
    }

    public Session session() {
        return session;
    }

    @FXML
    private void initialize() {
        versionLabel.setText(BuildInfo.current().toString());
        // the running task's line gives way first when the window is narrow (the health labels keep their width);
        // its whole text stays one hover away
        Tooltip taskTip = new Tooltip();
        taskTip.textProperty().bind(tasksLabel.textProperty());
        taskTip.setWrapText(true);
        taskTip.setMaxWidth(480);
        tasksLabel.setTooltip(taskTip);
        startProgress.managedProperty().bind(startProgress.visibleProperty());
        retryButton.managedProperty().bind(retryButton.visibleProperty());
        devnetDetails.managedProperty().bind(devnetDetails.visibleProperty());
        retryButton.setOnAction(e -> startDevnet());
        onboarding = new OnboardingController(session, kdf, w -> {
            session.unlocked(w);
        });
        wallet = new WalletController(session);
        browse = new BrowseController(session);
        // The studio and issuer screens load the schema registry (JSON Schema, logging): built on first use, after
        // the first frame (cold start, docs/BENCHMARKS.md).
        settings = new SettingsController(session, this::settingsSaved);
        outbox = new OutboxController(session);
        trust = new TrustController(session);
        governance = new GovernanceController(session);
        purchases = new io.enclave.ui.purchases.PurchasesController(session);
        inbox = new io.enclave.ui.inbox.InboxController(session);
        browse.onOpenPurchases(() -> show("purchases"));
        session.approvals().attach(content);
        myCredentials = new io.enclave.ui.credentials.MyCredentialsController(session);
        navItem("wallet", "Wallet", "fth-credit-card", () -> wallet.view());
        navItem("studio", "Credential studio", "fth-award", () -> studioScreen().view());
        navItem("credentials", "My credentials", "fth-briefcase", () -> myCredentials.view());
        navItem("market", "Marketplace", "fth-shopping-bag", () -> browse.view());
        navItem("purchases", "My purchases", "fth-package", () -> purchases.view());
        navItem("inbox", "Seller inbox", "fth-inbox", () -> inbox.view());
        navItem("trust", "Trust", "fth-users", () -> trust.view());
        navItem("governance", "Governance", "fth-check-square", () -> governance.view());
        navItem("issuer", "Issuer", "fth-edit-3", () -> issuerScreen().view());
        navItem("outbox", "Publications", "fth-upload-cloud", () -> outbox.view());
        navItem("settings", "Settings", "fth-settings", () -> settings.view());
        navItem("network", "Network", "fth-server", () -> devnetPage);
        navGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                showPage((String) b.getUserData());
            }
        });
        themeToggle.setSelected(session.settings().dark());
        themeToggle.selectedProperty().addListener((o, a, dark) -> {
            applyTheme(dark);
            session.updateSettings(session.settings().withDark(dark));
        });
        lockButton.setOnAction(e -> session.lock());
        tasksProgress.visibleProperty().bind(session.background().runningProperty().greaterThan(0));
        session.walletProperty().addListener((o, a, w) -> walletChanged());
        lockWatch = new Timeline(new KeyFrame(Duration.seconds(1), e -> session.checkLocked()));
        lockWatch.setCycleCount(Timeline.INDEFINITE);
        lockWatch.play();
        devnetOff = "off".equalsIgnoreCase(System.getProperty(DEVNET_PROPERTY));
        if (!usesEmbeddedDevnet()) {
            showOtherNetwork();
        } else if (devnetOff) {
            showNoNetwork();
        } else {
            startDevnet();
        }
        walletChanged();
        restartHealthPoller();
    }

    /** The devnet preset without RPC URLs of its own means the devnet this app starts. */
    private boolean usesEmbeddedDevnet() {
        return "devnet".equals(session.settings().network()) && session.settings().rpcUrls().isEmpty();
    }

    private void navItem(String id, String text, String icon, Supplier<Node> page) {
        ToggleButton b = new ToggleButton(text, new FontIcon(icon));
        b.setId("nav-" + id);
        b.getStyleClass().add("nav-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setToggleGroup(navGroup);
        b.setUserData(id);
        // Clicking the current page keeps it selected (a toggle would otherwise switch off).
        b.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (b.isSelected()) {
                e.consume();
            }
        });
        nav.getChildren().add(b);
        navButtons.put(id, b);
        pages.put(id, page);
    }

    /** Shows a page by id (wallet, studio, market, trust, governance, issuer, settings, network). */
    public void show(String id) {
        ToggleButton b = navButtons.get(id);
        if (b == null) {
            throw new IllegalArgumentException("no page " + id);
        }
        if (b.isSelected()) {
            showPage(id);
        } else {
            b.setSelected(true);
        }
    }

    private void showPage(String id) {
        if (studio != null && !"studio".equals(id)) {
            studio.shown(false); // leaving it releases the studio's circuits (see StudioController.shown)
        }
        if (session.wallet() == null && !"network".equals(id) && !"settings".equals(id)) {
            content.getChildren().setAll(onboarding.view());
            return;
        }
        content.getChildren().setAll(pages.get(id).get());
        content.getChildren().addAll(session.approvals().cards()); // an open question stays over the new page
        if ("studio".equals(id)) {
            studio.shown(true);
            session.warmProver(); // after the hold: the warm-up runs only while the studio holds the circuits
        }
    }

    private void walletChanged() {
        boolean unlocked = session.wallet() != null;
        lockButton.setVisible(unlocked);
        lockButton.setManaged(unlocked);
        for (Map.Entry<String, ToggleButton> e : navButtons.entrySet()) {
            e.getValue().setDisable(!unlocked && !"network".equals(e.getKey()) && !"settings".equals(e.getKey()));
        }
        if (unlocked) {
            wallet.open();
            startServices();
            show("wallet");
        } else {
            wallet.close();
            navGroup.selectToggle(null);
            onboarding.showStart();
            content.getChildren().setAll(onboarding.view());
        }
    }

    /**
     * Starts the app runtime of the unlocked wallet in the background (the outbox runner resumes interrupted jobs, the
     * delivery watcher delivers); without a network yet it starts later, when the devnet is up or a screen needs it.
     */
    private void startServices() {
        if (usesEmbeddedDevnet() && session.devnetProperty().get() == null) {
            return;
        }
        session.background().run("start the marketplace services", p -> session.services(), s -> { },
                e -> tasksLabel.setText("Marketplace services not started: " + io.enclave.ui.Errors.describe(e)));
    }

    private void settingsSaved() {
        if (session.wallet() != null) {
            wallet.open();
            startServices();
        }
        restartBlockPoller();
        restartHealthPoller();
    }

    private void restartHealthPoller() {
        if (healthWatch == null) {
            healthWatch = new HealthWatch(discoveryDot, discoveryStatus, ipfsDot, ipfsStatus);
        }
        // the running devnet's servers while it is the network, else the ones in Settings
        healthWatch.restart(session.discoveryUrl(), session.ipfsApiUrl());
    }

    /** Applies the light or dark AtlantaFX theme to the whole application. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void showNoNetwork() {
        networkStatus.setText("No network yet");
        emptyTitle.setText("No network yet");
        emptyText.setText("Enclave is not connected to a chain. Start the local devnet or add a network in Settings to "
                + "browse listings, publish credentials and sign transactions.");
        startProgress.setVisible(false);
        retryButton.setVisible(false);
    }

    private void showOtherNetwork() {
        emptyTitle.setText("Connected to " + session.network().name());
        emptyText.setText("RPC " + String.join(", ", session.network().rpcUrls()) + ". The local devnet is not started "
                + "because another network is selected in Settings.");
        startProgress.setVisible(false);
        retryButton.setVisible(false);
        restartBlockPoller();
    }

    private void startDevnet() {
        Path folder = Path.of(System.getProperty("enclave.devnet.folder", DataDirs.home().resolve("devnet").toString()));
        retryButton.setVisible(false);
        startProgress.setVisible(true);
        emptyTitle.setText("Starting the local devnet");
        networkStatus.setText("Devnet: starting…");
        starting = new Task<>() {
            @Override
            protected Devnet call() {
                boolean bare = "bare".equalsIgnoreCase(System.getProperty(DEVNET_PROPERTY));
                return Devnet.start(folder, JsToolchain.locate(), bare ? Devnet.Options.bare() : Devnet.Options.withDemo(),
                        this::updateMessage);
            }
        };
        emptyText.textProperty().bind(starting.messageProperty());
        tasksLabel.textProperty().bind(starting.messageProperty());
        starting.setOnSucceeded(e -> onDevnetReady(starting.getValue()));
        starting.setOnFailed(e -> onDevnetFailed(starting.getException()));
        Thread t = new Thread(starting, "devnet-start");
        t.setDaemon(true);
        t.start();
    }

    private void onDevnetReady(Devnet started) {
        devnet = started;
        DevnetInfo info = started.info();
        emptyText.textProperty().unbind();
        tasksLabel.textProperty().unbind();
        tasksLabel.setText("");
        startProgress.setVisible(false);
        emptyTitle.setText("Local devnet running");
        emptyText.setText("A private chain, IPFS node and contract suite on this computer, kept in " + started.folder()
                + ". Nothing here touches a real network or real money.");
        int row = 0;
        devnetDetails.getChildren().clear();
        row = detail(row, "Chain", "local devnet, chain id " + info.chainId());
        row = detail(row, "RPC", info.rpcUrl());
        row = detail(row, "IPFS API", info.ipfsApiUrl());
        for (var c : info.contracts().entrySet()) {
            row = detail(row, c.getKey(), c.getValue());
        }
        devnetDetails.setVisible(true);
        session.devnetProperty().set(info);
        if (session.wallet() != null) {
            wallet.open();
            startServices();
        }
        restartBlockPoller();
        restartHealthPoller();
    }

    private void restartBlockPoller() {
        if (blockPoller != null) {
            blockPoller.cancel();
        }
        if (usesEmbeddedDevnet() && session.devnetProperty().get() == null) {
            return;
        }
        // The wallet service (ABI registry, web3j) is made by the first poll, off the FX thread.
        io.enclave.chain.Network network = session.network();
        String name = network.name();
        String label = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + " · chain "
                + network.chainId();
        networkStatus.setText(label + " · connecting…");
        blockPoller = new ScheduledService<>() {
            @Override
            protected Task<Long> createTask() {
                return new Task<>() {
                    @Override
                    protected Long call() {
                        return session.walletService().blockNumber();
                    }
                };
            }
        };
        blockPoller.setPeriod(Duration.seconds(3));
        blockPoller.setRestartOnFailure(true);
        blockPoller.setOnSucceeded(e -> {
            networkStatus.setText(label + " · block " + blockPoller.getValue());
            networkStatus.setTooltip(new javafx.scene.control.Tooltip("RPC " + String.join(", ", network.rpcUrls())
                    + " answers."));
            networkDot.getStyleClass().removeAll("up", "down");
            networkDot.getStyleClass().add("up");
            if (rpcDown && session.wallet() != null) {
                wallet.open(); // the RPC is back: balances and activity are read again
            }
            rpcDown = false;
        });
        blockPoller.setOnFailed(e -> {
            networkStatus.setText(label + " · not answering");
            networkStatus.setTooltip(new javafx.scene.control.Tooltip("RPC " + String.join(", ", network.rpcUrls())
                    + " is not answering: balances and activity cannot be read and nothing can be sent. Check the RPC URL "
                    + "in Settings; Enclave reconnects on its own when it answers again."));
            networkDot.getStyleClass().removeAll("up", "down");
            networkDot.getStyleClass().add("down");
            rpcDown = true;
        });
        blockPoller.start();
    }

    private int detail(int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("text-muted");
        Label v = new Label(value);
        v.getStyleClass().add("mono");
        devnetDetails.addRow(row, k, v);
        return row + 1;
    }

    private void onDevnetFailed(Throwable error) {
        emptyText.textProperty().unbind();
        tasksLabel.textProperty().unbind();
        tasksLabel.setText("");
        startProgress.setVisible(false);
        emptyTitle.setText("The local devnet did not start");
        emptyText.setText(error.getMessage() == null ? error.toString() : error.getMessage());
        retryButton.setVisible(true);
        networkStatus.setText("No network");
    }

    /** Stops what the window started; called when the app closes. */
    public void shutdown() {
        if (lockWatch != null) {
            lockWatch.stop();
        }
        if (blockPoller != null) {
            blockPoller.cancel();
        }
        if (healthWatch != null) {
            healthWatch.stop();
        }
        wallet.close();
        if (issuer != null) {
            issuer.closeKey();
        }
        trust.close();
        governance.close();
        session.shutdown();
        if (starting != null && starting.isRunning()) {
            starting.setOnSucceeded(e -> starting.getValue().close());
        }
        Devnet d = devnet;
        if (d != null) {
            d.close();
        }
    }

    /** For the status of tests: true once the devnet answers. */
    public boolean devnetRunning() {
        return devnet != null;
    }

    /** The wallet screen's controller (tests). */
    public WalletController walletScreen() {
        return wallet;
    }

    /** The settings screen's controller (tests). */
    public SettingsController settingsScreen() {
        return settings;
    }

    /** The marketplace screen's controller (tests). */
    public BrowseController browseScreen() {
        return browse;
    }

    /** The credential studio's controller (created on first use). */
    public StudioController studioScreen() {
        if (studio == null) {
            studio = new StudioController(session, new StudioService(io.enclave.credentials.schema.SchemaRegistry.builtIn(),
                    session.circuits(), java.time.Clock.systemUTC()));
        }
        return studio;
    }

    /** The issuer screen's controller (created on first use). */
    public IssuerController issuerScreen() {
        if (issuer == null) {
            issuer = new IssuerController(session, new IssuerService(session.dataFolder().resolve("issuer"), kdf,
                    io.enclave.credentials.schema.SchemaRegistry.builtIn(), java.time.Clock.systemUTC()));
        }
        return issuer;
    }

    /** The "My purchases" screen's controller (tests). */
    public io.enclave.ui.purchases.PurchasesController purchasesScreen() {
        return purchases;
    }

    /** The seller inbox's controller (tests). */
    public io.enclave.ui.inbox.InboxController inboxScreen() {
        return inbox;
    }

    /** The trust screen's controller (tests). */
    public TrustController trustScreen() {
        return trust;
    }

    /** The governance screen's controller (tests). */
    public GovernanceController governanceScreen() {
        return governance;
    }

    /** The onboarding screen's controller (tests). */
    public OnboardingController onboardingScreen() {
        return onboarding;
    }
}
