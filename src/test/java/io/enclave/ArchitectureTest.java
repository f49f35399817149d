package io.enclave;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.enclave");
    }

    /** Domain code is plain Java that a server or CLI can use. */
    static final ArchRule ONLY_UI_USES_JAVAFX = noClasses().that().resideOutsideOfPackage("io.enclave.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.enclave.ui..")
            .because("only the ui package may use JavaFX (STYLE.md rule 1); the launcher starts it reflectively");

    /** The discovery server never touches the desktop or the keys. */
    static final ArchRule DISCOVERY_IS_SERVER_SIDE = noClasses().that().resideInAPackage("io.enclave.discovery..")
            .should().dependOnClassesThat().resideInAnyPackage("io.enclave.ui..", "io.enclave.wallet..")
            .allowEmptyShould(true)
            .because("the discovery server serves public chain data and never signs");

    static final ArchRule NO_CYCLES = slices().matching("io.enclave.(*)..").should().beFreeOfCycles()
            .allowEmptyShould(true);

    @Test
    void onlyUiImportsJavaFx() {
        ONLY_UI_USES_JAVAFX.check(classes);
    }

    /** The rule is not vacuous: a domain class importing JavaFX (a test fixture) is reported. */
    @Test
    void theJavaFxRuleCatchesADomainClassImportingJavaFx() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.enclave.archfixture");
        assertThatThrownBy(() -> ONLY_UI_USES_JAVAFX.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DomainClassUsingJavaFx")
                .hasMessageContaining("javafx.beans.property.SimpleStringProperty");
    }

    @Test
    void discoveryImportsNeitherUiNorWallet() {
        DISCOVERY_IS_SERVER_SIDE.check(classes);
    }

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(classes);
    }
}
