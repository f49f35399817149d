package io.enclave.ui.app;

import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.chain.Confirmation;
import io.enclave.ui.UiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The one confirmation view: what it shows, the keyboard (a stray Enter never signs, Tab then Enter does, Escape
 * rejects), a failing simulation that cannot be signed, and {@link Approvals} routing a question to the screen's view
 * or to the card, with locking answering both "no".
 */
@ExtendWith(ApplicationExtension.class)
class ApprovalViewTest {
    private static final String FROM = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String TO = "0x5fbdb2315678afecb367f032d93f642f64180aa3 (TrustStaking)";

    private Scene scene;
    private TextField before;
    private ApprovalView view;
    private StackPane content;

    @Start
    void start(Stage stage) {
        io.enclave.ui.shell.ShellController.applyTheme(false);
        before = new TextField("10");
        before.setId("amountBefore");
        view = new ApprovalView("test");
        VBox page = new VBox(12, new Label("Vouch for a seller"), before, view);
        page.setStyle("-fx-padding: 20;");
        content = new StackPane(page);
        scene = UiTestSupport.scene(content, 760, 560);
        stage.setScene(scene);
        stage.show();
    }

    private static Confirmation tx(boolean succeeds) {
        return new Confirmation("devnet", 31337, FROM, TO, "TrustStaking", "vouch",
                List.of(new Confirmation.Line("vouchee", "0x000000000000000000000000000000000000002a")), "10 MOCA", 4,
                "120000", "2 gwei", "1 gwei", "10.00024 MOCA", succeeds,
                succeeds ? "the call succeeds" : "reverts: StakeTooSmall(minimum 1 MOCA)");
    }

