package org.atoll.eas.request;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The request parser knows no servlet API and no Spring: it takes a query string and a header lookup. */
class RequestModuleBoundaryTest {

    @Test
    void dependsOnlyOnTheJdk() {
        JavaClasses parser = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.atoll.eas.request");

        noClasses()
                .that()
                .resideInAPackage("org.atoll.eas.request..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.atoll.eas.request..", "org.jspecify.annotations..")
                .check(parser);
    }
}
