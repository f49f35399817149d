package io.enclave.credentials.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private final SchemaRegistry schemas = SchemaRegistry.builtIn();

    @Test
    void salaryAtLeastComparesMinorUnits() throws Exception {
        CredentialSchema s = schemas.latest("employment");
        Predicate p = Predicate.create(s, "salary-at-least", List.of(N.numberNode(5000000)));
        assertThat(p.encodedConstants()).containsExactly(BigInteger.valueOf(5000000));
        assertThat(p.statement()).isEqualTo("Annual salary at least 50000.00 [annualSalary ≥]");
        assertThat(p.holds(s, N.numberNode(5000000))).isTrue();
        assertThat(p.holds(s, N.numberNode(4999999))).isFalse();
    }

    @Test
    void employerInSetAndDates() throws Exception {
        CredentialSchema s = schemas.latest("employment");
        Predicate in = Predicate.create(s, "employer-in", List.of(N.textNode("Contoso Ltd"), N.textNode("Northwind Robotics")));
        assertThat(in.holds(s, N.textNode(" Northwind Robotics "))).isTrue();
        assertThat(in.holds(s, N.textNode("Fabrikam Inc."))).isFalse();
        Predicate before = Predicate.create(s, "start-date-before", List.of(N.textNode("2022-01-01")));
        assertThat(before.encodedConstants()).containsExactly(BigInteger.valueOf(20220101));
        assertThat(before.holds(s, N.textNode("2021-03-01"))).isTrue();
        assertThat(before.holds(s, N.textNode("2022-01-02"))).isFalse();
    }

    @Test
    void ageAtLeast18IsABirthDateBound() throws Exception {
        CredentialSchema s = schemas.latest("identity");
        Predicate p = Predicate.ageAtLeast(s, 18, LocalDate.of(2026, 11, 29));
        assertThat(p.encodedConstants()).containsExactly(BigInteger.valueOf(20081129));
        assertThat(p.holds(s, N.textNode("2008-11-29"))).isTrue();
        assertThat(p.holds(s, N.textNode("2008-11-30"))).isFalse();
        assertThat(p.statement()).isEqualTo("Age at least 18 years on 2026-11-29");
    }

    @Test
    void balancesMayBeNegative() throws Exception {
        CredentialSchema s = schemas.latest("financial");
        Predicate p = Predicate.create(s, "minimum-balance-at-least", List.of(N.numberNode(-10000)));
        assertThat(p.holds(s, N.numberNode(-9999))).isTrue();
        assertThat(p.holds(s, N.numberNode(-10001))).isFalse();
    }

    @Test
    void wrongConstantsAreRefusedWithTheReason() {
        CredentialSchema employment = latest("employment");
        assertThatThrownBy(() -> Predicate.create(employment, "salary-at-least", List.of()))
                .hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> Predicate.create(employment, "salary-at-least", List.of(N.textNode("a lot"))))
                .hasMessageContaining("annualSalary");
        assertThatThrownBy(() -> Predicate.create(employment, "employer-in", List.of(N.textNode("A"), N.textNode(" A"))))
                .hasMessageContaining("twice");
        List<JsonNode> tooMany = new ArrayList<>();
        for (int i = 0; i <= PredicateOp.MAX_SET_SIZE; i++) {
            tooMany.add(N.textNode("Employer " + i));
        }
        assertThatThrownBy(() -> Predicate.create(employment, "employer-in", tooMany)).hasMessageContaining("1 to 16");
        assertThatThrownBy(() -> Predicate.create(employment, "age-at-least", List.of(N.numberNode(1))))
                .hasMessageContaining("offers no predicate");
        assertThatThrownBy(() -> Predicate.create(latest("identity"), "country-in", List.of(N.textNode("Netherlands"))))
                .hasMessageContaining("country");
        assertThatThrownBy(() -> Predicate.ageAtLeast(latest("identity"), 0, LocalDate.of(2026, 1, 1)))
                .hasMessageContaining("1 to 150");
    }

    @Test
    void jsonRoundTripAndTamperedFieldsAreRefused() throws Exception {
        CredentialSchema s = latest("education");
        Predicate p = Predicate.create(s, "graduated-by", List.of(N.numberNode(2018)));
        assertThat(Predicate.fromJson(p.toJson(), schemas)).isEqualTo(p);
        ObjectNode op = p.toJson();
        op.put("op", "gte");
        assertThatThrownBy(() -> Predicate.fromJson(op, schemas)).hasMessageContaining("does not match");
        ObjectNode enc = p.toJson();
        enc.putArray("encodedConstants").add("2030");
        assertThatThrownBy(() -> Predicate.fromJson(enc, schemas)).hasMessageContaining("does not match");
        ObjectNode statement = p.toJson();
        statement.put("statement", "Graduated with honours");
        assertThatThrownBy(() -> Predicate.fromJson(statement, schemas)).hasMessageContaining("does not match");
    }

    private CredentialSchema latest(String type) {
        try {
            return schemas.latest(type);
        } catch (SchemaException e) {
            throw new AssertionError(e);
        }
    }
}
