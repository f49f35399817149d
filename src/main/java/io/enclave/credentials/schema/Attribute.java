package io.enclave.credentials.schema;

/**
 * One attribute of a credential schema.
 *
 * @param name        the JSON property name
 * @param encoding    how its value becomes a field element
 * @param unit        unit of an integer (e.g. "minor units of currency"), empty for none
 * @param decimals    decimal places a human-written amount has (2 for cents: "1234.56" is 123456); 0 for none
 * @param description what the value means
 * @param required    whether every record has it
 */
public record Attribute(String name, AttributeEncoding encoding, String unit, int decimals, String description,
                        boolean required) {
}
