package io.enclave.ui.shell;

import io.enclave.BuildInfo;
import io.enclave.devnet.AnvilNode;
import io.enclave.devnet.Devnet;
import io.enclave.devnet.DevnetInfo;
import io.enclave.devnet.JsToolchain;
import io.enclave.util.DataDirs;
import java.nio.file.Path;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;

/**
 * The main window: navigation on the left, the current screen in the middle, a status bar below. With no network
 * configured it starts the embedded local devnet in the background and shows its progress.
 */
public final class ShellController {
    /** {@code -Denclave.devnet=off} opens the studio without starting the local devnet. */
    static final String DEVNET_PROPERTY = "enclave.devnet";

    @FXML
    private Label networkStatus;
    @FXML
    private Label versionLabel;
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
    private ScheduledService<String> blockPoller;

    @FXML
    private void initialize() {
        versionLabel.setText(BuildInfo.current().toString());
        startProgress.managedProperty().bind(startProgress.visibleProperty());
        retryButton.managedProperty().bind(retryButton.visibleProperty());
        devnetDetails.managedProperty().bind(devnetDetails.visibleProperty());
        retryButton.setOnAction(e -> startDevnet());
        if ("off".equalsIgnoreCase(System.getProperty(DEVNET_PROPERTY))) {
            showNoNetwork();
        } else {
            startDevnet();
        }
    }

    private void showNoNetwork() {
        networkStatus.setText("No network yet");
        emptyTitle.setText("No network yet");
        emptyText.setText("Enclave is not connected to a chain. Start the local devnet or add a network in Settings to "
                + "browse listings, publish credentials and sign transactions.");
        startProgress.setVisible(false);
        retryButton.setVisible(false);
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
                return Devnet.start(folder, JsToolchain.locate(), this::updateMessage);
            }
        };
        emptyText.textProperty().bind(starting.messageProperty());
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
        networkStatus.setText("Devnet · chain " + info.chainId());
        blockPoller = new ScheduledService<>() {
            @Override
            protected Task<String> createTask() {
                return new Task<>() {
                    @Override
                    protected String call() {
                        return Long.toString(Long.decode(AnvilNode.call(info.rpcUrl(), "eth_blockNumber").asText()));
                    }
                };
            }
        };
        blockPoller.setPeriod(Duration.seconds(3));
        blockPoller.setOnSucceeded(e -> networkStatus.setText("Devnet · chain " + info.chainId() + " · block "
                + blockPoller.getValue()));
        blockPoller.setOnFailed(e -> networkStatus.setText("Devnet · chain " + info.chainId() + " · not answering"));
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
        startProgress.setVisible(false);
        emptyTitle.setText("The local devnet did not start");
        emptyText.setText(error.getMessage() == null ? error.toString() : error.getMessage());
        retryButton.setVisible(true);
        networkStatus.setText("No network");
    }

    /** Stops what the window started; called when the app closes. */
    public void shutdown() {
        if (blockPoller != null) {
            blockPoller.cancel();
        }
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
}
