package io.enclave.ui.wallet;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.ui.UiTestSupport;
import io.enclave.vault.Activity;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** With mining paused on anvil, a pending transfer is sped up from the activity list; the replacement wins. */
@ExtendWith({AnvilExtension.class, ApplicationExtension.class})
class ActivityActionsIT {
    private static String rpcUrl;
    private Scene scene;

    @BeforeAll
    static void chain(Anvil anvil) {
        rpcUrl = anvil.rpcUrl();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path home = UiTestSupport.devnetHome("enclave-ui-activity-", rpcUrl);
        scene = UiTestSupport.show(stage, home);
        UiTestSupport.unlock(UiTestSupport.shell(scene).session(), 2);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    @Test
    void speedUpReplacesAPendingTransfer(FxRobot robot, Anvil anvil) throws Exception {
        anvil.rpc("evm_setAutomine", false);
        try {
            robot.clickOn("Send");
            fx(() -> {
                find(robot, "#sendTo", TextField.class).setText(anvil.account(1).getAddress());
                find(robot, "#sendAmount", TextField.class).setText("0.5");
            });
            robot.clickOn("#reviewButton");
            waitFx(60, () -> visible(robot, "#sendConfirm"));
            robot.clickOn("#sendSign");
            waitFx(60, () -> find(robot, "#sendStatus", Label.class).getText().startsWith("Sent 0x"));

            fx(() -> UiTestSupport.shell(scene).walletScreen().showActivity());
            @SuppressWarnings("unchecked")
            TableView<Activity> table = robot.lookup("#activityTable").queryAs(TableView.class);
            waitFx(60, () -> table.getItems().size() == 1 && table.getItems().get(0).status() == Activity.Status.PENDING);
            String original = table.getItems().get(0).hash();
            assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isTrue();
            fx(() -> table.getSelectionModel().select(0));
            assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isFalse();
            robot.clickOn("#speedUpButton");
            waitFx(60, () -> find(robot, "#activityStatus", Label.class).getText().startsWith("Sped up as"));
            waitFx(60, () -> table.getItems().size() == 2);
            UiTestSupport.screenshots(scene, "wallet-activity-pending");

            anvil.mine(1);
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.hash().equals(original)
                    && a.status() == Activity.Status.REPLACED));
            Activity speedUp = table.getItems().stream().filter(a -> a.kind() == Activity.Kind.SPEED_UP).findFirst()
                    .orElseThrow();
            assertThat(speedUp.replaces()).isEqualTo(original);
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.kind() == Activity.Kind.SPEED_UP
                    && a.status() == Activity.Status.CONFIRMED));
            fx(() -> table.getSelectionModel().select(0));
            assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isTrue();
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }
}
