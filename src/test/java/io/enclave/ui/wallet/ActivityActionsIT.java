package io.enclave.ui.wallet;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.visible;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Humanizer;
import io.enclave.testsupport.Anvil;
import io.enclave.testsupport.AnvilExtension;
import io.enclave.ui.UiTestSupport;
import io.enclave.vault.Activity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * With mining paused on anvil, a pending transfer is sped up or cancelled from the activity list: the replacement is
 * shown in the wallet's ApprovalView first; Reject sends nothing, Sign replaces the original.
 */
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
    void speedUpIsConfirmedFirstRejectSendsNothingSignReplaces(FxRobot robot, Anvil anvil) throws Exception {
        anvil.rpc("evm_setAutomine", false);
        try {
            TableView<Activity> table = pendingTransfer(robot, anvil);
            Activity original = table.getItems().get(0);
            String sender = anvil.account(2).getAddress();
            BigInteger pendingNonce = pendingCount(anvil, sender);

            // Speed up, then Reject: nothing is sent, the original stays the one pending transaction.
            robot.clickOn("#speedUpButton");
            waitFx(60, () -> visible(robot, "#activityConfirm"));
            String shown = String.join("\n", texts(find(robot, "#activityConfirmGrid", GridPane.class)));
            String words = "Replaces your pending transaction " + original.hash() + " (nonce " + original.nonce()
                    + ") with a higher fee: max fee " + Humanizer.gwei(original.maxFee()) + " → ";
            assertThat(shown).contains(words);
            BigDecimal newFee = new BigDecimal(shown.substring(shown.indexOf(words) + words.length()).split(" gwei")[0]);
            BigDecimal oldFee = new BigDecimal(original.maxFee()).movePointLeft(9);
            assertThat(newFee).isGreaterThanOrEqualTo(oldFee.multiply(new BigDecimal("1.125")));
            assertThat(shown).contains("up to " + newFee.stripTrailingZeros().toPlainString() + " gwei per gas × "
                    + original.gasLimit() + " gas").contains("0.5 MOCA").contains("succeeds");
            assertThat(robot.lookup("#activityReject").queryButton().isFocused()).isTrue();
            UiTestSupport.screenshots(scene, "wallet-speed-up-confirm");
            robot.clickOn("#activityReject");
            waitFx(60, () -> find(robot, "#activityStatus", Label.class).getText().startsWith("Rejected"));
            assertThat(visible(robot, "#activityConfirm")).isFalse();
            assertThat(pendingCount(anvil, sender)).isEqualTo(pendingNonce);
            assertThat(txpoolPending(anvil)).isEqualTo(1);
            waitFx(60, () -> !find(robot, "#speedUpButton", Button.class).isDisabled());
            assertThat(table.getItems()).hasSize(1);
            assertThat(table.getItems().get(0).status()).isEqualTo(Activity.Status.PENDING);

            // Speed up, then Sign: the replacement is sent with the same nonce and wins once mined.
            robot.clickOn("#speedUpButton");
            waitFx(60, () -> visible(robot, "#activityConfirm"));
            robot.clickOn("#activitySign");
            waitFx(60, () -> find(robot, "#activityStatus", Label.class).getText().startsWith("Sped up as"));
            waitFx(60, () -> table.getItems().size() == 2);
            assertThat(pendingCount(anvil, sender)).isEqualTo(pendingNonce);
            UiTestSupport.screenshots(scene, "wallet-activity-pending");

            anvil.mine(1);
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.hash().equals(original.hash())
                    && (a.status() == Activity.Status.REPLACED || a.status() == Activity.Status.DROPPED)));
            Activity speedUp = table.getItems().stream().filter(a -> a.kind() == Activity.Kind.SPEED_UP).findFirst()
                    .orElseThrow();
            assertThat(speedUp.replaces()).isEqualTo(original.hash());
            assertThat(speedUp.nonce()).isEqualTo(original.nonce());
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.kind() == Activity.Kind.SPEED_UP
                    && a.status() == Activity.Status.CONFIRMED));
            assertThat(anvil.receipt(speedUp.hash()).isStatusOK()).isTrue();
            fx(() -> table.getSelectionModel().select(0));
            assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isTrue();
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    @Test
    void cancelIsConfirmedFirstAndSendsZeroToOneself(FxRobot robot, Anvil anvil) throws Exception {
        anvil.rpc("evm_setAutomine", false);
        try {
            String recipient = anvil.account(1).getAddress();
            BigInteger before = balance(anvil, recipient);
            TableView<Activity> table = pendingTransfer(robot, anvil);
            Activity original = table.getItems().get(0);

            robot.clickOn("#cancelTxButton");
            waitFx(60, () -> visible(robot, "#activityConfirm"));
            String shown = String.join("\n", texts(find(robot, "#activityConfirmGrid", GridPane.class)));
            assertThat(shown).contains("Cancels your pending transaction " + original.hash() + " (nonce "
                    + original.nonce() + ") by sending 0 MOCA to yourself with nonce " + original.nonce())
                    .contains("max fee " + Humanizer.gwei(original.maxFee()) + " → ")
                    .contains("× 21000 gas");
            robot.clickOn("#activitySign");
            waitFx(60, () -> find(robot, "#activityStatus", Label.class).getText().startsWith("Cancel sent as"));
            waitFx(60, () -> table.getItems().size() == 2);

            anvil.mine(1);
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.kind() == Activity.Kind.CANCEL
                    && a.status() == Activity.Status.CONFIRMED));
            waitFx(60, () -> table.getItems().stream().anyMatch(a -> a.hash().equals(original.hash())
                    && (a.status() == Activity.Status.REPLACED || a.status() == Activity.Status.DROPPED)));
            Activity cancel = table.getItems().stream().filter(a -> a.kind() == Activity.Kind.CANCEL).findFirst()
                    .orElseThrow();
            assertThat(cancel.to()).isEqualToIgnoringCase(anvil.account(2).getAddress());
            assertThat(cancel.value()).isZero();
            assertThat(balance(anvil, recipient)).isEqualTo(before);
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    @Test
    void anOriginalMinedWhileTheConfirmationWaitsIsNotReplaced(FxRobot robot, Anvil anvil) throws Exception {
        anvil.rpc("evm_setAutomine", false);
        try {
            TableView<Activity> table = pendingTransfer(robot, anvil);
            Activity original = table.getItems().get(0);
            robot.clickOn("#speedUpButton");
            waitFx(60, () -> visible(robot, "#activityConfirm"));
            anvil.mine(1);
            assertThat(anvil.receipt(original.hash()).isStatusOK()).isTrue();
            robot.clickOn("#activitySign");
            waitFx(60, () -> find(robot, "#activityStatus", Label.class).getText().startsWith("Not sent"));
            assertThat(find(robot, "#activityStatus", Label.class).getText())
                    .contains("was mined before the replacement; nothing was sent");
            assertThat(txpoolPending(anvil)).isZero();
            waitFx(60, () -> table.getItems().size() == 1 && table.getItems().get(0).status() != Activity.Status.PENDING);
        } finally {
            anvil.rpc("evm_setAutomine", true);
        }
    }

    /** Sends 0.5 MOCA to account 1 through the Send tab and selects it, pending, in the activity list. */
    private TableView<Activity> pendingTransfer(FxRobot robot, Anvil anvil) throws Exception {
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
        assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isTrue();
        fx(() -> table.getSelectionModel().select(0));
        assertThat(find(robot, "#speedUpButton", Button.class).isDisabled()).isFalse();
        assertThat(txpoolPending(anvil)).isEqualTo(1);
        return table;
    }

    private static List<String> texts(GridPane grid) {
        return grid.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private static BigInteger pendingCount(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    private static BigInteger balance(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private static long txpoolPending(Anvil anvil) {
        Object pending = ((Map<?, ?>) anvil.rpc("txpool_status")).get("pending");
        return pending instanceof Number n ? n.longValue() : Long.decode(pending.toString());
    }
}
