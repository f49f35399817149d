package io.enclave.ui.purchases;

import io.enclave.market.Purchase;
import io.enclave.storage.ipfs.Cid;
import io.enclave.ui.app.AppServices;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The dispute panel of My purchases: what went wrong in words, an optional evidence file (uploaded to IPFS, its CID
 * appended to the statement) and the dispute transaction, confirmed before it is signed like every other one.
 */
final class DisputeForm {
    /** The largest evidence file attached to a dispute. */
    static final long MAX_EVIDENCE = 10L << 20;

    private final VBox box;
    private final TextArea text;
    private final Label attachedFile;
    private final Button send;
    private final BiConsumer<Boolean, String> status;
    private Path attached;

    DisputeForm(VBox box, TextArea text, Label attachedFile, Button send, BiConsumer<Boolean, String> status) {
        this.box = box;
        this.text = text;
        this.attachedFile = attachedFile;
        this.send = send;
        this.status = status;
    }

    void show(boolean show) {
        box.setVisible(show);
        box.setManaged(show);
        if (show) {
            text.requestFocus();
        }
    }

    void choose(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Evidence for the dispute");
        java.io.File f = chooser.showOpenDialog(owner);
        if (f != null) {
            attach(f.toPath());
        }
    }

    /** Attaches an evidence file (at most {@link #MAX_EVIDENCE} bytes). */
    void attach(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_EVIDENCE) {
                status.accept(false, file.getFileName() + " is " + (size >> 20) + " MiB; evidence files are limited to "
                        + (MAX_EVIDENCE >> 20) + " MiB. Attach a smaller excerpt.");
                return;
            }
            attached = file;
            attachedFile.setText(file.getFileName() + " (" + size + " bytes)");
        } catch (IOException e) {
            status.accept(false, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The statement typed, or null (with the reason on the status line) when it is empty. */
    String statement() {
        String t = text.getText() == null ? "" : text.getText().trim();
        if (t.isEmpty()) {
            status.accept(false, "Write what went wrong first: the voters decide on it.");
            return null;
        }
        return t;
    }

    /** The file attached now (captured on the FX thread before the work starts). */
    Path attached() {
        return attached;
    }

    /** Uploads the evidence (if any) and opens the dispute; blocking, off the FX thread. */
    static Purchase send(AppServices s, BigInteger purchaseId, String statement, Path file,
                                   io.enclave.market.Progress p) throws IOException {
        String full = statement;
        if (file != null) {
            byte[] bytes = Files.readAllBytes(file);
            p.step("Uploading " + file.getFileName() + " to IPFS");
            Cid cid = s.ipfs().put(bytes);
            full += "\n\nEvidence file: " + file.getFileName() + " (" + bytes.length + " bytes), ipfs://" + cid;
        }
        return s.buy().dispute(purchaseId, full, p);
    }

    /** Clears the form after the dispute was opened. */
    void clear() {
        show(false);
        text.clear();
        attached = null;
        attachedFile.setText("");
    }

    void setSendDisabled(boolean b) {
        send.setDisable(b);
    }
}
