package org.atoll.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ezvcard.VCardVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.atoll.contacts.CardImport;
import org.atoll.contacts.Contact;
import org.atoll.contacts.ContactCards;
import org.atoll.contacts.ContactPicture;
import org.atoll.contacts.PhoneKind;
import org.atoll.tasks.Task;
import org.junit.jupiter.api.Test;

/** The demo address book and to-do list: deterministic, varied, and each contact whole through vCard. */
class DemoContactsTest {

    private static final List<Contact> DEMO = DemoContacts.generate(20261128L, DemoContacts.SIZE);

    @Test
    void sameSeedShouldGiveTheSameContactsAndALongerListShouldStartWithTheShorter() {
        assertThat(DemoContacts.generate(20261128L, DemoContacts.SIZE)).isEqualTo(DEMO);
        assertThat(DemoContacts.generate(20261128L, 200).subList(0, DemoContacts.SIZE))
                .isEqualTo(DEMO);
        assertThat(DemoContacts.generate(7L, DemoContacts.SIZE)).isNotEqualTo(DEMO);
    }

    @Test
    void demoContactsShouldBeVariedLikeARealAddressBook() {
        assertThat(DEMO).hasSize(50);
        assertThat(DEMO.getFirst().firstName()).isEqualTo("Lena");
        assertThat(DEMO.getFirst().emailAddresses()).first().isEqualTo("lena.brueckner@example.org");
        assertThat(DEMO)
                .filteredOn(c -> c.phones().containsKey(PhoneKind.MOBILE))
                .hasSizeGreaterThan(30);
        assertThat(DEMO)
                .filteredOn(c -> c.phones().containsKey(PhoneKind.BUSINESS))
                .hasSizeGreaterThan(15);
        assertThat(DEMO).filteredOn(c -> c.phones().containsKey(PhoneKind.HOME)).hasSizeGreaterThan(8);
        assertThat(DEMO).filteredOn(c -> !c.addresses().isEmpty()).hasSizeGreaterThan(15);
        assertThat(DEMO).filteredOn(c -> c.birthday() != null).hasSizeGreaterThan(15);
        assertThat(DEMO).filteredOn(c -> c.companyName() != null).hasSizeGreaterThan(20);
        assertThat(DEMO).filteredOn(c -> c.nickName() != null).isNotEmpty();
        assertThat(DEMO).filteredOn(c -> c.picture() != null).hasSizeGreaterThan(5);
        assertThat(DEMO).filteredOn(c -> !c.categories().isEmpty()).hasSizeGreaterThan(10);
        assertThat(DEMO).filteredOn(c -> c.body() != null).isNotEmpty();
        assertThat(DEMO.stream().map(Contact::lastName).filter(Objects::nonNull).distinct())
                .hasSizeGreaterThan(25);
    }

    @Test
    void picturesShouldBePngsSmallEnoughForEveryDevice_MsAscntc_2_2_2_58() {
        assertThat(DEMO).map(Contact::picture).filteredOn(Objects::nonNull).allSatisfy(picture -> {
            byte[] bytes = ((ContactPicture.Inline) picture).bytes();
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            assertThat(bytes.length * 4 / 3).isLessThan(48 * 1024);
        });
    }

    @Test
    void everyGeneratedContactShouldComeBackWholeFromVcard_Rfc6350_Rfc2426() {
        List<Contact> many = DemoContacts.generate(3L, 1000);
        for (VCardVersion version : List.of(VCardVersion.V4_0, VCardVersion.V3_0)) {
            CardImport read = ContactCards.read(ContactCards.write(many, version));

            assertThat(read.refused()).as(version.getVersion()).isEmpty();
            assertThat(read.accepted()).as(version.getVersion()).containsExactlyElementsOf(many);
        }
    }

    @Test
    void demoTasksShouldHoldRecurringDoneAndDueTasksWithReminders_MsAstask_2_2_2() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        List<Task> tasks = DemoTasks.tasks(now);

        assertThat(tasks).hasSize(DemoTasks.SIZE).hasSize(15);
        assertThat(DemoTasks.tasks(now)).isEqualTo(tasks);
        assertThat(tasks).filteredOn(t -> t.recurrence() != null).hasSizeGreaterThanOrEqualTo(4);
        assertThat(tasks)
                .filteredOn(t -> t.recurrence() != null && t.recurrence().regenerate())
                .hasSize(1);
        assertThat(tasks).filteredOn(Task::complete).hasSizeGreaterThanOrEqualTo(3);
        assertThat(tasks)
                .filteredOn(Task::complete)
                .allSatisfy(t -> assertThat(t.dateCompleted()).isNotNull());
        assertThat(tasks).filteredOn(t -> t.utcDue() != null).hasSizeGreaterThan(10);
        assertThat(tasks)
                .filteredOn(Task::reminderSet)
                .allSatisfy(t -> assertThat(t.reminderTime()).isNotNull());
        assertThat(tasks).filteredOn(Task::reminderSet).hasSizeGreaterThanOrEqualTo(3);
        assertThat(tasks)
                .filteredOn(
                        t -> !t.complete() && t.utcDue() != null && t.utcDue().isBefore(now))
                .as("something overdue")
                .isNotEmpty();
    }
}
