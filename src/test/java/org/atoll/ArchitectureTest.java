package org.atoll;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module structure of STYLE.md, checked on the compiled classes. */
class ArchitectureTest {

    /** The JDBC API: where it is used, SQL is run. Value types such as {@code SQLException} may travel. */
    private static final DescribedPredicate<JavaClass> JDBC = JavaClass.Predicates.resideInAnyPackage(
                    "org.springframework.jdbc..", "javax.sql..")
            .or(JavaClass.Predicates.belongToAnyOf(
                    java.sql.Connection.class,
                    java.sql.DriverManager.class,
                    java.sql.Statement.class,
                    java.sql.PreparedStatement.class,
                    java.sql.CallableStatement.class,
                    java.sql.ResultSet.class))
            .as("the JDBC API");

    static JavaClasses atoll;

    @BeforeAll
    static void importClasses() {
        atoll = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.atoll");
    }

    /** Every package directly under {@code org.atoll} is a module (STYLE.md). */
    static List<String> modules() {
        return atoll.getPackage("org.atoll").getSubpackages().stream()
                .map(JavaPackage::getRelativeName)
                .sorted()
                .toList();
    }

    @Test
    void theModulesShouldBeThePackagesUnderTheRoot() {
        assertThat(modules())
                .contains("account", "eas", "mailbox", "sync", "wbxml")
                .doesNotContain("internal");
    }

    @Test
    void noModuleShouldReachIntoAnotherModulesInternals() {
        for (String module : modules()) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.atoll." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.atoll." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(atoll);
        }
    }

    /** Dependencies between modules point one way: no module depends, through others, on itself. */
    @Test
    void modulesShouldBeFreeOfCycles() {
        slices().matching("org.atoll.(*)..").should().beFreeOfCycles().check(atoll);
    }

    @Test
    void sqlShouldRunOnlyInInternalPackages() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..internal..")
                .should()
                .dependOnClassesThat(JDBC)
                .check(atoll);
    }

    @Test
    void persistenceTypesShouldStayInInternalPackages() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.persistence..")
                .check(atoll);
    }

    @Test
    void mimeParsingShouldKnowNothingOfSpringOrTheStore() {
        classes()
                .that()
                .resideInAPackage("org.atoll.mime..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "jakarta.mail..",
                        "jakarta.activation..",
                        "org.eclipse.angus..",
                        "org.jspecify..",
                        "org.atoll.mime..")
                .check(atoll);
    }

    @Test
    void theCalendarCoreShouldKnowNothingOfSpringOrTheStore() {
        classes()
                .that()
                .resideInAPackage("org.atoll.calendar..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "net.fortuna.ical4j..",
                        "com.ibm.icu..",
                        "org.jspecify..",
                        "org.atoll.wbxml..",
                        "org.atoll.calendar..")
                .check(atoll);
    }

    @Test
    void mailFlowShouldKnowNoDeviceProtocol() {
        noClasses()
                .that()
                .resideInAPackage("org.atoll.mail..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.atoll.eas..",
                        "org.atoll.wbxml..",
                        "org.atoll.sync..",
                        "org.atoll.device..",
                        "org.atoll.security..",
                        "org.springframework.web..")
                .check(atoll);
    }

    @Test
    void theStoreShouldKnowNoFrontEnd() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.atoll.mailbox..", "org.atoll.account..", "org.atoll.device..", "org.atoll.audit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.atoll.wbxml..", "org.atoll.security..", "org.springframework.web..")
                .check(atoll);
    }

    @Test
    void frontEndsShouldNotDependOnEachOther() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.atoll.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atoll.api..")
                .check(atoll);
        noClasses()
                .that()
                .resideInAPackage("org.atoll.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.atoll.eas..", "org.atoll.wbxml..")
                .check(atoll);
    }

    /** Only the API reads the trail; the retention job removes entries past their age and writes none. */
    @Test
    void theDashboardShouldCallModuleApisOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.atoll.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atoll.dashboard..")
                .check(atoll);
        noClasses()
                .that()
                .resideInAPackage("org.atoll.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.atoll.api..",
                        "org.atoll.eas..",
                        "org.atoll.wbxml..",
                        "org.atoll.security..",
                        "org.springframework.jdbc..",
                        "jakarta.persistence..")
                .check(atoll);
    }

    @Test
    void theAuditTrailShouldOnlyListen() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.atoll.audit..")
                .and()
                .resideOutsideOfPackage("org.atoll.api..")
                .and()
                .resideOutsideOfPackage("org.atoll.retention..")
                .and()
                .resideOutsideOfPackage("org.atoll.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.atoll.audit..")
                .check(atoll);
    }
}
