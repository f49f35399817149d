package io.enclave.credentials.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.pkg.ContextBinding;
import io.enclave.credentials.pkg.Issuer;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.Predicate;
import io.enclave.credentials.schema.SchemaRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialPreviewTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final Issuer ISSUER = new Issuer(Issuer.Provenance.ISSUER, BigInteger.valueOf(0xabc), BigInteger.TEN);
    private static final ContextBinding CONTEXT = new ContextBinding(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            BigInteger.valueOf(7), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    private static ImportedRecord record() {
        ObjectNode v = N.objectNode();
        v.put("employer", "Quillfeather Analytics");
        v.put("title", "Staff Cartographer");
        v.put("startDate", "2019-04-01");
        v.put("annualSalary", 9876543);
        v.put("currency", "EUR");
        return new ImportedRecord(v, "people.csv line 7");
    }

    @Test
    void everyValueStaysOnTheDeviceAndNoneIsRevealed() throws Exception {
        CredentialSchema s = SchemaRegistry.builtIn().latest("employment");
        Predicate p = Predicate.create(s, "salary-at-least", List.of(N.numberNode(6000000)));
        CredentialPreview preview = CredentialPreview.of(s, record(), p, ISSUER, CONTEXT, Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(preview.predicateHolds()).isTrue();
        assertThat(preview.staysOnDevice()).extracting(CredentialPreview.Item::value)
                .contains("Quillfeather Analytics", "Staff Cartographer", "2019-04-01", "98765.43", "EUR", "people.csv line 7");
        String revealed = preview.revealed().toString();
        assertThat(revealed).contains("urn:enclave:schema:employment:1", "Annual salary at least 60000.00", "issuer key",
                "listing 7", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", CONTEXT.fieldElement().toString(), "2027-01-01")
                .doesNotContain("98765", "9876543", "Quillfeather", "Cartographer", "2019-04-01");
        assertThat(preview.revealed()).extracting(CredentialPreview.Item::label).containsExactly("schema", "statement",
                "predicate constants", "what a buyer learns", "issuer", "context binding", "valid until");
    }

    @Test
    void equalityAndSetMembershipSayWhatTheyImply() throws Exception {
        CredentialSchema s = SchemaRegistry.builtIn().latest("employment");
        Predicate eq = Predicate.create(s, "title-is", List.of(N.textNode("Staff Cartographer")));
        assertThat(CredentialPreview.of(s, record(), eq, ISSUER, CONTEXT, Instant.EPOCH.plusSeconds(1)).revealed().get(3).value())
                .contains("exactly");
        Predicate in = Predicate.create(s, "employer-in", List.of(N.textNode("Contoso"), N.textNode("Fabrikam")));
        CredentialPreview p = CredentialPreview.of(s, record(), in, ISSUER, CONTEXT, Instant.EPOCH.plusSeconds(1));
        assertThat(p.predicateHolds()).isFalse();
        assertThat(p.revealed().get(3).value()).contains("one of the 2 constants");
    }

    @Test
    void selfAttestedIsSaidAndAMissingAttributeIsAnError() throws Exception {
        CredentialSchema s = SchemaRegistry.builtIn().latest("employment");
        Issuer self = new Issuer(Issuer.Provenance.SELF_ATTESTED, BigInteger.ONE, BigInteger.TWO);
        Predicate p = Predicate.create(s, "start-date-before", List.of(N.textNode("2020-01-01")));
        assertThat(CredentialPreview.of(s, record(), p, self, CONTEXT, Instant.EPOCH.plusSeconds(1)).revealed().get(4).value())
                .contains("self-attested");
        ObjectNode v = record().values();
        v.remove("startDate");
        assertThatThrownBy(() -> CredentialPreview.of(s, new ImportedRecord(v, "x"), p, ISSUER, CONTEXT, Instant.EPOCH))
                .hasMessageContaining("no 'startDate'");
    }
}
