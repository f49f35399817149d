package io.enclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window opens headless (Monocle) in the "no network yet" state, light and dark. */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("enclave.devnet", "off");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene = StudioApp.createScene();
        System.clearProperty("enclave.devnet");
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void showsTheNoNetworkStateAndSavesScreenshots(FxRobot robot) throws Exception {
        Label status = robot.lookup("#networkStatus").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("No network yet");

        Path light = WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "shell-light")).get();
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet())).get();
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "shell-dark")).get();
        assertThat(Files.size(light)).isGreaterThan(1000);
        assertThat(Files.size(dark)).isGreaterThan(1000);
        assertThat(Files.mismatch(light, dark)).isNotEqualTo(-1L);
    }
}
