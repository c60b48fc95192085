package org.atoll.sync;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.NoteContent;
import org.atoll.mailbox.NoteView;
import org.atoll.mailbox.Notes;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Notes as an item class (MS-ASNOTE): the notes of {@link Notes} in folders of type 10 and 17. No FilterType
 * (MS-ASCMD 2.2.3.69.2); a device may Add, Change (the whole note) and Delete, and a malformed note is refused
 * with Status 6, a note that is not there with Status 8.
 */
@Component
class NoteItemStore extends WholeItemStore<NoteView, NoteContent> {

    private final Notes notes;

    NoteItemStore(Notes notes) {
        super(NoteContent.class);
        this.notes = notes;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Notes.FOLDER_TYPES;
    }

    @Override
    List<NoteView> find(long accountId, Collection<Long> ids) {
        return notes.notes(accountId, ids);
    }

    @Override
    List<NoteView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return notes.inFolder(accountId, folderId, afterId, limit);
    }

    @Override
    long countIn(long accountId, long folderId) {
        return notes.count(accountId, folderId);
    }

    @Override
    NoteView create(long accountId, long folderId, NoteContent content) {
        return notes.create(accountId, folderId, content);
    }

    @Override
    NoteView update(long accountId, long id, NoteContent content) {
        return notes.update(accountId, id, content);
    }

    @Override
    void moveTo(long accountId, long id, long folderId) {
        notes.move(accountId, id, folderId);
    }

    @Override
    void delete(long accountId, Collection<Long> ids) {
        notes.delete(accountId, ids);
    }

    @Override
    int size(NoteView note) {
        return note.subject().length() + note.body().length();
    }
}
