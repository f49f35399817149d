package io.enclave.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.enclave.BuildInfo;
import io.enclave.ui.shell.ShellController;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
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
        boolean dark = Boolean.getBoolean("enclave.dark");
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        stage.setTitle("Enclave — " + BuildInfo.current().version());
        Scene scene = createScene();
        shell = (ShellController) scene.getUserData();
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
    }

    /** Builds the main scene (its controller is the scene's user data); tests build it the same way. */
    public static Scene createScene() throws java.io.IOException {
        FXMLLoader loader = new FXMLLoader(StudioApp.class.getResource("shell/shell.fxml"));
        Parent root = loader.load();
        Scene scene = new Scene(root, 1200, 780);
        scene.setUserData(loader.getController());
        scene.getStylesheets().add(StudioApp.class.getResource("shell/shell.css").toExternalForm());
        return scene;
    }
}
