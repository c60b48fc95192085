package org.atoll.eas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atoll.support.Waiting.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.atoll.support.AtollTest;
import org.atoll.support.EasDevice;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notes (MS-ASNOTE) through Sync, GetItemEstimate, Ping and FolderCreate over real HTTP and WBXML, with two devices
 * of one user: what one device does to a note reaches the other exactly once and never comes back to itself.
 */
@AtollTest
class NotesSyncTest extends ItemClassSyncTest {

    private static final CodePage N = CodePage.NOTES;

    @Autowired
    Notes notes;

    @Autowired
    org.atoll.mailbox.Mailboxes mailboxes;

    NotesSyncTest() {
        super("Notes", 10, 17);
    }

    @Override
    long defaultFolder(long accountId) {
        return notes.defaultFolder(accountId).id();
    }

    @Override
    WbxmlElement sampleData() {
        return noteData("Moving", "along", List.of());
    }

    // ---- the must-show session

    @Test
    void aNoteCreatedEditedAndDeletedOnOneDeviceShouldReachTheOtherExactlyOnce_MsAsnote_2_2_2_MsAscmd_2_2_1_21()
            throws Exception {
        // Step 1: both devices list the Notes folder (MS-ASCMD 2.2.3.186.3, Type 10) and prime it (SyncKey 0).
        assertThat(defaultFolderOf(phone.folderSync("0"))).isEqualTo(Long.toString(folder));
        assertThat(defaultFolderOf(tablet.folderSync("0"))).isEqualTo(Long.toString(folder));
        String phoneKey = prime(phone);
        String tabletKey = prime(tablet);
        tabletKey = key(sync(tablet, tabletKey, c -> {}));

        // Step 2: the tablet parks a Ping on its Notes folder (MS-ASCMD 2.2.1.13, Class Notes).
        CompletableFuture<WbxmlElement> ping = tablet.sendAsync("Ping", ping());
        awaitParked("NotesTablet");

        // Step 3: the phone adds a note (MS-ASCMD 2.2.3.7.2 Add with ClientId); the Ping wakes with the folder.
        WbxmlElement addRequest = commands(addNote("phone-1", "Groceries", "milk, eggs", List.of("Home")));
        WbxmlElement added = sync(phone, phoneKey, c -> c.add(addRequest));
        String serverId = response(added, "Add").text("ServerId").orElseThrow();
        assertThat(response(added, "Add").text("Status")).hasValue("1");
        WbxmlElement woken = result(ping);
        assertThat(woken.text("Status")).hasValue("2");
        assertThat(woken.child("Folders").orElseThrow().children(P, "Folder"))
                .extracting(f -> f.text().orElseThrow())
                .containsExactly(Long.toString(folder));

        // Step 4: the phone lost the answer and sends the same request again with the same SyncKey
        // (MS-ASCMD 3.1.5.9): the same ServerId, and still one note.
        WbxmlElement retried = sync(phone, phoneKey, c -> c.add(addRequest));
        assertThat(response(retried, "Add").text("ServerId")).hasValue(serverId);
        assertThat(key(retried)).isEqualTo(key(added));
        assertThat(notes.page(account.id(), folder, 0, 50).items()).hasSize(1);
        phoneKey = key(retried);

        // Step 5: the tablet gets exactly that note; the phone gets no echo.
        WbxmlElement tabletSees = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletSees)).extracting(WbxmlElement::name).containsExactly("Add");
        WbxmlElement note = commandsOf(tabletSees).getFirst();
        assertThat(note.text("ServerId")).hasValue(serverId);
        WbxmlElement data = note.child("ApplicationData").orElseThrow();
        assertThat(data.text(N, "Subject")).hasValue("Groceries");
        assertThat(data.child(BASE, "Body").orElseThrow().text(BASE, "Data")).hasValue("milk, eggs");
        assertThat(data.text(N, "MessageClass")).hasValue("IPM.StickyNote");
        assertThat(data.text(N, "LastModifiedDate").orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(data.child(N, "Categories").orElseThrow().children(N, "Category"))
                .extracting(c -> c.text().orElseThrow())
                .containsExactly("Home");
        tabletKey = key(tabletSees);
        WbxmlElement phoneQuiet = sync(phone, phoneKey, c -> {});
        assertThat(commandsOf(phoneQuiet)).isEmpty();
        phoneKey = key(phoneQuiet);

        // Step 6: the phone edits the note (MS-ASCMD 2.2.3.24 Change); the tablet gets one Change, the phone none.
        WbxmlElement changed = sync(
                phone,
                phoneKey,
                c -> c.add(commands(WbxmlElement.of(A, "Change")
                        .add("ServerId", serverId)
                        .add(noteData("Groceries", "milk, eggs, bread", List.of())))));
        assertThat(responses(changed)).isEmpty();
        phoneKey = key(changed);
        WbxmlElement tabletChange = sync(tablet, tabletKey, c -> {});
        assertThat(commandsOf(tabletChange)).extracting(WbxmlElement::name).containsExactly("Change");
        WbxmlElement changedData =
                commandsOf(tabletChange).getFirst().child("ApplicationData").orElseThrow();
        assertThat(changedData.child(BASE, "Body").orElseThrow().text(BASE, "Data"))
                .hasValue("milk, eggs, bread");
        assertThat(changedData.child(N, "Categories")).isEmpty();
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
        assertThat(notes.page(account.id(), null, 0, 50).items()).isEmpty();
    }

    // ---- statuses and windows

    @Test
    void malformedNoteShouldGetStatus6AndUnknownOneStatus8_MsAscmd_2_2_3_177_17() throws Exception {
        phone.folderSync("0");
        String key = prime(phone);
        WbxmlElement notASticky = WbxmlElement.of(A, "Add")
                .add("ClientId", "wrong-class")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(N, "Subject", "Not a note")
                        .add(N, "MessageClass", "IPM.Note"));
        WbxmlElement html = WbxmlElement.of(A, "Add")
                .add("ClientId", "html-body")
                .add(WbxmlElement.of(A, "ApplicationData")
                        .add(N, "Subject", "Html")
                        .add(WbxmlElement.of(BASE, "Body").add("Type", "2").add("Data", "<p>x</p>")));
        WbxmlElement fine = addNote("fine", "Fine", "kept", List.of());
        WbxmlElement unknown = WbxmlElement.of(A, "Change")
                .add("ServerId", folder + ":999999999")
                .add(noteData("Gone", "", List.of()));

        WbxmlElement answer = sync(phone, key, c -> c.add(commands(notASticky, html, fine, unknown)));

        assertThat(statuses(responses(answer)))
                .containsExactly(
                        Map.entry("Add", "6"), Map.entry("Add", "6"), Map.entry("Add", "1"), Map.entry("Change", "8"));
        assertThat(notes.page(account.id(), folder, 0, 50).items())
                .extracting(NoteView::subject)
                .containsExactly("Fine");
    }

    @Test
    void windowShouldBringNotesInPartsWithMoreAvailable_MsAscmd_2_2_3_110() throws Exception {
        for (int i = 0; i < 5; i++) {
            notes.create(account.id(), folder, NoteContent.of("Note " + i, "text " + i, List.of()));
        }
        tablet.folderSync("0");
        String key = prime(tablet);

        List<String> subjects = new ArrayList<>();
        int requests = 0;
        boolean more;
        do {
            WbxmlElement answer = sync(tablet, key, c -> c.add("WindowSize", "2"));
            WbxmlElement collection = collection(answer);
            more = collection.child("MoreAvailable").isPresent();
            assertThat(commandsOf(answer)).hasSizeLessThanOrEqualTo(2);
            commandsOf(answer)
                    .forEach(a -> subjects.add(a.child("ApplicationData")
                            .orElseThrow()
                            .text(N, "Subject")
                            .orElseThrow()));
            key = key(answer);
            requests++;
        } while (more);

        assertThat(requests).isEqualTo(3);
        assertThat(subjects).containsExactlyInAnyOrder("Note 0", "Note 1", "Note 2", "Note 3", "Note 4");
    }

    @Test
    void getItemEstimateShouldCountPendingNotes_MsAscmd_2_2_1_9() throws Exception {
        tablet.folderSync("0");
        String key = prime(tablet);
        notes.create(account.id(), folder, NoteContent.of("One", "", List.of()));
        notes.create(account.id(), folder, NoteContent.of("Two", "", List.of()));

        WbxmlElement estimate = tablet.send(
                        "GetItemEstimate",
                        WbxmlElement.of(G, "GetItemEstimate")
                                .add(WbxmlElement.of(G, "Collections")
                                        .add(WbxmlElement.of(G, "Collection")
                                                .add(A, "SyncKey", key)
                                                .add("CollectionId", Long.toString(folder)))))
                .child("Response")
                .orElseThrow();

        assertThat(estimate.text("Status")).hasValue("1");
        assertThat(estimate.child("Collection").orElseThrow().text("Estimate")).hasValue("2");
    }

    @Test
    void folderCreateOfType17ShouldMakeANotesFolderThatSyncsNotes_MsAscmd_2_2_1_3() throws Exception {
        String folderKey = phone.folderSync("0").text("SyncKey").orElseThrow();
        WbxmlElement created = phone.send(
                "FolderCreate",
                WbxmlElement.of(H, "FolderCreate")
                        .add("SyncKey", folderKey)
                        .add("ParentId", "0")
                        .add("DisplayName", "Ideas")
                        .add("Type", "17"));
        assertThat(created.text("Status")).hasValue("1");
        long ideas = Long.parseLong(created.text("ServerId").orElseThrow());

        String key = key(sync(phone, ideas, "0", c -> {}));
        WbxmlElement added =
                sync(phone, ideas, key, c -> c.add(commands(addNote("idea", "Idea", "a thought", List.of()))));

        assertThat(response(added, "Add").text("Status")).hasValue("1");
        assertThat(notes.page(account.id(), ideas, 0, 10).items())
                .extracting(NoteView::subject)
                .containsExactly("Idea");
    }

    @Test
    void aDevice12_1ShouldNotBeShownNotesFolders_MsAsnote_1_7_MsAscmd_2_2_3_27_6() throws Exception {
        mailboxes.createFolder(account.id(), null, "Ideas", org.atoll.mailbox.FolderType.USER_NOTES);
        EasDevice older = device("Notes121", "12.1");

        WbxmlElement older0 = older.folderSync("0");
        WbxmlElement newer0 = phone.folderSync("0");

        assertThat(types(older0)).doesNotContain("10", "17").contains("2", "7", "8", "9");
        assertThat(types(newer0)).contains("10", "17");
    }

    private static List<String> types(WbxmlElement folderSync) {
        return folderSync.child("Changes").orElseThrow().children("Add").stream()
                .map(add -> add.text("Type").orElseThrow())
                .toList();
    }

    // ---- helpers

    /** A note's ApplicationData as MS-ASNOTE 2.2.2 shows it: Subject, a plain-text Body, MessageClass, Categories. */
    private static WbxmlElement noteData(String subject, String body, List<String> categories) {
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData")
                .add(N, "Subject", subject)
                .add(WbxmlElement.of(BASE, "Body").add("Type", "1").add("Data", body))
                .add(N, "MessageClass", "IPM.StickyNote");
        if (!categories.isEmpty()) {
            WbxmlElement list = WbxmlElement.of(N, "Categories");
            categories.forEach(c -> list.add("Category", c));
            data.add(list);
        }
        return data;
    }

    private static WbxmlElement addNote(String clientId, String subject, String body, List<String> categories) {
        return WbxmlElement.of(A, "Add").add("ClientId", clientId).add(noteData(subject, body, categories));
    }
}
