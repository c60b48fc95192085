package org.atoll.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlDecoder;
import org.atoll.wbxml.WbxmlElement;
import org.atoll.wbxml.WbxmlEncoder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskEasTest {

    static final CodePage AIRSYNC = CodePage.AIRSYNC;
    static final CodePage TASKS = CodePage.TASKS;
    static final CodePage BASE = CodePage.AIRSYNCBASE;

    @Nested
    class SpecExamples {

        /**
         * MS-ASTASK 4.1 (Synchronizing Tasks Between Client and Server): the client's new task, every element of its
         * ApplicationData as the spec prints it, read field for field.
         */
        @Test
        void clientTaskOfMsAstask41ShouldBeRead() throws Exception {
            Task task = TaskEas.read(msAstask41(), 141);

            assertThat(task)
                    .isEqualTo(Task.builder()
                            .subject("TPS Reports for August 2009")
                            .body("Must complete TPS reports using the new cover sheet.")
                            .importance(Importance.HIGH)
                            .categories(List.of("Business", "Reports"))
                            .complete(false)
                            .localDue(LocalDateTime.parse("2009-09-03T13:00:00"))
                            .utcDue(Instant.parse("2009-09-03T20:00:00Z"))
                            .reminderSet(true)
                            .reminderTime(Instant.parse("2009-09-02T09:00:00Z"))
                            .sensitivity(Sensitivity.PERSONAL)
                            .localStart(LocalDateTime.parse("2009-09-03T09:00:00"))
                            .utcStart(Instant.parse("2009-09-03T16:00:00Z"))
                            .build());
        }

        /**
         * The task of MS-ASTASK 4.1 as the server writes it to a 14.1 device: the same Tasks elements with the same
         * values, element for element, after the body (which comes back as plain text, Type 1: task bodies are kept
         * as text).
         */
        @Test
        void taskOfMsAstask41ShouldBeWrittenWithTheElementsTheSpecShows() throws Exception {
            List<WbxmlElement> spec = msAstask41().children().stream()
                    .filter(e -> e.page() == TASKS)
                    .toList();

            List<WbxmlElement> written =
                    TaskEas.applicationData(TaskEas.read(msAstask41(), 141), 141, null).children().stream()
                            .filter(e -> e.page() == TASKS)
                            .toList();

            assertThat(written).containsExactlyInAnyOrderElementsOf(spec);
        }

        private static WbxmlElement msAstask41() {
            return WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(WbxmlElement.of(BASE, "Body")
                            .add("Type", "2")
                            .add("Data", "<strong>Must</strong> complete TPS reports using the new cover sheet."))
                    .add(TASKS, "Subject", "TPS Reports for August 2009")
                    .add(TASKS, "Importance", "2")
                    .add(WbxmlElement.of(TASKS, "Categories")
                            .add("Category", "Business")
                            .add("Category", "Reports"))
                    .add(TASKS, "Complete", "0")
                    .add(TASKS, "DueDate", "2009-09-03T13:00:00.000Z")
                    .add(TASKS, "UtcDueDate", "2009-09-03T20:00:00.000Z")
                    .add(TASKS, "ReminderSet", "1")
                    .add(TASKS, "ReminderTime", "2009-09-02T09:00:00.000Z")
                    .add(TASKS, "Sensitivity", "1")
                    .add(TASKS, "StartDate", "2009-09-03T09:00:00.000Z")
                    .add(TASKS, "UtcStartDate", "2009-09-03T16:00:00.000Z");
        }

        /**
         * MS-ASTASK 4.3 (Fetching Task Data with the ItemOperations Command): with TruncationSize 256, a task
         * without body text starts with these elements, element for element.
         */
        @Test
        void fetchedTaskOfMsAstask43ShouldStartAsTheSpecShows() {
            Task task = Task.builder()
                    .subject("Complete This Week's Test Run ")
                    .importance(Importance.HIGH)
                    .build();

            List<WbxmlElement> children =
                    TaskEas.applicationData(task, 141, 256L).children();

            assertThat(children.subList(0, 3))
                    .containsExactly(
                            WbxmlElement.of(BASE, "Body").add("Type", "1").add("EstimatedDataSize", "0"),
                            WbxmlElement.text(TASKS, "Subject", "Complete This Week's Test Run "),
                            WbxmlElement.text(TASKS, "Importance", "2"));
        }

        /** The independent libwbxml vector of a client's Add (shared test data, task-add). */
        @Test
        void clientAddEncodedByLibwbxmlShouldBeRead() throws Exception {
            WbxmlElement sync = new WbxmlDecoder().decode(vector("task-add.wbxml"));
            WbxmlElement data = sync.child("Collections")
                    .flatMap(c -> c.child("Collection"))
                    .flatMap(c -> c.child("Commands"))
                    .flatMap(c -> c.child("Add"))
                    .flatMap(c -> c.child("ApplicationData"))
                    .orElseThrow();

            assertThat(TaskEas.read(data, 141))
                    .isEqualTo(Task.builder()
                            .subject("File expenses")
                            .importance(Importance.HIGH)
                            .complete(false)
                            .utcDue(Instant.parse("2026-12-01T17:00:00Z"))
                            .build());
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(ints = {141, 160, 161})
        void everyFieldShouldSurviveEncodeAndDecode(int version) throws Exception {
            for (Task task : varied()) {
                assertThat(roundTrip(task, version)).isEqualTo(task);
            }
        }

        /** MS-ASTASK 2.2.2.4, 2.2.2.13, 2.2.2.16: 12.1 has no CalendarType, IsLeapMonth or FirstDayOfWeek. */
        @Test
        void protocolTwelveOneShouldKeepAllButTheCalendarFieldsOfFourteen() throws Exception {
            for (Task task : varied()) {
                Task expected = task.recurrence() == null
                        ? task
                        : task.toBuilder()
                                .recurrence(withoutFourteen(task.recurrence()))
                                .build();
                assertThat(roundTrip(task, 121)).isEqualTo(expected);
            }
            WbxmlElement recurrence = TaskEas.applicationData(varied().get(0), 121, null)
                    .child(TASKS, "Recurrence")
                    .orElseThrow();
            assertThat(recurrence.child("CalendarType")).isEmpty();
            assertThat(recurrence.child("FirstDayOfWeek")).isEmpty();
        }

        @Test
        void firstDayOfWeekShouldBeWrittenFromFourteenOneOn() {
            Task task = varied().get(0);

            assertThat(recurrenceOf(task, 140).child("FirstDayOfWeek")).isEmpty();
            assertThat(recurrenceOf(task, 140).text("CalendarType")).contains("1");
            assertThat(recurrenceOf(task, 141).text("FirstDayOfWeek")).contains("1");
        }

        private static WbxmlElement recurrenceOf(Task task, int version) {
            return TaskEas.applicationData(task, version, null)
                    .child(TASKS, "Recurrence")
                    .orElseThrow();
        }

        private static Task roundTrip(Task task, int version) throws Exception {
            byte[] wire = new WbxmlEncoder().encode(TaskEas.applicationData(task, version, null));
            return TaskEas.read(new WbxmlDecoder().decode(wire), version);
        }

        private static TaskRecurrence withoutFourteen(TaskRecurrence r) {
            return new TaskRecurrence(
                    r.type(),
                    r.start(),
                    r.until(),
                    r.occurrences(),
                    r.interval(),
                    r.dayOfWeek(),
                    r.dayOfMonth(),
                    r.weekOfMonth(),
                    r.monthOfYear(),
                    r.regenerate(),
                    r.deadOccur(),
                    null,
                    false,
                    null);
        }
    }

    /** Each of these is Sync Status 6 for the item (MS-ASCMD 2.2.3.177.17). */
    @Nested
    class Malformed {

        @ParameterizedTest
        @ValueSource(strings = {"2026-12-01", "2026-12-01 17:00:00", "2026-12-01T17:00:00", "20261201T170000Z"})
        void dueDateThatIsNoActiveSyncDateTimeShouldBeRefused(String sent) {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(TASKS, "UtcDueDate", sent);

            assertThatThrownBy(() -> TaskEas.read(data, 141))
                    .isInstanceOf(MalformedTask.class)
                    .hasMessageContaining("UtcDueDate");
        }

        @Test
        void elementOfAnotherClassShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(TASKS, "Subject", "Pay rent")
                    .add(CodePage.CONTACTS, "FirstName", "Ann");

            assertThatThrownBy(() -> TaskEas.read(data, 141))
                    .isInstanceOf(MalformedTask.class)
                    .hasMessageContaining("Contacts:FirstName");
        }

        @Test
        void recurrenceElementOutsideRecurrenceShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(TASKS, "Interval", "2");

            assertThatThrownBy(() -> TaskEas.read(data, 141)).isInstanceOf(MalformedTask.class);
        }

        @Test
        void recurrenceWithoutStartShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(WbxmlElement.of(TASKS, "Recurrence").add("Type", "1"));

            assertThatThrownBy(() -> TaskEas.read(data, 141))
                    .isInstanceOf(MalformedTask.class)
                    .hasMessageContaining("Start");
        }

        @Test
        void recurrenceOfTypeFourShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(WbxmlElement.of(TASKS, "Recurrence")
                            .add("Type", "4")
                            .add("Start", "2026-01-01T00:00:00.000Z"));

            assertThatThrownBy(() -> TaskEas.read(data, 141)).isInstanceOf(MalformedTask.class);
        }

        @Test
        void completedTaskWithoutDateCompletedShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(TASKS, "Complete", "1");

            assertThatThrownBy(() -> TaskEas.read(data, 141))
                    .isInstanceOf(MalformedTask.class)
                    .hasMessageContaining("DateCompleted");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3", "-1", "high"})
        void importanceOutOfRangeShouldBeRefused(String sent) {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData").add(TASKS, "Importance", sent);

            assertThatThrownBy(() -> TaskEas.read(data, 141)).isInstanceOf(MalformedTask.class);
        }

        @Test
        void bodyOfRtfShouldBeRefused() {
            WbxmlElement data = WbxmlElement.of(AIRSYNC, "ApplicationData")
                    .add(WbxmlElement.of(BASE, "Body").add("Type", "3").add("Data", "e1xydGYxfQ=="));

            assertThatThrownBy(() -> TaskEas.read(data, 141)).isInstanceOf(MalformedTask.class);
        }
    }

    /** The reader is total: any tree of known tags gives a task or MalformedTask, nothing else. */
    @Test
    void anyTreeShouldGiveATaskOrMalformedTask() {
        java.util.Random random = new java.util.Random(9);
        CodePage[] pages = {TASKS, BASE, CodePage.CONTACTS};
        String[] texts = {"", "0", "1", "3", "99999999999", "x", "2026-12-01T17:00:00.000Z", "2026-12-01"};
        for (int i = 0; i < 5000; i++) {
            WbxmlElement data = randomChildren(WbxmlElement.of(AIRSYNC, "ApplicationData"), random, pages, texts, 0);
            try {
                TaskEas.read(data, 161);
            } catch (MalformedTask expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    static WbxmlElement randomChildren(
            WbxmlElement parent, java.util.Random random, CodePage[] pages, String[] texts, int depth) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            CodePage page = depth > 0 && random.nextBoolean() ? TASKS : pages[random.nextInt(pages.length)];
            List<String> names = List.copyOf(page.tags().values());
            String name = names.get(random.nextInt(names.size()));
            if (depth < 2 && random.nextInt(3) == 0) {
                parent.add(randomChildren(WbxmlElement.of(page, name), random, pages, texts, depth + 1));
            } else {
                parent.add(WbxmlElement.text(page, name, texts[random.nextInt(texts.length)]));
            }
        }
        return parent;
    }

    static List<Task> varied() {
        return List.of(
                Task.builder()
                        .subject("Wöchentlicher Bericht")
                        .body("Zahlen prüfen.\nDann an Zoë schicken.")
                        .utcStart(Instant.parse("2026-03-02T08:00:00Z"))
                        .localStart(LocalDateTime.parse("2026-03-02T09:00:00"))
                        .utcDue(Instant.parse("2026-03-06T16:00:00Z"))
                        .localDue(LocalDateTime.parse("2026-03-06T17:00:00"))
                        .importance(Importance.HIGH)
                        .sensitivity(Sensitivity.CONFIDENTIAL)
                        .reminderSet(true)
                        .reminderTime(Instant.parse("2026-03-06T07:30:00Z"))
                        .categories(List.of("Arbeit", "Berichte"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.WEEKLY,
                                Instant.parse("2026-03-02T08:00:00Z"),
                                Instant.parse("2026-12-28T08:00:00Z"),
                                null,
                                1,
                                2,
                                null,
                                null,
                                null,
                                false,
                                false,
                                1,
                                false,
                                1))
                        .build(),
                Task.builder()
                        .subject("Renew passport")
                        .complete(true)
                        .dateCompleted(Instant.parse("2026-02-10T12:34:56.789Z"))
                        .sensitivity(Sensitivity.PRIVATE)
                        .build(),
                Task.builder()
                        .subject("水やり")
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.DAILY,
                                Instant.parse("2026-04-01T00:00:00Z"),
                                null,
                                10,
                                3,
                                null,
                                null,
                                null,
                                null,
                                true,
                                false,
                                null,
                                false,
                                null))
                        .build(),
                Task.builder()
                        .subject("Annual review")
                        .importance(Importance.LOW)
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.YEARLY_ON_NTH_DAY,
                                Instant.parse("2026-05-01T00:00:00Z"),
                                null,
                                null,
                                1,
                                2,
                                null,
                                5,
                                5,
                                false,
                                true,
                                0,
                                true,
                                0))
                        .build(),
                Task.builder().build());
    }

    static byte[] vector(String name) throws IOException {
        try (InputStream in = TaskEasTest.class.getResourceAsStream("/wbxml-vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vector " + name);
            }
            return in.readAllBytes();
        }
    }
}
