package io.enclave.ui.studio;

import static io.enclave.ui.studio.StudioLabels.fill;
import static io.enclave.ui.studio.StudioLabels.status;

import io.enclave.credentials.attest.Attestation;
import io.enclave.credentials.pkg.RegistryContext;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.ui.Errors;
import io.enclave.ui.Views;
import io.enclave.ui.app.Session;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/**
 * The wizard's third step: the predicate over the attested attribute and its constant, with a preview of what stays
 * on this computer against what the proof and its listing reveal. It is complete only when the attested value
 * satisfies the predicate (no proof could be made otherwise).
 */
final class PredicateStep {
    /** What the wizard does around this step. */
    interface Listener {
        /** The predicate or its constant changed: a package made before no longer matches. */
        void changed();

        /** A preview finished; {@link #predicate()} is set when the value satisfies it. */
        void previewed();
    }

    private final Session session;
    private final StudioService service;
    private final ImportStep data;
    private final Supplier<Attestation> attestation;
    private final Supplier<String> holder;
    private final Listener listener;
    private Parent root;
    private Predicate predicate;
    private RegistryContext context;

    @FXML
    private ChoiceBox<PredicateTemplate> predicateChoice;
    @FXML
    private TextField constantField;
    @FXML
    private Label constantHelp;
    @FXML
    private Button previewButton;
    @FXML
    private Label predicateStatus;
    @FXML
    private GridPane localGrid;
    @FXML
    private GridPane revealedGrid;

    PredicateStep(Session session, StudioService service, ImportStep data, Supplier<Attestation> attestation,
                  Supplier<String> holder, Listener listener) {
        this.session = session;
        this.service = service;
        this.data = data;
        this.attestation = attestation;
        this.holder = holder;
        this.listener = listener;
    }

    Parent view() {
        if (root == null) {
            root = Views.load("studio", "predicate-step", this);
        }
        return root;
    }

    @FXML
    private void initialize() {
        predicateChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(PredicateTemplate t) {
                return t == null ? "" : t.label();
            }

            @Override
            public PredicateTemplate fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        predicateChoice.valueProperty().addListener((o, a, t) -> constantHelp.setText(StudioWords.constantHelp(t)));
        previewButton.setOnAction(e -> preview());
        constantField.textProperty().addListener((o, a, b) -> changed());
        predicateChoice.valueProperty().addListener((o, a, b) -> changed());
    }

    /** The previewed predicate the attested value satisfies, or null. */
    Predicate predicate() {
        return predicate;
    }

    /** The context the proof binds to (chain, registry, holder), set by the last preview. */
    RegistryContext context() {
        return context;
    }

    boolean complete() {
        return predicate != null;
    }

    /** Offers the predicates the schema allows over the attested attribute. */
    void offer(Attestation a) {
        try {
            List<PredicateTemplate> ts = service.predicatesFor(a);
            predicateChoice.setItems(FXCollections.observableArrayList(ts));
            predicateChoice.setValue(ts.isEmpty() ? null : ts.get(0));
            if (ts.isEmpty()) {
                status(predicateStatus, "The schema has no predicate over " + a.attribute() + ".", true);
            }
        } catch (Exception e) {
            status(predicateStatus, Errors.describe(e), true);
        }
    }

    /** Forgets the predicates offered and the preview (the attestation changed). */
    void reset() {
        predicate = null;
        predicateChoice.getItems().clear();
        localGrid.getChildren().clear();
        revealedGrid.getChildren().clear();
    }

    private void changed() {
        predicate = null;
        localGrid.getChildren().clear();
        revealedGrid.getChildren().clear();
        status(predicateStatus, "", false);
        listener.changed();
    }

    private void preview() {
        PredicateTemplate t = predicateChoice.getValue();
        Attestation a = attestation.get();
        if (a == null || t == null) {
            return;
        }
        try {
            Predicate p = service.predicate(a, t, constantField.getText());
            context = StudioService.context(session.network(), holder.get());
            StudioService.Preview pv = service.preview(a, p, context);
            List<StudioService.Check> local = StudioWords.otherValues(data.schema(), data.record(), a.attribute());
            local.addAll(0, pv.staysLocal());
            fill(localGrid, local);
            fill(revealedGrid, pv.revealed());
            if (!service.holds(a, p)) {
                status(predicateStatus, "Your attested value does not satisfy \"" + p.statement() + "\": no proof can be "
                        + "made. Choose another constant.", true);
            } else {
                predicate = p;
                status(predicateStatus, "Your value satisfies it; the proof reveals only the right-hand side.", false);
            }
        } catch (Exception e) {
            status(predicateStatus, Errors.describe(e), true);
        }
        listener.previewed();
    }
}
