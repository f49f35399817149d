package io.enclave.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.enclave.BuildInfo;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop studio. Started by {@link io.enclave.Launcher} from the class path. */
public final class StudioApp extends Application {

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
        stage.setScene(createScene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
    }

    /** Builds the main scene; tests build it the same way. */
    public static Scene createScene() throws java.io.IOException {
        Parent root = FXMLLoader.load(StudioApp.class.getResource("shell/shell.fxml"));
        Scene scene = new Scene(root, 1200, 780);
        scene.getStylesheets().add(StudioApp.class.getResource("shell/shell.css").toExternalForm());
        return scene;
    }
}
