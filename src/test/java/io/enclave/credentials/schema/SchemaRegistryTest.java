package io.enclave.credentials.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaRegistry schemas = SchemaRegistry.builtIn();

    @Test
    void theFiveTypesLoadWithTheirAttributesAndPredicates() throws Exception {
        assertThat(schemas.all()).extracting(CredentialSchema::type)
                .containsExactlyInAnyOrder("education", "employment", "financial", "identity", "health");
        CredentialSchema employment = schemas.latest("employment");
        assertThat(employment.id()).isEqualTo("urn:enclave:schema:employment:1");
        assertThat(employment.attribute("annualSalary").encoding()).isEqualTo(AttributeEncoding.INTEGER);
        assertThat(employment.attribute("annualSalary").decimals()).isEqualTo(2);
        assertThat(employment.attribute("startDate").encoding()).isEqualTo(AttributeEncoding.DATE);
        assertThat(employment.predicates()).extracting(PredicateTemplate::id)
                .contains("employer-in", "start-date-before", "salary-at-least");
        assertThat(schemas.latest("education").predicates()).extracting(PredicateTemplate::op)
                .contains(PredicateOp.EQ, PredicateOp.IN, PredicateOp.LTE);
        assertThat(schemas.latest("financial").attribute("minimumBalance").encoding())
                .isEqualTo(AttributeEncoding.SIGNED_INTEGER);
        assertThat(schemas.latest("identity").predicate("age-at-least").fromAge()).isTrue();
        assertThat(schemas.latest("health").predicate("vaccinated-against").op()).isEqualTo(PredicateOp.EQ);
    }

    @Test
    void validRecordsPassAndEveryKindOfMistakeIsNamed() throws Exception {
        CredentialSchema employment = schemas.get("urn:enclave:schema:employment:1");
        ObjectNode good = (ObjectNode) JSON.readTree("""
                {"employer": "Northwind Robotics", "title": "Engineer", "startDate": "2021-03-01",
                 "annualSalary": 8250000, "currency": "EUR"}""");
        assertThat(employment.validate(good)).isEmpty();

        assertThat(employment.validate(good.deepCopy().put("startDate", "2021-02-30")))
                .singleElement().asString().startsWith("$.startDate");
        assertThat(employment.validate(good.deepCopy().put("annualSalary", "lots")))
                .singleElement().asString().startsWith("$.annualSalary");
        assertThat(employment.validate(good.deepCopy().put("currency", "euro")))
                .singleElement().asString().startsWith("$.currency");
        assertThat(employment.validate(good.deepCopy().put("nickname", "JD")))
                .singleElement().asString().contains("nickname");
        ObjectNode missing = good.deepCopy();
        missing.remove("employer");
        assertThat(employment.validate(missing)).singleElement().asString().contains("employer");
    }

    @Test
    void unknownSchemasAndAttributesAreNamed() {
        assertThatThrownBy(() -> schemas.get("urn:enclave:schema:pets:1")).hasMessageContaining("pets")
                .hasMessageContaining("update Enclave");
        assertThatThrownBy(() -> schemas.latest("identity").attribute("shoeSize")).hasMessageContaining("shoeSize")
                .hasMessageContaining("birthDate");
    }

    @Test
    void aBrokenSchemaDocumentIsRefused() throws Exception {
        assertThatThrownBy(() -> CredentialSchema.parse(JSON.readTree("""
                {"$id": "urn:enclave:schema:x:1", "properties": {"a": {"type": "string", "x-enclave": {"encoding": "string"}}},
                 "x-enclave": {"type": "x", "version": 1,
                   "predicates": [{"id": "p", "attribute": "a", "op": "gte"}]}}"""))).hasMessageContaining("no order");
        assertThatThrownBy(() -> CredentialSchema.parse(JSON.readTree("""
                {"$id": "urn:enclave:schema:x:2", "properties": {"a": {"type": "string", "x-enclave": {"encoding": "string"}}},
                 "x-enclave": {"type": "x", "version": 1}}"""))).hasMessageContaining("urn:enclave:schema:<type>:<version>");
        assertThatThrownBy(() -> CredentialSchema.parse(JSON.readTree("""
                {"$id": "urn:enclave:schema:x:1", "properties": {"a": {"type": "string", "x-enclave": {"encoding": "blob"}}},
                 "x-enclave": {"type": "x", "version": 1}}"""))).hasMessageContaining("blob");
    }
}
