package org.atoll.wbxml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The codec is a leaf module: it uses the JDK and JSpecify annotations, nothing else (no Spring). */
class WbxmlModuleBoundaryTest {

    @Test
    void dependsOnlyOnTheJdk() {
        JavaClasses codec = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.atoll.wbxml");

        noClasses()
                .that()
                .resideInAPackage("org.atoll.wbxml..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.atoll.wbxml..", "org.jspecify.annotations..")
                .check(codec);
    }
}
