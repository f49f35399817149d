package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record that fits its schema: the attribute values (personal data; they stay on the device) and where it came
 * from ("Positions.csv line 4").
 */
public record ImportedRecord(ObjectNode values, String origin) {
    public ImportedRecord {
        values = values.deepCopy();
    }

    @Override
    public ObjectNode values() {
        return values.deepCopy();
    }

    @Override
    public String toString() {
        return "ImportedRecord[" + origin + ", attributes " + values.properties().stream().map(e -> e.getKey()).toList() + "]";
    }
}
