package io.enclave.credentials.schema;

/** A schema, a predicate or a value that does not fit its schema, with a message saying what is wrong. */
public final class SchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
