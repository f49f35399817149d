package io.enclave.ui;

import io.enclave.BuildInfo;
import io.enclave.crypto.Argon2id;
import io.enclave.ui.app.Session;
import io.enclave.ui.settings.Backups;
import io.enclave.ui.shell.ShellController;
import io.enclave.util.DataDirs;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop studio. Started by {@link io.enclave.Launcher} from the class path. */
public final class StudioApp extends Application {
    private ShellController shell;

    /** Entry point used by the launcher (keeps the launcher free of JavaFX imports). */
    public static void launchStudio(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        stage.setTitle("Enclave — " + BuildInfo.current().version());
        Scene scene = createScene(DataDirs.home(), Argon2id.Params.WALLET);
        shell = (ShellController) scene.getUserData();
        stage.setScene(scene);
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        stage.show();
        if (Boolean.getBoolean("enclave.startup.probe")) {
            reportStartupAndExit();
        }
    }

    /**
     * The cold-start benchmark ({@code -Denclave.startup.probe=true}, see docs/BENCHMARKS.md): prints the time from JVM
     * start to the first rendered frame of the window, then exits.
     */
    private static void reportStartupAndExit() {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
                System.out.println("enclave startup: first frame " + (System.currentTimeMillis() - jvmStart)
                        + " ms after JVM start, process CPU " + cpu + " ms");
                javafx.application.Platform.exit();
            }
        }.start();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
    }

    /** The main scene over the default data folder (its controller is the scene's user data). */
    public static Scene createScene() {
        return createScene(DataDirs.home(), Argon2id.Params.WALLET);
    }

    /**
     * Builds the main scene over {@code dataFolder}; tests pass a temporary folder and a cheaper key derivation.
     * The theme comes from the saved settings ({@code -Denclave.dark=true} forces dark).
     */
    public static Scene createScene(Path dataFolder, Argon2id.Params kdf) {
        Backups.applyPending(dataFolder);
        Session session = new Session(dataFolder);
        ShellController.applyTheme(session.settings().dark() || Boolean.getBoolean("enclave.dark"));
        ShellController controller = new ShellController(session, kdf);
        Scene scene = new Scene(controller.view(), 1200, 780);
        scene.setUserData(controller);
        return scene;
    }
}
