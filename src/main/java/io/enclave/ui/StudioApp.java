package io.enclave.ui;

import io.enclave.BuildInfo;
import io.enclave.crypto.Argon2id;
import io.enclave.ui.app.Session;
import io.enclave.ui.settings.Backups;
import io.enclave.ui.shell.ShellController;
import io.enclave.ui.shell.WindowPlacement;
import io.enclave.util.DataDirs;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop studio. Started by {@link io.enclave.Launcher} from the class path. */
public final class StudioApp extends Application {
    /** Started before the toolkit by {@link #launchStudio}: settings and classes load on a second core meanwhile. */
    private static volatile StartupWarmup warmup;
    private ShellController shell;

    /** Entry point used by the launcher (keeps the launcher free of JavaFX imports). */
    public static void launchStudio(String[] args) {
        StartupProbe.mark("main");
        warmup = StartupWarmup.start(DataDirs.home());
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        StartupProbe.mark("toolkit started");
        stage.setTitle("Enclave — " + BuildInfo.current().version());
        StartupWarmup w = warmup;
        warmup = null;
        Scene scene = w != null ? createScene(w.session(), Argon2id.Params.WALLET)
                : createScene(DataDirs.home(), Argon2id.Params.WALLET);
        shell = (ShellController) scene.getUserData();
        StartupProbe.mark("scene built");
        stage.setScene(scene);
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        new WindowPlacement(shell.session().dataFolder()).manage(stage, 1200, 780);
        stage.show();
        StartupProbe.mark("window shown");
        if (StartupProbe.ENABLED) {
            StartupProbe.reportAtFirstFrameAndExit();
        }
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
        return createScene(new Session(dataFolder), kdf);
    }

    private static Scene createScene(Session session, Argon2id.Params kdf) {
        StartupProbe.mark("settings read");
        ShellController.applyTheme(session.settings().dark() || Boolean.getBoolean("enclave.dark"));
        StartupProbe.mark("theme applied");
        ShellController controller = new ShellController(session, kdf);
        Scene scene = new Scene(controller.view(), 1200, 780);
        scene.getStylesheets().add(StudioApp.class.getResource("common.css").toExternalForm()); // rules every screen shares
        scene.setUserData(controller);
        return scene;
    }
}
