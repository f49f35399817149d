package io.enclave.credentials.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.schema.FieldEncoding;
import java.math.BigInteger;
import java.util.Set;

/**
 * Who signed the attribute a credential proves something about: the BabyJubJub public key {@code (ax, ay)} that
 * signed it with EdDSA-Poseidon, and whether that key is an issuer's or the holder's own (self-attested data). A
 * self-attested credential stays self-attested: no step turns it into an issuer's.
 */
public record Issuer(Provenance provenance, BigInteger ax, BigInteger ay) {

    public enum Provenance {
        ISSUER("issuer"), SELF_ATTESTED("self-attested");

        private final String id;

        Provenance(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Provenance ofId(String id) throws PackageException {
            for (Provenance p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new PackageException("Unknown provenance '" + id + "' (expected issuer or self-attested)");
        }
    }

    public Issuer {
        if (provenance == null || ax == null || ay == null) {
            throw new IllegalArgumentException("provenance and key are required");
        }
        if (ax.signum() < 0 || ax.compareTo(FieldEncoding.R) >= 0 || ay.signum() < 0 || ay.compareTo(FieldEncoding.R) >= 0) {
            throw new IllegalArgumentException("a BabyJubJub key's coordinates are field elements below r");
        }
    }

    public boolean selfAttested() {
        return provenance == Provenance.SELF_ATTESTED;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("provenance", provenance.id());
        o.put("ax", ax.toString());
        o.put("ay", ay.toString());
        return o;
    }

    public static Issuer fromJson(JsonNode o, String where) throws PackageException {
        Json.only(o, where, Set.of("provenance", "ax", "ay"));
        return new Issuer(Provenance.ofId(Json.text(o, "provenance", where)), Json.field(o, "ax", where),
                Json.field(o, "ay", where));
    }

    /** A short form for people: {@code 0x1a2b…9f0e/0x…}. */
    public String display() {
        return (selfAttested() ? "self-attested key " : "issuer key ") + "(" + ax.toString(16) + ", " + ay.toString(16) + ")";
    }
}
