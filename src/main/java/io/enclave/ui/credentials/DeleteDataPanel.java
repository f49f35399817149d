package io.enclave.ui.credentials;

import io.enclave.market.Approver;
import io.enclave.market.erase.DeleteMyData;
import io.enclave.ui.Errors;
import io.enclave.ui.app.Session;
import io.enclave.ui.concurrent.Work;
import io.enclave.ui.studio.Seller;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Delete my data" on My credentials: first what is erased and what remains (chain hashes, the inactive listing
 * record, copies held by other pinners and Arweave, the encrypted vault record kept for buyers who paid), then the
 * steps of {@link DeleteMyData} run in the background — each transaction confirmed before it is signed — with each
 * step's result on screen as it ends. A failed step says how to finish it, and Retry runs the flow again (safe: done
 * steps report that nothing is left to do).
 */
final class DeleteDataPanel extends VBox {
    private final Session session;
    private final MyCredentialsService service;
    private final Approver approver;
    private final Runnable finished;
    private final Label title = new Label();
    private final VBox explanation = new VBox(4);
    private final VBox steps = new VBox(4);
    private final Label result = new Label();
    private final Button start = new Button("Erase, revoke, delist and unpin", new FontIcon("fth-trash-2"));
    private final Button cancel = new Button("Cancel");
    private final Button retry = new Button("Retry", new FontIcon("fth-rotate-cw"));
    private final ProgressIndicator progress = new ProgressIndicator();
    private MyCredentialsService.Row row;
    private String account;
    private boolean running;

    /**
     * @param approver answers each transaction (the screen's confirmation panel)
     * @param finished runs on the FX thread when a run ends (the list is read again)
     */
    DeleteDataPanel(Session session, MyCredentialsService service, Approver approver, Runnable finished) {
        super(10);
        this.session = session;
        this.service = service;
        this.approver = approver;
        this.finished = finished;
        setId("deleteDataPanel");
        getStyleClass().add("delete-panel");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        steps.setId("deleteSteps");
        result.setId("deleteResult");
        result.setWrapText(true);
        start.setId("deleteDataStart");
        start.getStyleClass().add("danger");
        start.setOnAction(e -> run());
        cancel.setId("deleteDataCancel");
        cancel.setOnAction(e -> hide());
        retry.setId("deleteRetry");
        retry.setOnAction(e -> run());
        progress.setMaxSize(20, 20);
        HBox buttons = new HBox(10, start, retry, cancel, progress);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(title, explanation, buttons, steps, result);
        hide();
    }

    /** Shows what "delete my data" does for {@code r}, acting as {@code acting}; nothing runs until Start. */
    void open(MyCredentialsService.Row r, String acting) {
        if (running) {
            return;
        }
        this.row = r;
        this.account = acting;
        title.setText("Delete my data: " + r.title());
        List<String> cids = new ArrayList<>();
        if (r.packageCid() != null) {
            cids.add(r.packageCid());
        }
        if (r.metadataCid() != null) {
            cids.add(r.metadataCid());
        }
        explanation.getChildren().setAll(heading("What is erased, in this order"),
                line("1. On this computer: the credential's package files and every saved copy of the package, overwritten "
                        + "and then deleted."),
                line("2. On chain: the credential is revoked in the registry, so buyers and verifiers see it revoked "
                        + "(a transaction you review first; skipped when it is not anchored or already revoked)."),
                line("3. On the marketplace: your listing is removed (a transaction you review first). Purchases already "
                        + "paid can still be delivered or refunded."),
                line("4. On your IPFS node: the encrypted package and the listing's metadata are unpinned."),
                heading("What remains, by design"));
        // as written: a sentence may start with a CID, which is case-sensitive
        DeleteMyData.remains(cids).forEach(s -> explanation.getChildren().add(line("• " + s)));
        explanation.setId("deleteExplanation");
        steps.getChildren().clear();
        result.setText("");
        show(true);
        start.setVisible(true);
        start.setManaged(true);
        retry.setVisible(false);
        retry.setManaged(false);
        progress.setVisible(false);
    }

