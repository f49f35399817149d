package io.enclave.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view trio: {@code <feature>/<name>.fxml} with its controller instance and {@code <name>.css} beside it. */
public final class Views {
    private Views() {
    }

    public static Parent load(String feature, String name, Object controller) {
        URL fxml = Views.class.getResource(feature + "/" + name + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("missing view " + feature + "/" + name + ".fxml");
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setController(controller);
        try {
            Parent root = loader.load();
            URL css = Views.class.getResource(feature + "/" + name + ".css");
            if (css != null) {
                root.getStylesheets().add(css.toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + fxml, e);
        }
    }
}
