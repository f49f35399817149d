package io.enclave.credentials.schema;

/** The comparisons a credential circuit can prove about one attribute. */
public enum PredicateOp {
    GTE("gte", "≥"),
    LTE("lte", "≤"),
    EQ("eq", "="),
    IN("in", "∈");

    /** Most constants a set-membership proof takes (the circuits' fixed set size). */
    public static final int MAX_SET_SIZE = 16;

    private final String id;
    private final String symbol;

    PredicateOp(String id, String symbol) {
        this.id = id;
        this.symbol = symbol;
    }

    public String id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    public static PredicateOp ofId(String id) throws SchemaException {
        for (PredicateOp op : values()) {
            if (op.id.equals(id)) {
                return op;
            }
        }
        throw new SchemaException("Unknown predicate operator '" + id + "' (expected gte, lte, eq or in)");
    }
}
