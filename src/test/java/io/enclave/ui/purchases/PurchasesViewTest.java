package io.enclave.ui.purchases;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Without a network (no devnet, no contracts), My purchases and the seller inbox say what is missing. */
@ExtendWith(ApplicationExtension.class)
class PurchasesViewTest {
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        scene = UiTestSupport.scene(TempDirs.create("enclave-ui-purchases-"));
        stage.setScene(scene);
        stage.show();
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 1);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void withoutANetworkBothScreensSayWhatIsMissing(FxRobot robot) throws Exception {
        UiTestSupport.navigate(robot, "purchases");
        waitFx(30, () -> visible(robot, "#purchasesError"));
        assertThat(find(robot, "#purchasesError", Label.class).getText())
                .startsWith("Your purchases could not be read").contains("no contract addresses");
        UiTestSupport.navigate(robot, "inbox");
        waitFx(30, () -> visible(robot, "#inboxError"));
        assertThat(find(robot, "#inboxError", Label.class).getText()).startsWith("The inbox could not be read");
        assertThat(find(robot, "#autoStatus", Label.class).getText()).startsWith("Automatic delivery is on");
    }
}
