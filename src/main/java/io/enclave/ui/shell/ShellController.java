package io.enclave.ui.shell;

import io.enclave.BuildInfo;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** The main window: navigation on the left, the current screen in the middle, a status bar below. */
public final class ShellController {
    @FXML
    private Label networkStatus;
    @FXML
    private Label versionLabel;

    @FXML
    private void initialize() {
        networkStatus.setText("No network yet");
        versionLabel.setText(BuildInfo.current().toString());
    }
}
