package org.atoll.contacts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Contacts and tasks are data and codecs only: they know the WBXML element model and ez-vcard, nothing of the
 * ActiveSync front end, the sync engine, the store or Spring, so the front end can depend on them without a cycle.
 */
class ItemClassesBoundaryTest {

    @Test
    void contactsAndTasksShouldDependOnlyOnTheJdkWbxmlAndEzVcard() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.atoll.contacts", "org.atoll.tasks");

        classes()
                .that()
                .resideInAPackage("org.atoll.contacts..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "org.jspecify..", "org.atoll.wbxml..", "ezvcard..", "org.atoll.contacts..")
                .check(classes);
        classes()
                .that()
                .resideInAPackage("org.atoll.tasks..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify..", "org.atoll.wbxml..", "org.atoll.tasks..")
                .check(classes);
    }
}
