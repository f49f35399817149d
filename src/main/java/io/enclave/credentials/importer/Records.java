package io.enclave.credentials.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.CredentialSchema;
import java.util.List;

/** Checking a record against its schema and reporting the first problem with its source, line and field. */
final class Records {
    private Records() {
    }

    /**
     * @param fieldNames how the source names each attribute (a column or a JSON pointer), for the message
     */
    static void validate(CredentialSchema schema, ObjectNode record, String source, int line,
                         java.util.function.UnaryOperator<String> fieldNames) throws ImportException {
        List<String> problems = schema.validate(record);
        if (problems.isEmpty()) {
            return;
        }
        String first = problems.get(0);
        String field = null;
        if (first.startsWith("$.")) {
            int colon = first.indexOf(':');
            if (colon > 2) {
                field = fieldNames.apply(first.substring(2, colon));
            }
        } else if (first.startsWith("$: required property '")) {
            String attr = first.substring("$: required property '".length(), first.indexOf('\'', 22));
            field = fieldNames.apply(attr);
        }
        throw new ImportException(source, line, field, "the record does not fit schema " + schema.id() + " ("
                + String.join("; ", problems) + ")");
    }
}
