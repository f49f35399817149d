package io.enclave.credentials.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.Attribute;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.PredicateOp;
import io.enclave.credentials.schema.SchemaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the person sees before making a credential: every attribute value, which stays on this device, and everything a
 * proof reveals — schema, predicate and its constants, issuer key, context binding, validity — which never includes
 * the value itself. For = and ∈ it says plainly what a true statement implies about the value.
 *
 * @param predicateHolds whether the value satisfies the predicate (a proof can only be made when it does)
 */
public record CredentialPreview(String schemaId, List<Item> staysOnDevice, List<Item> revealed, boolean predicateHolds) {

    /** One line of the preview. */
    public record Item(String label, String value) {
    }

    public CredentialPreview {
        staysOnDevice = List.copyOf(staysOnDevice);
        revealed = List.copyOf(revealed);
    }

    public static CredentialPreview of(CredentialSchema schema, ImportedRecord record, Predicate predicate, Issuer issuer,
                                       ContextBinding context, Instant validUntil) throws SchemaException {
        if (!predicate.schemaId().equals(schema.id())) {
            throw new SchemaException("The predicate is for schema " + predicate.schemaId() + ", the record for " + schema.id());
        }
        JsonNode values = record.values();
        JsonNode value = values.get(predicate.attribute());
        if (value == null) {
            throw new SchemaException("The record (" + record.origin() + ") has no '" + predicate.attribute()
                    + "', which the predicate compares: choose another record or predicate");
        }
        List<Item> device = new ArrayList<>();
        for (Attribute a : schema.attributes()) {
            JsonNode v = values.get(a.name());
            if (v != null) {
                String unit = a.unit().isEmpty() ? "" : " (" + (a.decimals() > 0 ? "amount" : a.unit()) + ")";
                device.add(new Item(a.name() + unit, Predicate.display(a, v)));
            }
        }
        device.add(new Item("source", record.origin()));
        device.add(new Item("salt and issuer signature", "kept in the encrypted vault"));
        List<Item> revealed = new ArrayList<>();
        revealed.add(new Item("schema", schema.id() + " (" + schema.title() + ")"));
        revealed.add(new Item("statement", predicate.statement()));
        Attribute attribute = schema.attribute(predicate.attribute());
        List<String> constants = predicate.constants().stream().map(c -> Predicate.display(attribute, c)).toList();
        revealed.add(new Item("predicate constants", String.join(", ", constants)));
        revealed.add(new Item("what a buyer learns", learns(predicate, attribute)));
        revealed.add(new Item("issuer", issuer.display() + (issuer.selfAttested()
                ? " — self-attested: no issuer vouches for the value" : "")));
        revealed.add(new Item("context binding", context.display() + " (field element " + context.fieldElement() + ")"));
        revealed.add(new Item("valid until", validUntil.toString()));
        return new CredentialPreview(schema.id(), device, revealed, predicate.holds(schema, value));
    }

    private static String learns(Predicate p, Attribute a) {
        if (p.op() == PredicateOp.EQ) {
            return "that " + a.name() + " is exactly the constant above (the proof states it, so the value is known)";
        }
        if (p.op() == PredicateOp.IN) {
            return "that " + a.name() + " is one of the " + p.constants().size() + " constants above, not which one"
                    + (p.constants().size() == 1 ? " (with one constant, the value itself)" : "");
        }
        return "that " + a.name() + " satisfies " + p.op().symbol() + " the constant, not the value";
    }
}
