package io.enclave.credentials.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The credential schemas this version of Enclave knows, by id ({@code urn:enclave:schema:<type>:<version>}). */
public final class SchemaRegistry {
    /** The built-in schemas, one file per type and version under {@code io/enclave/credentials/schemas/}. */
    public static final List<String> BUILT_IN = List.of("education-1", "employment-1", "financial-1", "identity-1",
            "health-1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry BUILT_IN_REGISTRY = loadBuiltIn();

    private final Map<String, CredentialSchema> byId = new LinkedHashMap<>();

    public SchemaRegistry(Collection<CredentialSchema> schemas) {
        for (CredentialSchema s : schemas) {
            if (byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("schema " + s.id() + " given twice");
            }
        }
    }

    public static SchemaRegistry builtIn() {
        return BUILT_IN_REGISTRY;
    }

    public CredentialSchema get(String id) throws SchemaException {
        CredentialSchema s = byId.get(id);
        if (s == null) {
            throw new SchemaException("Unknown credential schema '" + id + "': this version of Enclave knows " + byId.keySet()
                    + "; update Enclave if the credential was made by a newer version");
        }
        return s;
    }

    /** The newest version of a type ({@code employment}, ...). */
    public CredentialSchema latest(String type) throws SchemaException {
        return byId.values().stream().filter(s -> s.type().equals(type))
                .max(Comparator.comparingInt(CredentialSchema::version))
                .orElseThrow(() -> new SchemaException("Unknown credential type '" + type + "'"));
    }

    public Collection<CredentialSchema> all() {
        return byId.values();
    }

    private static SchemaRegistry loadBuiltIn() {
        try {
            List<CredentialSchema> schemas = new java.util.ArrayList<>();
            for (String name : BUILT_IN) {
                try (InputStream in = SchemaRegistry.class.getResourceAsStream("/io/enclave/credentials/schemas/" + name
                        + ".json")) {
                    if (in == null) {
                        throw new IllegalStateException("built-in schema " + name + " is missing from the application");
                    }
                    schemas.add(CredentialSchema.parse(JSON.readTree(in)));
                }
            }
            return new SchemaRegistry(schemas);
        } catch (IOException | SchemaException e) {
            throw new IllegalStateException("a built-in credential schema is broken: " + e.getMessage(), e);
        }
    }
}
