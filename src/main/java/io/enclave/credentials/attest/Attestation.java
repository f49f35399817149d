package io.enclave.credentials.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.json.CanonicalJson;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.pkg.Json;
import io.enclave.credentials.pkg.PackageException;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.FieldEncoding;
import io.enclave.credentials.schema.SchemaException;
import io.enclave.credentials.schema.SchemaRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.web3j.crypto.Hash;

/**
 * A signed attribute an issuer hands a subject (docs/CREDENTIALS.md, "Attestation file"): the signature covers
 * {@code Poseidon(schema, attribute, encodedValue, salt, subject, expiresAt)} — exactly the message the circuits check
 * (docs/ZK.md) — where schema and attribute are their string field encodings and expiresAt is in Unix seconds.
 * {@code value} is personal data: an attestation travels only inside an {@link AttestationFile}.
 *
 * <p>Self-attested data (the holder's own key, provenance self-attested) may be unsigned; it is never issuer-verified.
 *
 * @param subject a field element naming the holder (their Ethereum address as an integer)
 * @param signature null only for unsigned self-attested data
 */
public record Attestation(String schemaId, String attribute, JsonNode value, BigInteger encodedValue, BigInteger salt,
                          BigInteger subject, Instant issuedAt, Instant expiresAt, Issuer issuer, EdDsaSignature signature) {
    public static final String TYPE = "EnclaveAttestation";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> FIELDS = Set.of("type", "version", "schema", "attribute", "value", "encodedValue",
            "salt", "subject", "issuedAt", "expiresAt", "issuer", "signature");

    public Attestation {
        value = value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value.deepCopy();
    }

    /** The six field elements the issuer signs (Poseidon's inputs, in the circuits' order). */
    public List<BigInteger> signedMessage() {
        try {
            return List.of(FieldEncoding.encodeString(schemaId), FieldEncoding.encodeString(attribute), encodedValue, salt,
                    subject, BigInteger.valueOf(expiresAt.getEpochSecond()));
        } catch (SchemaException e) {
            throw new IllegalStateException("schema and attribute names are never empty", e);
        }
    }

    public boolean selfAttested() {
        return issuer.selfAttested();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", TYPE);
        o.put("version", VERSION);
        o.put("schema", schemaId);
        o.put("attribute", attribute);
        o.set("value", value.deepCopy());
        o.put("encodedValue", encodedValue.toString());
        o.put("salt", salt.toString());
        o.put("subject", subject.toString());
        o.put("issuedAt", issuedAt.getEpochSecond());
        o.put("expiresAt", expiresAt.getEpochSecond());
        o.set("issuer", issuer.toJson());
        if (signature != null) {
            ObjectNode s = o.putObject("signature");
            s.put("r8x", signature.r8x().toString());
            s.put("r8y", signature.r8y().toString());
            s.put("s", signature.s().toString());
        }
        return o;
    }

    public byte[] canonicalBytes() {
        return CanonicalJson.canonicalize(toJson());
    }

    /** keccak256 of the canonical JSON: how an issuer names it when revoking it. */
    public byte[] hash() {
        return Hash.sha3(canonicalBytes());
    }

    /** Reads and checks the structure (not the signature: see {@link AttestationChecker}). */
    public static Attestation parse(byte[] json, SchemaRegistry schemas) throws AttestationException {
        try {
            return parse(JSON.readTree(json), schemas);
        } catch (JsonProcessingException e) {
            throw new AttestationException("The attestation is not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new AttestationException("The attestation is not valid JSON", e);
        }
    }

    static Attestation parse(JsonNode o, SchemaRegistry schemas) throws AttestationException {
        String w = "attestation";
        try {
            Json.only(o, w, FIELDS);
            if (!TYPE.equals(Json.text(o, "type", w)) || Json.integer(o, "version", w) != VERSION) {
                throw new AttestationException("Not an Enclave attestation of version " + VERSION + " (type or version field)");
            }
            CredentialSchema schema = schemas.get(Json.text(o, "schema", w));
            Attribute attribute = schema.attribute(Json.text(o, "attribute", w));
            JsonNode value = o.get("value");
            if (value == null) {
                throw new AttestationException("attestation.value is missing");
            }
            schema.requireValidValue(attribute.name(), value);
            BigInteger encoded = Json.field(o, "encodedValue", w);
            if (!FieldEncoding.encode(attribute, value).equals(encoded)) {
                throw new AttestationException("attestation.encodedValue is not the field encoding of attestation.value");
            }
            BigInteger salt = Json.field(o, "salt", w);
            if (salt.signum() == 0) {
                throw new AttestationException("attestation.salt is zero; an issuer draws a random salt");
            }
            Instant issued = Instant.ofEpochSecond(Json.integer(o, "issuedAt", w));
            Instant expires = Instant.ofEpochSecond(Json.integer(o, "expiresAt", w));
            if (!expires.isAfter(issued)) {
                throw new AttestationException("attestation.expiresAt is not after issuedAt");
            }
            Issuer issuer = Issuer.fromJson(o.get("issuer"), w + ".issuer");
            EdDsaSignature sig = null;
            if (o.has("signature")) {
                JsonNode s = o.get("signature");
                Json.only(s, w + ".signature", Set.of("r8x", "r8y", "s"));
                sig = new EdDsaSignature(Json.field(s, "r8x", w + ".signature"), Json.field(s, "r8y", w + ".signature"),
                        Json.decimal(s.get("s"), w + ".signature.s", EdDsaSignature.SUBGROUP_ORDER));
            } else if (!issuer.selfAttested()) {
                throw new AttestationException("The attestation claims an issuer but carries no signature");
            }
            return new Attestation(schema.id(), attribute.name(), value, encoded, salt, Json.field(o, "subject", w), issued,
                    expires, issuer, sig);
        } catch (PackageException | SchemaException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new AttestationException("The attestation is malformed: " + e.getMessage(), e);
        }
    }
}
