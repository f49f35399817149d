package io.enclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.ui.shell.ShellController;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window opens headless (Monocle) on first launch: no network yet, the welcome page, locked navigation. */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
    @TempDir
    static Path home;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.fx(() -> UiTestSupport.shell(scene).shutdown());
    }

    @Test
    void firstLaunchShowsWelcomeWithNavigationLockedAndSavesScreenshots(FxRobot robot) throws Exception {
        Label status = robot.lookup("#networkStatus").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("No network yet");
        assertThat(UiTestSupport.visible(robot, "#createButton")).isTrue();
        assertThat(robot.lookup("#nav-wallet").queryAs(ToggleButton.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#lockButton").query().isVisible()).isFalse();

        Path light = WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "shell-light")).get();
        UiTestSupport.fx(() -> ShellController.applyTheme(true));
        Path dark = WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, "shell-dark")).get();
        UiTestSupport.fx(() -> ShellController.applyTheme(false));
        assertThat(Files.size(light)).isGreaterThan(1000);
        assertThat(Files.mismatch(light, dark)).isNotEqualTo(-1L);

        // The network page is reachable while locked and says why nothing is connected.
        UiTestSupport.navigate(robot, "network");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#emptyTitle").queryAs(Label.class).getText()).isEqualTo("No network yet");
    }

    @Test
    void aLongTaskLineGivesWayToTheHealthLabels(FxRobot robot) throws Exception {
        Label tasks = robot.lookup("#tasksLabel").queryAs(Label.class);
        UiTestSupport.fx(() -> tasks.setText("Marketplace services not started: " + "the network has no contract"
                + " addresses; start the local devnet, or choose a network with its contracts. ".repeat(3)));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#networkStatus", "#discoveryStatus", "#ipfsStatus"}) {
            Label l = robot.lookup(id).queryAs(Label.class);
            assertThat(l.getWidth()).as(id + " keeps its width").isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
        }
        assertThat(tasks.getWidth()).isLessThan(tasks.prefWidth(-1));
        assertThat(tasks.getTooltip().getText()).isEqualTo(tasks.getText());
    }

    @Test
    void themeSwitchIsRemembered(FxRobot robot) throws Exception {
        robot.clickOn("#themeToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(home.resolve("settings.json"))).contains("\"dark\" : true");
        robot.clickOn("#themeToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(home.resolve("settings.json"))).contains("\"dark\" : false");
    }
}
