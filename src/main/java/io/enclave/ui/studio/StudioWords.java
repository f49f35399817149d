package io.enclave.ui.studio;

import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.PredicateOp;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;

/** The wizard's words and small derivations, with no JavaFX (unit-tested). */
final class StudioWords {
    private StudioWords() {
    }

    /** "Employment (version 1)", or the id itself when the registry does not know it. */
    static String schemaTitle(SchemaRegistry schemas, String id) {
        try {
            CredentialSchema s = schemas.get(id);
            return s.title() + " (version " + s.version() + ")";
        } catch (SchemaException | RuntimeException e) {
            return id;
        }
    }

    /** The listing title the publish step suggests: the schema's title without its version, then the statement. */
    static String suggestedTitle(String schemaTitle, String statement) {
        return schemaTitle.replaceAll(" \\(version \\d+\\)", "") + ": " + statement;
    }

    /** The file name the review step suggests for a package: its credential hash's first four bytes. */
    static String packageFileName(String credentialHashHex) {
        String hex = credentialHashHex.startsWith("0x") ? credentialHashHex.substring(2) : credentialHashHex;
        return "credential-" + hex.substring(0, Math.min(8, hex.length())) + ".json";
    }

    /** How to write the constant of a predicate. */
    static String constantHelp(PredicateTemplate t) {
        if (t == null) {
            return "";
        }
        return t.fromAge() ? "The age in whole years; it holds as of today."
                : t.op() == PredicateOp.IN ? "Several values separated by ';' (up to " + PredicateOp.MAX_SET_SIZE + ")."
                : "One value, written as usual (e.g. 50,000.00 or 2024-01-31).";
    }

    /** The values of the imported record other than the proven attribute: they stay on this computer. */
    static List<StudioService.Check> otherValues(CredentialSchema schema, ImportedRecord record, String proven) {
        List<StudioService.Check> local = new ArrayList<>();
        if (record == null) {
            return local;
        }
        for (StudioImport.Value v : StudioImport.values(schema, record)) {
            if (!v.attribute().equals(proven)) {
                local.add(new StudioService.Check(v.attribute(), true, v.value() + " (your data)"));
            }
        }
        return local;
    }
}
