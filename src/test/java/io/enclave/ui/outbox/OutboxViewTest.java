package io.enclave.ui.outbox;

import static io.enclave.ui.UiTestSupport.find;
import static io.enclave.ui.UiTestSupport.fx;
import static io.enclave.ui.UiTestSupport.waitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.storage.outbox.Backoff;
import io.enclave.storage.outbox.JobView;
import io.enclave.storage.outbox.Outbox;
import io.enclave.storage.outbox.OutboxStep;
import io.enclave.storage.outbox.StepContext;
import io.enclave.testsupport.TempDirs;
import io.enclave.ui.UiTestSupport;
import io.enclave.ui.app.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Publications page: jobs from the encrypted vault with their steps and errors; a failed job is retried. */
@ExtendWith(ApplicationExtension.class)
class OutboxViewTest {
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        Path home = TempDirs.create("enclave-ui-outbox-");
        scene = UiTestSupport.scene(home);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.shutdown(scene);
    }

    record Step(String name, String failure) implements OutboxStep {
        @Override
        public byte[] run(StepContext ctx) {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return new byte[] {1};
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsJobsStepsAndErrorsAndRetriesAFailedJob(FxRobot robot) throws Exception {
        Session session = UiTestSupport.shell(scene).session();
        UiTestSupport.unlock(session, 0);
        Outbox writer = new Outbox(session.vault().dataSource(), Map.of(
                "publish", List.of(new Step("encrypt", null), new Step("upload", null), new Step("pin", null)),
                "broken", List.of(new Step("encrypt", null), new Step("upload",
                        "IPFS node 127.0.0.1:5001 refused the connection"))),
                new Backoff(Duration.ZERO, Duration.ZERO, 1), Clock.systemUTC());
        writer.enqueue("job-ok", "publish", new byte[] {1});
        writer.enqueue("job-bad", "broken", new byte[] {2});
        writer.runDue();
        assertThat(writer.job("job-bad").orElseThrow().state()).isEqualTo(JobView.State.FAILED);

        UiTestSupport.navigate(robot, "outbox");
        TableView<JobView> table = find(robot, "#outboxJobs", TableView.class);
        waitFx(30, () -> table.getItems().size() == 2);
        assertThat(find(robot, "#jobCount", Label.class).getText()).isEqualTo("2 jobs · 0 in progress · 1 need you");
        JobView bad = table.getItems().stream().filter(j -> j.id().equals("job-bad")).findFirst().orElseThrow();
        assertThat(OutboxController.state(bad)).isEqualTo("Needs you");
        fx(() -> table.getSelectionModel().select(bad));
        ListView<String> steps = find(robot, "#outboxSteps", ListView.class);
        assertThat(steps.getItems()).hasSize(2);
        assertThat(steps.getItems().get(0)).startsWith("✓ encrypt");
        assertThat(steps.getItems().get(1)).startsWith("○ upload").contains("refused the connection");
        UiTestSupport.screenshots(scene, "outbox");

        robot.clickOn("#retryJob");
        waitFx(30, () -> writer.job("job-bad").orElseThrow().state() == JobView.State.PENDING);
        waitFx(30, () -> find(robot, "#jobCount", Label.class).getText().contains("1 in progress"));
        assertThat(find(robot, "#outboxError", Label.class).getText()).contains("runs again");

        fx(session::lock);
        UiTestSupport.navigate(robot, "settings");
        assertThat(find(robot, "#nav-outbox", javafx.scene.control.ToggleButton.class).isDisabled()).isTrue();
    }
}
