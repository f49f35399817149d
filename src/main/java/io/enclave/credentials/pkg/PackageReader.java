package io.enclave.credentials.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads a credential package back, refusing anything malformed, unknown or not in canonical form. */
public final class PackageReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> FIELDS = Set.of("type", "version", "schema", "predicate", "circuit", "proof",
            "publicSignals", "issuer", "context", "validFrom", "validUntil");

    private final SchemaRegistry schemas;

    public PackageReader(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    /**
     * Parses {@code bytes}. With {@code requireCanonical}, bytes that are not exactly the package's canonical JSON are
     * refused too (what was hashed must be what is read).
     */
    public CredentialPackage read(byte[] bytes, boolean requireCanonical) throws PackageException {
        JsonNode o;
        try {
            o = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PackageException("The credential package is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new PackageException("The credential package is not valid JSON", e);
        }
        String w = "package";
        Json.only(o, w, FIELDS);
        if (!CredentialPackage.TYPE.equals(Json.text(o, "type", w))) {
            throw new PackageException("Not an Enclave credential package (type is not " + CredentialPackage.TYPE + ")");
        }
        long version = Json.integer(o, "version", w);
        if (version != CredentialPackage.VERSION) {
            throw new PackageException("Credential package version " + version + " is not supported (this Enclave reads "
                    + CredentialPackage.VERSION + "): update Enclave");
        }
        String schemaId = Json.text(o, "schema", w);
        Predicate predicate;
        try {
            schemas.get(schemaId);
            predicate = Predicate.fromJson(o.get("predicate"), schemas);
        } catch (SchemaException e) {
            throw new PackageException("package.predicate: " + e.getMessage(), e);
        }
        JsonNode circuit = o.get("circuit");
        Json.only(circuit, w + ".circuit", Set.of("id", "verificationKeyHash"));
        JsonNode signalsNode = o.get("publicSignals");
        if (signalsNode == null || !signalsNode.isArray()) {
            throw new PackageException("package.publicSignals is missing or not an array");
        }
        List<BigInteger> signals = new ArrayList<>();
        for (int i = 0; i < signalsNode.size(); i++) {
            signals.add(Json.decimal(signalsNode.get(i), w + ".publicSignals[" + i + "]", FieldEncoding.R));
        }
        CredentialPackage p;
        try {
            Groth16Proof proof = Groth16Proof.fromJson(o.get("proof"), w + ".proof");
            Instant from = Instant.ofEpochSecond(Json.integer(o, "validFrom", w));
            Instant until = Instant.ofEpochSecond(Json.integer(o, "validUntil", w));
            p = new CredentialPackage(schemaId, predicate, Json.text(circuit, "id", w + ".circuit"),
                    Json.text(circuit, "verificationKeyHash", w + ".circuit"), proof, signals,
                    Issuer.fromJson(o.get("issuer"), w + ".issuer"), Json.field(o, "context", w), from, until);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new PackageException("The credential package is invalid: " + e.getMessage(), e);
        }
        if (requireCanonical && !Arrays.equals(bytes, p.canonicalBytes())) {
            throw new PackageException("The credential package is not in canonical form (RFC 8785): its bytes differ from "
                    + "what its hash is computed over, so it was altered after packaging");
        }
        return p;
    }
}
