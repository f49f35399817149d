package io.enclave.ui.shell;

import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The status bar's discovery and IPFS indicators: checked every 10 s (the first time after 2 s, so not during the cold
 * start) off the FX thread, with what to do in the tooltip when a service is down.
 */
final class HealthWatch {
    private final FontIcon discoveryDot;
    private final Label discoveryStatus;
    private final FontIcon ipfsDot;
    private final Label ipfsStatus;
    private final ServiceHealth health = new ServiceHealth();
    private ScheduledService<ServiceHealth.Status[]> poller;

    HealthWatch(FontIcon discoveryDot, Label discoveryStatus, FontIcon ipfsDot, Label ipfsStatus) {
        this.discoveryDot = discoveryDot;
        this.discoveryStatus = discoveryStatus;
        this.ipfsDot = ipfsDot;
        this.ipfsStatus = ipfsStatus;
    }

    /** Starts checking these URLs (the settings changed, or the first time). */
    void restart(String discoveryUrl, String ipfsUrl) {
        stop();
        poller = new ScheduledService<>() {
            @Override
            protected Task<ServiceHealth.Status[]> createTask() {
                return new Task<>() {
                    @Override
                    protected ServiceHealth.Status[] call() {
                        return new ServiceHealth.Status[] {health.discovery(discoveryUrl), health.ipfs(ipfsUrl)};
                    }
                };
            }
        };
        poller.setDelay(Duration.seconds(2));
        poller.setPeriod(Duration.seconds(10));
        poller.setRestartOnFailure(true);
        ScheduledService<ServiceHealth.Status[]> mine = poller;
        poller.setOnSucceeded(e -> {
            ServiceHealth.Status[] s = mine.getValue();
            show(discoveryDot, discoveryStatus, s[0]);
            show(ipfsDot, ipfsStatus, s[1]);
        });
        poller.start();
    }

    void stop() {
        if (poller != null) {
            poller.cancel();
            poller = null;
        }
    }

    private static void show(FontIcon dot, Label label, ServiceHealth.Status status) {
        label.setText(status.label());
        label.setTooltip(new Tooltip(status.detail()));
        dot.getStyleClass().removeAll("up", "down");
        dot.getStyleClass().add(status.up() ? "up" : "down");
    }
}