    private CompletableFuture<Boolean> ask(ApprovalView where, Confirmation c) throws Exception {
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> where.approve(c));
        waitFx(20, where::isWaiting);
        return answer;
    }

    private static List<String> texts(GridPane grid) {
        List<String> out = new ArrayList<>();
        for (Node n : grid.getChildren()) {
            if (n instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    @Test
    void showsWhatIsSignedAndAStrayEnterNeverSigns(FxRobot robot) throws Exception {
        fx(() -> view.setPurpose("Stake 10 MOCA behind seller 0x…2a"));
        fx(before::requestFocus);
        CompletableFuture<Boolean> answer = ask(view, tx(true));
        List<String> shown = texts(robot.lookup("#testConfirmGrid").queryAs(GridPane.class));
        assertThat(shown).contains("What", "Stake 10 MOCA behind seller 0x…2a", "devnet (chain 31337)", FROM, TO, "vouch",
                "10 MOCA", "10.00024 MOCA", "succeeds: the call succeeds");
        assertThat(String.join("\n", shown)).contains("vouchee").contains("up to 2 gwei per gas × 120000 gas");
        assertThat(robot.lookup("#testReject").queryAs(Button.class).isFocused()).as("focus starts on Reject").isTrue();
        UiTestSupport.screenshots(scene, "approval-in-screen");

        robot.type(KeyCode.ENTER);
        assertThat(answer.get(10, TimeUnit.SECONDS)).as("Enter on Reject rejects").isFalse();
        waitFx(10, () -> !view.isVisible());
    }

    @Test
    void tabToSignThenEnterApprovesAndEscapeRejects(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(view, tx(true));
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#testSign").queryAs(Button.class).isFocused()).as("tab order: Reject, then Sign").isTrue();
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = ask(view, tx(true));
        robot.type(KeyCode.ESCAPE);
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aFailingSimulationCannotBeSigned(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(view, tx(false));
        Button sign = robot.lookup("#testSign").queryAs(Button.class);
        assertThat(sign.isDisabled()).isTrue();
        assertThat(texts(robot.lookup("#testConfirmGrid").queryAs(GridPane.class)))
                .contains("FAILS: reverts: StakeTooSmall(minimum 1 MOCA)");
        UiTestSupport.screenshots(scene, "approval-fails");
        robot.type(KeyCode.TAB);
        robot.type(KeyCode.ENTER);
        assertThat(answer.isDone()).as("Enter cannot sign a failing transaction").isFalse();
        fx(view::dismiss);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void approvalsAskInTheScopedScreenElseInACardAndLockingAnswersNo(FxRobot robot) throws Exception {
        Approvals approvals = new Approvals();
        fx(() -> approvals.attach(content));
        CompletableFuture<Boolean> inScreen = CompletableFuture.supplyAsync(() -> {
            try (var here = approvals.scope(view)) {
                return approvals.approver().approve(tx(true));
            }
        });
        waitFx(20, view::isWaiting);
        assertThat(approvals.open()).as("no card for a scoped question").isFalse();

        CompletableFuture<Boolean> inCard = CompletableFuture.supplyAsync(() -> approvals.approver().approve(tx(true)));
        waitFx(20, approvals::open);
        assertThat(UiTestSupport.visible(robot, "#approveSign")).isTrue();
        assertThat(texts(robot.lookup("#approveConfirmGrid").queryAs(GridPane.class))).contains("10 MOCA");
        UiTestSupport.screenshots(scene, "approval-card");

        fx(approvals::cancelAll);
        assertThat(inScreen.get(10, TimeUnit.SECONDS)).as("locked: the screen's question").isFalse();
        assertThat(inCard.get(10, TimeUnit.SECONDS)).as("locked: the card's question").isFalse();
        waitFx(10, () -> !approvals.open() && content.getChildren().size() == 1);

        CompletableFuture<Boolean> signed = CompletableFuture.supplyAsync(() -> approvals.approver().approve(tx(true)));
        waitFx(20, approvals::open);
        fx(() -> robot.lookup("#approveSign").queryAs(Button.class).fire());
        assertThat(signed.get(10, TimeUnit.SECONDS)).isTrue();
        waitFx(10, () -> content.getChildren().size() == 1);
    }

    @Test
    void lockingAnswersAScreenStillAskingAfterAnotherOfItsUseCasesEnded() throws Exception {
        Approvals approvals = new Approvals();
        CompletableFuture<Boolean> asking = CompletableFuture.supplyAsync(() -> {
            try (var here = approvals.scope(view)) {
                return approvals.approver().approve(tx(true));
            }
        });
        waitFx(20, view::isWaiting);
        CompletableFuture.runAsync(() -> {
            try (var read = approvals.scope(view)) {
                assertThat(read).isNotNull(); // a read of the same screen, on another thread, ends meanwhile
            }
        }).get(10, TimeUnit.SECONDS);
        fx(approvals::cancelAll);
        assertThat(asking.get(10, TimeUnit.SECONDS)).isFalse();
    }
    @Test
    void askInAsksInTheScreensViewSignIsYesRejectAndLockingAreNoAndTheScopeEndsWithTheQuestion(FxRobot robot)
            throws Exception {
        Approvals approvals = new Approvals();
        fx(() -> approvals.attach(content));
        CompletableFuture<Boolean> signed = CompletableFuture.supplyAsync(() -> approvals.askIn(view, tx(true)));
        waitFx(20, view::isWaiting);
        assertThat(approvals.open()).as("asked in the screen, not in a card").isFalse();
        fx(() -> robot.lookup("#testSign").queryAs(Button.class).fire());
        assertThat(signed.get(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> rejected = CompletableFuture.supplyAsync(() -> approvals.askIn(view, tx(true)));
        waitFx(20, view::isWaiting);
        fx(() -> robot.lookup("#testReject").queryAs(Button.class).fire());
        assertThat(rejected.get(10, TimeUnit.SECONDS)).isFalse();

        CompletableFuture<Boolean> locked = CompletableFuture.supplyAsync(() -> approvals.askIn(view, tx(true)));
        waitFx(20, view::isWaiting);
        fx(approvals::cancelAll);
        assertThat(locked.get(10, TimeUnit.SECONDS)).as("locking answers no").isFalse();

        // the scope closed with the answer: a later question on the same thread goes to a card, not to the screen
        CompletableFuture<Boolean> afterwards = CompletableFuture.supplyAsync(() -> {
            approvals.askIn(view, tx(true));
            return approvals.approver().approve(tx(true));
        });
        waitFx(20, view::isWaiting);
        fx(() -> robot.lookup("#testSign").queryAs(Button.class).fire());
        waitFx(20, approvals::open);
        fx(() -> robot.lookup("#approveReject").queryAs(Button.class).fire());
        assertThat(afterwards.get(10, TimeUnit.SECONDS)).isFalse();
        waitFx(10, () -> !approvals.open());

        CompletableFuture<Throwable> onFx = new CompletableFuture<>();
        fx(() -> {
            try {
                approvals.askIn(view, tx(true));
                onFx.complete(null);
            } catch (IllegalStateException e) {
                onFx.complete(e);
            }
        });
        assertThat(onFx.get(10, TimeUnit.SECONDS)).as("never on the FX thread").isInstanceOf(IllegalStateException.class);
    }
}
