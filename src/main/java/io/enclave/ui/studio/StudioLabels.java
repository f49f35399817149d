package io.enclave.ui.studio;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** How the wizard's steps show a status line and name/value rows. */
final class StudioLabels {
    private StudioLabels() {
    }

    /** Sets a status line, green or red; a line bound to a running task is left alone. */
    static void status(Label label, String text, boolean error) {
        if (label.textProperty().isBound()) {
            return;
        }
        label.setText(text);
        label.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            label.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }

    /** Adds a muted name and a wrapping value as row {@code row}; returns the next row. */
    static int detail(GridPane grid, int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("text-muted");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    /** Replaces the grid's rows by one per item (name, detail). */
    static void fill(GridPane grid, List<StudioService.Check> items) {
        grid.getChildren().clear();
        int row = 0;
        for (StudioService.Check c : items) {
            row = detail(grid, row, c.name(), c.detail());
        }
    }
}
