package io.enclave.credentials.importer;

import io.enclave.credentials.schema.CredentialSchema;
import java.util.List;

/** Records of one schema, all validated: an importer returns one only when the whole file imported. */
public record ImportResult(CredentialSchema schema, List<ImportedRecord> records) {
    public ImportResult {
        records = List.copyOf(records);
    }
}
