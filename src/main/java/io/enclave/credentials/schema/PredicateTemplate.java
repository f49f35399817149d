package io.enclave.credentials.schema;

/**
 * A predicate a schema offers, before its constants are chosen.
 *
 * @param id        unique within the schema, e.g. {@code salary-at-least}
 * @param attribute the attribute it compares
 * @param op        the comparison
 * @param label     how the UI names it
 * @param fromAge   the constant is an age in years, turned into a latest birth date for a given day
 */
public record PredicateTemplate(String id, String attribute, PredicateOp op, String label, boolean fromAge) {
}
