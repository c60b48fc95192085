package org.atoll.eas.command;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.atoll.eas.request.EasProtocolVersion;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.InvalidMailboxRequest;
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.atoll.wbxml.CodePage;
import org.atoll.wbxml.WbxmlElement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Notes in Sync (MS-ASNOTE 2.2.2): Subject, an AirSyncBase Body of Type 1 (plain text), MessageClass,
 * LastModifiedDate and Categories, in code page 23 (Notes) with the body in 17 (AirSyncBase).
 */
@Component
class NoteItems implements ItemCodec {

    private static final CodePage A = CodePage.AIRSYNC;
    private static final CodePage BASE = CodePage.AIRSYNCBASE;
    private static final CodePage NOTES = CodePage.NOTES;

    /** MS-ASNOTE 2.2.2.4 LastModifiedDate: a dateTime in UTC with milliseconds, e.g. 2010-01-20T18:02:36.000Z. */
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** AirSyncBase Body Type 1, plain text (MS-ASAIRS 2.2.2.22.1). */
    private static final String PLAIN_TEXT = "1";

    @Override
    public Set<FolderType> folderTypes() {
        return Notes.FOLDER_TYPES;
    }

    @Override
    public WbxmlElement applicationData(ItemView item, EasProtocolVersion version) {
        NoteView note = (NoteView) item;
        WbxmlElement data = WbxmlElement.of(A, "ApplicationData").add(NOTES, "Subject", note.subject());
        data.add(WbxmlElement.of(BASE, "Body")
                .add("Type", PLAIN_TEXT)
                .add("EstimatedDataSize", Integer.toString(note.body().getBytes(StandardCharsets.UTF_8).length))
                .add("Data", note.body()));
        data.add(NOTES, "MessageClass", note.messageClass());
        data.add(NOTES, "LastModifiedDate", LAST_MODIFIED.format(note.lastModified()));
        if (!note.categories().isEmpty()) {
            WbxmlElement categories = WbxmlElement.of(NOTES, "Categories");
            note.categories().forEach(category -> categories.add("Category", category));
            data.add(categories);
        }
        return data;
    }

    /**
     * A note as a device sends it in an Add or a Change: the whole note, so what it leaves out is empty (the default
     * class for MessageClass). A body of another Type than plain text, or values out of bounds, cannot be stored.
     */
    @Override
    public @Nullable ItemContent read(@Nullable WbxmlElement data, EasProtocolVersion version) {
        if (data == null) {
            return null;
        }
        String body = "";
        if (data.child(BASE, "Body").isPresent()) {
            WbxmlElement element = data.child(BASE, "Body").get();
            if (!element.text(BASE, "Type").orElse(PLAIN_TEXT).equals(PLAIN_TEXT)) {
                return null;
            }
            body = element.text(BASE, "Data").orElse("");
        }
        List<String> categories = data.child(NOTES, "Categories")
                .map(c -> c.children(NOTES, "Category").stream()
                        .map(category -> category.text().orElse(""))
                        .toList())
                .orElse(List.of());
        try {
            return new NoteContent(
                    data.text(NOTES, "Subject").orElse(""),
                    body,
                    data.text(NOTES, "MessageClass").orElse(NoteContent.STICKY_NOTE),
                    categories);
        } catch (InvalidMailboxRequest e) {
            return null;
        }
    }
}