    boolean running() {
        return running;
    }

    private void run() {
        MyCredentialsService.Row r = row;
        String who = account;
        if (r == null || who == null || running) {
            return;
        }
        running = true;
        start.setDisable(true);
        retry.setDisable(true);
        cancel.setDisable(true);
        progress.setVisible(true);
        steps.getChildren().clear();
        result.setText("Working: each transaction is shown for your review before it is signed…");
        session.background().run("delete my data", (Work<List<DeleteMyData.Step>>) p -> {
            try (Seller s = Seller.open(session, who, approver)) {
                return service.deleteMyData(s, r.credentialHash(), session.dataFolder(),
                        session.dataFolder().resolve("credentials"), m -> p.update(m, -1),
                        step -> Platform.runLater(() -> steps.getChildren().add(stepLine(step))));
            }
        }, this::done, e -> {
            running = false;
            enable();
            steps.getChildren().add(failedLine("Could not reach the chain to run the steps: " + Errors.describe(e)));
            result.setText("Nothing after the failed step ran. Retry when the RPC node is reachable (Settings → Network).");
            showRetry();
            finished.run();
        });
    }

    private void done(List<DeleteMyData.Step> all) {
        running = false;
        enable();
        long failed = all.stream().filter(DeleteMyData.Step::failed).count();
        if (failed == 0) {
            result.setText("Done. Your data is erased from this computer, revoked and delisted; what remains is listed "
                    + "above.");
            result.getStyleClass().setAll("label", "ok-text");
            start.setVisible(false);
            start.setManaged(false);
            retry.setVisible(false);
            retry.setManaged(false);
        } else {
            result.setText(failed + (failed == 1 ? " step" : " steps") + " did not finish (marked ✗ above, each saying "
                    + "how to finish it). Retry runs the flow again; the steps already done find nothing left to do.");
            result.getStyleClass().setAll("label", "error-text");
            showRetry();
        }
        finished.run();
    }

    private void showRetry() {
        start.setVisible(false);
        start.setManaged(false);
        retry.setVisible(true);
        retry.setManaged(true);
    }

    private void enable() {
        start.setDisable(false);
        retry.setDisable(false);
        cancel.setDisable(false);
        progress.setVisible(false);
    }

    private static Label stepLine(DeleteMyData.Step s) {
        if (s.failed()) {
            return failedLine(s.message() + " " + howToFinish(s.kind()));
        }
        String text = (s.outcome() == DeleteMyData.Outcome.DONE ? "✓ " : "– ") + s.message()
                + (s.items().isEmpty() || s.kind() != DeleteMyData.Kind.LOCAL_FILES ? "" : " " + s.items().size()
                + (s.items().size() == 1 ? " file." : " files."));
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(s.outcome() == DeleteMyData.Outcome.DONE ? "ok-text" : "text-muted");
        return l;
    }

    private static Label failedLine(String text) {
        Label l = new Label("✗ " + text);
        l.setWrapText(true);
        l.getStyleClass().add("error-text");
        return l;
    }

    /** How to finish a failed step, in words. */
    static String howToFinish(DeleteMyData.Kind kind) {
        return switch (kind) {
            case LOCAL_FILES -> "Close other programs using the data folder, then Retry.";
            case REVOKE -> "Retry when the RPC node answers (or use Revoke… on this screen).";
            case DELIST -> "Retry when the RPC node answers (or use Delist on this screen).";
            case UNPIN -> "Start your IPFS node (Settings → IPFS), then Retry.";
        };
    }

    private void hide() {
        if (!running) {
            show(false);
        }
    }

    private void show(boolean on) {
        setVisible(on);
        setManaged(on);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-bold");
        return l;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("text-small");
        return l;
    }
}
