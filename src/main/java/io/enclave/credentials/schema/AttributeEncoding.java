package io.enclave.credentials.schema;

/**
 * How an attribute's value becomes one BN254 field element for the circuits (see docs/CREDENTIALS.md).
 */
public enum AttributeEncoding {
    /** A non-negative integer below 2^64, as is. */
    INTEGER("integer"),
    /** A signed integer in [-2^63, 2^63), offset by 2^63 so that order is kept and the element stays below 2^64. */
    SIGNED_INTEGER("signed-integer"),
    /** An ISO date {@code yyyy-MM-dd} as the integer yyyymmdd, so that ≤ and ≥ compare dates. */
    DATE("date"),
    /** keccak256 of the UTF-8 bytes of the NFC-normalized, trimmed text, reduced modulo r. Equality only. */
    STRING("string"),
    /** 1 for true, 0 for false. */
    BOOLEAN("boolean");

    private final String id;

    AttributeEncoding(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether ≤ and ≥ are meaningful on encoded values. */
    public boolean ordered() {
        return this == INTEGER || this == SIGNED_INTEGER || this == DATE;
    }

    public static AttributeEncoding ofId(String id) throws SchemaException {
        for (AttributeEncoding e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new SchemaException("Unknown attribute encoding '" + id + "'");
    }
}
