package io.enclave.ui.studio;

import io.enclave.credentials.importer.ImportResult;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The wizard's first step: the schema, and optionally the person's data from a file — generic CSV or JSON after a
 * column mapping, a LinkedIn export ZIP, a bank statement — with the chosen record's values, which stay on this
 * computer. A bad file is shown with its line and field and nothing of it is kept.
 */
final class ImportStep {
    private final Session session;
    private final StudioImport importer;
    private final Runnable changed;
    private Parent root;
    private ImportResult result;
    private final Map<String, ComboBox<String>> mapping = new LinkedHashMap<>();

    @FXML
    private ChoiceBox<CredentialSchema> schemaChoice;
    @FXML
    private Label schemaAttributes;
    @FXML
    private ChoiceBox<StudioImport.Source> sourceChoice;
    @FXML
    private TextField dataFile;
    @FXML
    private Button chooseDataButton;
    @FXML
    private TextField dateFormat;
    @FXML
    private Label recordsAtLabel;
    @FXML
    private TextField recordsAt;
    @FXML
    private Label currencyLabel;
    @FXML
    private TextField currency;
    @FXML
    private VBox mappingBox;
    @FXML
    private Button readColumnsButton;
    @FXML
    private GridPane mappingGrid;
    @FXML
    private Button importButton;
    @FXML
    private Button clearButton;
    @FXML
    private Label importStatus;
    @FXML
    private VBox recordBox;
    @FXML
    private ChoiceBox<ImportedRecord> recordChoice;
    @FXML
    private GridPane recordGrid;

