package io.enclave.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.importer.ImportedRecord;
import io.enclave.credentials.schema.CredentialSchema;
import io.enclave.credentials.schema.PredicateOp;
import io.enclave.credentials.schema.PredicateTemplate;
import io.enclave.credentials.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

/** The wizard's words: schema titles, the suggested listing title and file name, constant help, what stays local. */
class StudioWordsTest {
    private final SchemaRegistry schemas = SchemaRegistry.builtIn();

    @Test
    void titlesAndFileNames() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        String title = StudioWords.schemaTitle(schemas, employment.id());
        assertThat(title).isEqualTo(employment.title() + " (version " + employment.version() + ")");
        assertThat(StudioWords.schemaTitle(schemas, "no-such-schema")).isEqualTo("no-such-schema");
        assertThat(StudioWords.suggestedTitle(title, "annualSalary >= 50000.00"))
                .isEqualTo(employment.title() + ": annualSalary >= 50000.00");
        assertThat(StudioWords.packageFileName("0x1a2b3c4d5e6f")).isEqualTo("credential-1a2b3c4d.json");
    }

    @Test
    void constantHelpFollowsThePredicate() {
        assertThat(StudioWords.constantHelp(null)).isEmpty();
        assertThat(StudioWords.constantHelp(new PredicateTemplate("age", "birthDate", PredicateOp.GTE, "age at least", true)))
                .contains("age in whole years");
        assertThat(StudioWords.constantHelp(new PredicateTemplate("in", "country", PredicateOp.IN, "one of", false)))
                .contains("separated by ';'").contains(String.valueOf(PredicateOp.MAX_SET_SIZE));
        assertThat(StudioWords.constantHelp(new PredicateTemplate("min", "annualSalary", PredicateOp.GTE, "at least",
                false))).contains("One value");
    }

    @Test
    void theOtherValuesOfTheRecordStayLocalAndTheProvenOneIsNotAmongThem() throws Exception {
        CredentialSchema employment = schemas.latest("employment");
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        values.put("employer", "Northwind Robotics");
        values.put("title", "Engineer");
        values.put("startDate", "2021-03-01");
        values.put("annualSalary", "82500.00");
        values.put("currency", "EUR");
        ImportedRecord jane = new ImportedRecord(values, "people.csv line 2");
        var local = StudioWords.otherValues(employment, jane, "annualSalary");
        assertThat(local).extracting(StudioService.Check::name).contains("employer", "startDate")
                .doesNotContain("annualSalary");
        assertThat(local).extracting(StudioService.Check::detail).contains("Northwind Robotics (your data)")
                .noneMatch(d -> d.contains("82500"));
        assertThat(StudioWords.otherValues(employment, null, "annualSalary")).isEmpty();
    }
}
