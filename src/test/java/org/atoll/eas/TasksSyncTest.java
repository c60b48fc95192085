package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.atoll.mailbox.TaskContent;
import org.atoll.mailbox.Tasks;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.tasks.Importance;
import org.atoll.tasks.Task;
import org.atoll.tasks.TaskRecurrence;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasks (MS-ASTASK) through Sync, Ping and FolderCreate over real HTTP and WBXML, with two devices of one user: what
 * one device does to a task reaches the other exactly once and never comes back to itself.
 */
@AtollTest
class TasksSyncTest extends ItemClassSyncTest {

    private static final CodePage T = CodePage.TASKS;

    @Autowired
    Tasks tasks;

    TasksSyncTest() {
        super("Tasks", 7, 15);
    }

    @Override
    long defaultFolder(long accountId) {
        return tasks.defaultFolder(accountId).id();
    }

    @Override
    WbxmlElement sampleData() {
        return taskData("Moving", false);
    }

    // ---- the must-show session

    @Test
    void aTaskCreatedEditedAndDeletedOnOneDeviceShouldReachTheOtherExactlyOnce_MsAstask_2_2_2_MsAscmd_2_2_1_21()
            throws Exception {
        // Step 1: both devices list the Tasks folder (MS-ASCMD 2.2.3.186.3, Type 7) and prime it (SyncKey 0).
        assertThat(defaultFolderOf(phone.folderSync("0"))).isEqualTo(Long.toString(folder));
        assertThat(defaultFolderOf(tablet.folderSync("0"))).isEqualTo(Long.toString(folder));
        String phoneKey = prime(phone);
        String tabletKey = prime(tablet);
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // Step 2: the tablet parks a Ping on its Tasks folder (MS-ASCMD 2.2.1.13, Class Tasks).
        CompletableFuture<WbxmlElement> ping = tablet.sendAsync("Ping", ping());
        awaitParked("TasksTablet");

        // Step 3: the phone adds a weekly task (MS-ASCMD 2.2.3.7.2 Add with ClientId); the Ping wakes with the folder.
        WbxmlElement addRequest =
                commands(WbxmlElement.of(A, "Add").add("ClientId", "phone-1").add(taskData("Water the plants", false)));
        WbxmlElement added = sync(phone, phoneKey, c -> c.add(addRequest));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        WbxmlElement woken = result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(woken.child("Folders").orElseThrow().children(P, "Folder"))
                .extracting(f -> f.text().orElseThrow())
                .containsExactly(Long.toString(folder));

        // Step 4: the phone lost the answer and sends the same request again with the same SyncKey
        // (MS-ASCMD 3.1.5.9): the same ServerId, and still one task, stored with every field the phone sent.
        WbxmlElement retried = sync(phone, phoneKey, c -> c.add(addRequest));
        assertThat(response(retried, "Add").text("ServerId")).hasValue(serverId);
        assertThat(key(retried)).isEqualTo(key(added));
        assertThat(tasks.count(account.id(), null)).isEqualTo(1);
        assertThat(tasks.task(account.id(), itemId(serverId)).task())
                .isEqualTo(Task.builder()
                        .subject("Water the plants")
                        .body("The fern twice")
                        .utcStart(Instant.parse("2026-12-07T08:00:00Z"))
                        .localStart(LocalDateTime.parse("2026-12-07T09:00:00"))
                        .utcDue(Instant.parse("2026-12-07T16:00:00Z"))
                        .localDue(LocalDateTime.parse("2026-12-07T17:00:00"))
                        .importance(Importance.HIGH)
                        .categories(List.of("Home"))
                        .recurrence(new TaskRecurrence(
                                TaskRecurrence.Type.WEEKLY,
                                Instant.parse("2026-12-07T08:00:00Z"),
                                null,
                                10,
                                1,
                                2,
                                null,
                                null,
                                null,
                                false,
                                false,
                                null,
                                false,
                                null))
                        .build());
        phoneKey = key(retried);

        // Step 5: the tablet gets exactly that task; the phone gets no echo.
        WbxmlElement tabletSees = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletSees)).extracting(WbxmlElement::name).containsExactly("Add");
        WbxmlElement task = commandsOf(tabletSees).getFirst();
        assertThat(task.text("ServerId")).hasValue(serverId);
        WbxmlElement data = task.child("ApplicationData").orElseThrow();
        assertThat(data.text(T, "Subject")).hasValue("Water the plants");
        assertThat(data.text(T, "Importance")).hasValue("2");
        assertThat(data.text(T, "UtcDueDate")).hasValue("2026-12-07T16:00:00.000Z");
        assertThat(data.text(T, "Complete")).hasValue("0");
        assertThat(data.child(T, "Recurrence").orElseThrow().text(T, "DayOfWeek"))
                .hasValue("2");
        assertThat(data.child(BASE, "Body").orElseThrow().text(BASE, "Data")).hasValue("The fern twice");
        tabletKey = key(tabletSees);
        WbxmlElement phoneQuiet = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneQuiet)).isEmpty();
        phoneKey = key(phoneQuiet);

        // Step 6: the phone marks it complete (MS-ASCMD 2.2.3.24 Change, the whole item); the tablet gets one Change,
        // the phone none.
        WbxmlElement changed = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Change")
                        .add("ServerId", serverId)
                        .add(taskData("Water the plants", true)))));
        assertThat(responses(changed)).isEmpty();
        phoneKey = key(changed);
        WbxmlElement tabletChange = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletChange)).extracting(WbxmlElement::name).containsExactly("Change");
        WbxmlElement changedData =
                commandsOf(tabletChange).getFirst().child("ApplicationData").orElseThrow();
        assertThat(changedData.text(T, "Complete")).hasValue("1");
        assertThat(changedData.text(T, "DateCompleted")).hasValue("2026-12-07T15:00:00.000Z");
        tabletKey = key(tabletChange);
        WbxmlElement phoneAfterChange = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneAfterChange)).isEmpty();
        phoneKey = key(phoneAfterChange);

        // Step 7: the phone deletes it; the tablet gets one Delete, the phone none, and the store holds nothing.
        WbxmlElement deleted = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Delete").add("ServerId", serverId))));
        assertThat(responses(deleted)).isEmpty();
        phoneKey = key(deleted);
        WbxmlElement tabletDelete = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletDelete)).extracting(WbxmlElement::name).containsExactly("Delete");
        assertThat(commandsOf(tabletDelete).getFirst().text("ServerId")).hasValue(serverId);
        assertThat(commandsOf(sync(phone, phoneKey, c -> {}))).isEmpty();
        assertThat(commandsOf(sync(tablet, key(tabletDelete), c -> {}))).isEmpty();
        assertThat(tasks.count(account.id(), null)).isZero();
    }

    @Test
    void filterType8ShouldSyncIncompleteTasksOnlyAndFollowCompletion_MsAscmd_2_2_3_69_2() throws Exception {
        long open = tasks.create(account.id(), folder, task("Open", false)).id();
        long done = tasks.create(account.id(), folder, task("Done", true)).id();
        phone.folderSync("0");
        tablet.folderSync("0");
        Consumer<WbxmlElement> incompleteOnly =
                c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "8"));
        Consumer<WbxmlElement> everything =
                c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "0"));

        // The phone asks for incomplete tasks (8), the tablet for all (0). GetItemEstimate naming FilterType 8 counts
        // what a Sync with it would bring, whatever the collection had (MS-ASCMD 2.2.1.9): for the tablet, 1 of 2.
        String phonePrimed = key(sync(phone, "0", incompleteOnly));
        String tabletPrimed = key(sync(tablet, "0", everything));
        WbxmlElement estimate = tablet.send(
                        "GetItemEstimate",
                        WbxmlElement.of(G, "GetItemEstimate")
                                .add(WbxmlElement.of(G, "Collections")
                                        .add(WbxmlElement.of(G, "Collection")
                                                .add(A, "SyncKey", tabletPrimed)
                                                .add("CollectionId", Long.toString(folder))
                                                .add(WbxmlElement.of(A, "Options")
                                                        .add("FilterType", "8")))))
                .child("Response")
                .orElseThrow();
        assertThat(estimate.child("Collection").orElseThrow().text("Estimate")).hasValue("1");
        WbxmlElement phoneFirst = sync(phone, phonePrimed, c -> {});
        assertThat(commandsOf(phoneFirst))
                .extracting(c -> c.text("ServerId").orElseThrow())
                .containsExactly(folder + ":" + open);
        WbxmlElement tabletFirst = sync(tablet, tabletPrimed, everything);
        assertThat(commandsOf(tabletFirst)).hasSize(2);

        // The open task is completed and the done one reopened on the server: the phone gets a SoftDelete for the
        // first and an Add for the second; the tablet two Changes.
        tasks.update(account.id(), open, task("Open", true));
        tasks.update(account.id(), done, task("Done", false));
        WbxmlElement phoneAfter = sync(phone, key(phoneFirst), c -> {});
        assertThat(commandsOf(phoneAfter))
                .extracting(c -> c.name() + " " + c.text("ServerId").orElseThrow())
                .containsExactlyInAnyOrder("SoftDelete " + folder + ":" + open, "Add " + folder + ":" + done);
        assertThat(commandsOf(sync(tablet, key(tabletFirst), c -> {})))
                .extracting(WbxmlElement::name)
                .containsExactly("Change", "Change");

        // A time window (3, one week) is no FilterType of Tasks: the phone then gets every task, as with 0.
        WbxmlElement widened = sync(
                phone, key(phoneAfter), c -> c.add(WbxmlElement.of(A, "Options").add("FilterType", "3")));
        assertThat(commandsOf(widened))
                .extracting(c -> c.name() + " " + c.text("ServerId").orElseThrow())
                .containsExactly("Add " + folder + ":" + open);
    }

    private static TaskContent task(String subject, boolean complete) {
        return new TaskContent(Task.builder()
                .subject(subject)
                .complete(complete)
                .dateCompleted(complete ? Instant.parse("2026-12-01T10:00:00Z") : null)
                .build());
    }

    @Test
    void recurrenceShouldCarryCalendarTypeFrom14_0AndFirstDayOfWeekFrom14_1_MsAstask_2_2_2_4_2_2_2_13()
            throws Exception {
        TaskRecurrence monthly = new TaskRecurrence(
                TaskRecurrence.Type.MONTHLY,
                Instant.parse("2026-12-01T08:00:00Z"),
                null,
                null,
                1,
                null,
                1,
                null,
                null,
                false,
                false,
                0,
                false,
                1);
        tasks.create(
                account.id(),
                folder,
                new TaskContent(
                        Task.builder().subject("Rent").recurrence(monthly).build()));

        for (String version : List.of("12.1", "16.1")) {
            EasDevice device = device("Tasks" + version.replace(".", ""), version);
            device.folderSync("0");
            WbxmlElement first = sync(device, prime(device), c -> {});
            WbxmlElement recurrence = commandsOf(first)
                    .getFirst()
                    .child("ApplicationData")
                    .orElseThrow()
                    .child(T, "Recurrence")
                    .orElseThrow();
            assertThat(recurrence.text(T, "DayOfMonth")).as(version).hasValue("1");
            if (version.equals("12.1")) {
                assertThat(recurrence.child(T, "CalendarType")).as(version).isEmpty();
                assertThat(recurrence.child(T, "IsLeapMonth")).as(version).isEmpty();
                assertThat(recurrence.child(T, "FirstDayOfWeek")).as(version).isEmpty();
            } else {
                assertThat(recurrence.text(T, "CalendarType")).as(version).hasValue("0");
                assertThat(recurrence.text(T, "IsLeapMonth")).as(version).hasValue("0");
                assertThat(recurrence.text(T, "FirstDayOfWeek")).as(version).hasValue("1");
            }
        }
    }

    @Test
    void aChangeFromA12_1DeviceShouldKeepTheRecurrencePropertiesItCannotSay_MsAstask_2_2_2_4_2_2_2_13_2_2_2_16()
            throws Exception {
        TaskRecurrence lunar = new TaskRecurrence(
                TaskRecurrence.Type.MONTHLY,
                Instant.parse("2026-12-01T08:00:00Z"),
                null,
                null,
                1,
                null,
                1,
                null,
                null,
                false,
                false,
                15,
                true,
                1);
        long id = tasks.create(
                        account.id(),
                        folder,
                        new TaskContent(Task.builder()
                                .subject("Offerings")
                                .recurrence(lunar)
                                .build()))
                .id();
        EasDevice older = device("Tasks121", "12.1");
        older.folderSync("0");
        String key = key(sync(older, prime(older), c -> {}));

        WbxmlElement changed = sync(
                older,
                key,
                c -> c.add(commands(WbxmlElement.of(A, "Change")
                        .add("ServerId", folder + ":" + id)
                        .add(WbxmlElement.of(A, "ApplicationData")
                                .add(T, "Subject", "Offerings at the temple")
                                .add(WbxmlElement.of(T, "Recurrence")
                                        .add("Type", "2")
                                        .add("Start", "2026-12-01T08:00:00.000Z")
                                        .add("Interval", "1")
                                        .add("DayOfMonth", "2"))
                                .add(T, "Complete", "0")))));

        assertThat(responses(changed)).isEmpty();
        Task stored = tasks.task(account.id(), id).task();
        assertThat(stored.subject()).isEqualTo("Offerings at the temple");
        assertThat(stored.recurrence().dayOfMonth()).isEqualTo(2);
        assertThat(stored.recurrence().calendarType()).isEqualTo(15);
        assertThat(stored.recurrence().isLeapMonth()).isTrue();
        assertThat(stored.recurrence().firstDayOfWeek()).isEqualTo(1);
    }

    @Test
    void malformedTaskShouldGetStatus6_MsAscmd_2_2_3_177_17() throws Exception {
        phone.folderSync("0");
        String key = prime(phone);
        WbxmlElement completeWithoutDate = WbxmlElement.of(A, "Add")
                .add("ClientId", "no-date")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(T, "Subject", "Done, but when?")
                        .add(T, "Complete", "1"));
        WbxmlElement fine = WbxmlElement.of(A, "Add").add("ClientId", "fine").add(taskData("Fine", false));

        WbxmlElement answer = sync(phone, key, c -> c.add(commands(completeWithoutDate, fine)));

        assertThat(statuses(responses(answer))).containsExactly(Map.entry("Add", "6"), Map.entry("Add", "1"));
        assertThat(tasks.inFolder(account.id(), folder, null, 50))
                .extracting(t -> t.task().subject())
                .containsExactly("Fine");
    }

    @Test
    void folderCreateOfType15ShouldMakeATasksFolderThatSyncsTasks_MsAscmd_2_2_1_3() throws Exception {
        String folderKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        WbxmlElement created = phone.send(
                "FolderCreate",
                WbxmlElement.of(H, "FolderCreate")
                        .add("SyncKey", folderKey)
                        .add("ParentId", "0")
                        .add("DisplayName", "Garden")
                        .add("Type", "15"));
        assertThat(created.text("Status")).hasValue("1");
        long garden = Long.parseLong(created.text("ServerId").orElseThrow());

        String key = key(sync(phone, garden, "0", c -> {}));
        WbxmlElement added = sync(
                phone,
                garden,
                key,
                c -> c.add(commands(
                        WbxmlElement.of(A, "Add").add("ClientId", "rake").add(taskData("Rake", false)))));

        assertThat(response(added, "Add").text("Status")).hasValue("1");
        assertThat(tasks.inFolder(account.id(), garden, null, 10))
                .extracting(t -> t.task().subject())
                .containsExactly("Rake");
    }

    // ---- helpers

    /**
     * A task's ApplicationData as MS-ASTASK 2.2.2 shows it: a plain-text Body, Subject, Importance, start and due in
     * UTC and local time, a weekly Recurrence on Mondays for ten weeks, Categories; complete with its DateCompleted
     * when {@code complete}.
     */
    private static WbxmlElement taskData(String subject, boolean complete) {
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData")
                .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", "The fern twice"))
                .add(T, "Subject", subject)
                .add(T, "Importance", "2")
                .add(T, "UtcStartDate", "2026-12-07T08:00:00.000Z")
                .add(T, "StartDate", "2026-12-07T09:00:00.000Z")
                .add(T, "UtcDueDate", "2026-12-07T16:00:00.000Z")
                .add(T, "DueDate", "2026-12-07T17:00:00.000Z")
                .add(WbxmlElement.of(T, "Categories").add("Category", "Home"))
                .add(WbxmlElement.of(T, "Recurrence")
                        .add("Type", "1")
                        .add("Start", "2026-12-07T08:00:00.000Z")
                        .add("Occurrences", "10")
                        .add("Interval", "1")
                        .add("DayOfWeek", "2"))
                .add(T, "Complete", complete ? "1" : "0");
        if (complete) {
            data.add(T, "DateCompleted", "2026-12-07T15:00:00.000Z");
        }
        return data;
    }
}