    ImportStep(Session session, StudioImport importer, Runnable changed) {
        this.session = session;
        this.importer = importer;
        this.changed = changed;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "import-step", this);
        }
        return root;
    }

    /** The chosen schema (never null once the view is loaded). */
    CredentialSchema schema() {
        return schemaChoice.getValue();
    }

    /** The imported record the person chose, or null when nothing was imported. */
    ImportedRecord record() {
        return result == null ? null : recordChoice.getValue();
    }

    /** Whether the step is done: a schema, and a record when a file was named. */
    boolean complete() {
        return schema() != null && (record() != null || dataFile.getText().isBlank());
    }

    @FXML
    private void initialize() {
        schemaChoice.setConverter(converter(s -> s.title() + " — version " + s.version()));
        sourceChoice.setConverter(converter(StudioImport.Source::label));
        recordChoice.setConverter(converter(ImportedRecord::origin));
        schemaChoice.setItems(FXCollections.observableArrayList(importer.schemas()));
        schemaChoice.valueProperty().addListener((o, a, s) -> schemaChanged(s));
        sourceChoice.valueProperty().addListener((o, a, s) -> sourceChanged());
        dataFile.textProperty().addListener((o, a, b) -> clear(""));
        for (var n : List.of(recordsAtLabel, recordsAt, currencyLabel, currency, mappingBox, recordBox)) {
            n.managedProperty().bind(n.visibleProperty());
        }
        chooseDataButton.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Your data file");
            java.io.File f = c.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                dataFile.setText(f.getPath());
            }
        });
        readColumnsButton.setOnAction(e -> readColumns());
        importButton.setOnAction(e -> importFile());
        clearButton.setOnAction(e -> {
            dataFile.clear();
            clear("");
        });
        recordChoice.valueProperty().addListener((o, a, r) -> showRecord(r));
        schemaChoice.setValue(schemaChoice.getItems().isEmpty() ? null : schemaChoice.getItems().get(0));
    }

    private void schemaChanged(CredentialSchema s) {
        if (s == null) {
            return;
        }
        schemaAttributes.setText(String.join("\n", s.attributes().stream().map(a -> a.name() + (a.required() ? " *" : "")
                + " — " + a.description()).toList()));
        StudioImport.Source was = sourceChoice.getValue();
        List<StudioImport.Source> fits = java.util.Arrays.stream(StudioImport.Source.values()).filter(x -> x.fits(s)).toList();
        sourceChoice.setItems(FXCollections.observableArrayList(fits));
        sourceChoice.setValue(fits.contains(was) ? was : fits.get(0));
        sourceChanged();
    }

    private void sourceChanged() {
        StudioImport.Source src = sourceChoice.getValue();
        boolean mapped = src != null && src.mapped();
        mappingBox.setVisible(mapped);
        readColumnsButton.setVisible(src == StudioImport.Source.CSV);
        readColumnsButton.setManaged(src == StudioImport.Source.CSV);
        recordsAtLabel.setVisible(src == StudioImport.Source.JSON);
        recordsAt.setVisible(src == StudioImport.Source.JSON);
        currencyLabel.setVisible(src == StudioImport.Source.BANK);
        currency.setVisible(src == StudioImport.Source.BANK);
        dateFormat.setDisable(src == StudioImport.Source.LINKEDIN);
        buildMapping(List.of());
        clear("");
    }

    private void buildMapping(List<String> columns) {
        mappingGrid.getChildren().clear();
        mapping.clear();
        CredentialSchema s = schema();
        if (s == null) {
            return;
        }
        Map<String, String> guess = StudioImport.guessMapping(s, columns);
        boolean json = sourceChoice.getValue() == StudioImport.Source.JSON;
        int row = 0;
        for (Attribute a : s.attributes()) {
            Label name = new Label(a.name() + (a.required() ? " *" : ""));
            ComboBox<String> box = new ComboBox<>();
            box.setId("map-" + a.name());
            box.setEditable(json);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setPromptText(json ? "/" + a.name() : columns.isEmpty() ? "read the columns first" : "not mapped");
            if (!json) {
                box.getItems().add("");
                box.getItems().addAll(columns);
            }
            box.setValue(guess.getOrDefault(a.name(), ""));
            box.valueProperty().addListener((o, x, y) -> clear(""));
            Label help = new Label(a.description());
            help.getStyleClass().addAll("text-muted", "text-small");
            help.setWrapText(true);
            mappingGrid.addRow(row++, name, box, help);
            mapping.put(a.name(), box);
        }
    }

    private void readColumns() {
        String file = dataFile.getText().strip();
        if (file.isEmpty()) {
            status("Choose the CSV file first.", true);
            return;
        }
        try {
            List<String> columns = importer.columns(Path.of(file));
            buildMapping(columns);
            status(columns.size() + " columns. Check the mapping, then import.", false);
        } catch (Exception e) {
            status(Errors.describe(e), true);
        }
    }

    private void importFile() {
        String file = dataFile.getText().strip();
        CredentialSchema s = schema();
        StudioImport.Source src = sourceChoice.getValue();
        if (file.isEmpty() || s == null || src == null) {
            status("Choose the schema, the source and the file.", true);
            return;
        }
        Map<String, String> map = new LinkedHashMap<>();
        mapping.forEach((attribute, box) -> {
            String typed = box.isEditable() ? box.getEditor().getText() : box.getValue(); // a pointer typed, not committed
            String v = typed == null ? "" : typed.strip();
            if (!v.isEmpty()) {
                map.put(attribute, v);
            }
        });
        StudioImport.Options options = new StudioImport.Options(dateFormat.getText().strip(), recordsAt.getText().strip(),
                currency.getText().strip());
        clear("Reading " + Path.of(file).getFileName() + "…");
        importButton.setDisable(true);
        session.background().run("Importing your data", p -> importer.read(s, src, Path.of(file), map, options), r -> {
            importButton.setDisable(false);
            result = r;
            recordChoice.setItems(FXCollections.observableArrayList(r.records()));
            recordChoice.setValue(r.records().get(0));
            recordBox.setVisible(true);
            status("Imported " + r.records().size() + (r.records().size() == 1 ? " record" : " records")
                    + ", all valid for the " + s.title() + " schema.", false);
            changed.run();
        }, e -> {
            importButton.setDisable(false);
            status(Errors.describe(e), true);
        });
    }

    private void showRecord(ImportedRecord r) {
        recordGrid.getChildren().clear();
        if (r == null || schema() == null) {
            return;
        }
        int row = 0;
        for (StudioImport.Value v : StudioImport.values(schema(), r)) {
            Label k = new Label(v.attribute());
            k.getStyleClass().add("text-muted");
            Label val = new Label(v.value());
            val.setWrapText(true);
            recordGrid.addRow(row++, k, val);
        }
        changed.run();
    }

    /** Forgets what was imported (the values leave memory with the result). */
    private void clear(String message) {
        result = null;
        if (recordChoice != null) {
            recordChoice.getItems().clear();
            recordGrid.getChildren().clear();
            recordBox.setVisible(false);
        }
        status(message, false);
        if (root != null) {
            changed.run();
        }
    }

    private void status(String text, boolean error) {
        importStatus.setText(text);
        importStatus.getStyleClass().removeAll("error-text", "ok-text");
        if (!text.isEmpty()) {
            importStatus.getStyleClass().add(error ? "error-text" : "ok-text");
        }
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
