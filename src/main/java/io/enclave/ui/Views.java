package io.enclave.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;

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

    /** Shows {@code items} in a picker (an account list), keeping the chosen item while it is still there. */
    public static <T> void setItemsKeepingChoice(ChoiceBox<T> box, List<T> items) {
        T current = box.getValue();
        box.getItems().setAll(items);
        box.setValue(current != null && items.contains(current) ? current : items.isEmpty() ? null : items.get(0));
    }
}
