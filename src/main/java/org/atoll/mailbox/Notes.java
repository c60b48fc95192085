package org.atoll.mailbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.internal.Change;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.Journal;
import org.atoll.mailbox.internal.NoteStore;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to read and change an account's notes (MS-ASNOTE), for every front end. Like every mutation of
 * {@link Mailboxes}, each change is one transaction that takes the account's next modseq first and journals the
 * note it touched in its folder (the journal's item id is the note's id), so it wakes parked Pings on commit and
 * reaches every device but the one it came from ({@link ChangeOrigin}).
 */
@Service
public class Notes {

    /** Folder types that hold notes, MS-ASCMD 2.2.3.186.3: the default Notes folder and user-created ones. */
    public static final Set<FolderType> FOLDER_TYPES = Set.of(FolderType.NOTES, FolderType.USER_NOTES);

    private final NoteStore store;
    private final FolderRepository folders;
    private final Journal journal;
    private final Clock clock;

    Notes(NoteStore store, FolderRepository folders, Journal journal, Clock clock) {
        this.store = store;
        this.folders = folders;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @throws FolderNotFound when the folder is not the account's or holds no notes
     */
    @Transactional
    public NoteView create(long accountId, long folderId, NoteContent content) {
        Change change = journal.begin(accountId);
        notesFolder(accountId, folderId);
        NoteView note = store.insert(accountId, folderId, content, clock.instant(), change.modseq());
        change.messageAdded(folderId, note.id());
        journal.commit(change);
        return note;
    }

    /** Replaces what the note says. @throws NoteNotFound when the account has no such note */
    @Transactional
    public NoteView update(long accountId, long noteId, NoteContent content) {
        Change change = journal.begin(accountId);
        NoteView note = store.update(accountId, noteId, content, clock.instant(), change.modseq())
                .orElseThrow(() -> new NoteNotFound(noteId));
        change.messageChanged(note.folderId(), note.id());
        journal.commit(change);
        return note;
    }

    /**
     * Moves the note to another folder of notes (MoveItems, MS-ASCMD 2.2.1.12), journaled as a removal from its folder
     * and an addition to the other, so other devices get a Delete and an Add.
     *
     * @throws NoteNotFound when the account has no such note
     * @throws FolderNotFound when the folder is not the account's or holds no notes
     */
    @Transactional
    public NoteView move(long accountId, long noteId, long folderId) {
        Change change = journal.begin(accountId);
        notesFolder(accountId, folderId);
        NoteView note =
                store.of(accountId, List.of(noteId)).stream().findFirst().orElseThrow(() -> new NoteNotFound(noteId));
        if (note.folderId() != folderId) {
            store.move(accountId, noteId, folderId, change.modseq());
            change.messageRemoved(note.folderId(), noteId);
            change.messageAdded(folderId, noteId);
        }
        journal.commit(change);
        return store.of(accountId, List.of(noteId)).getFirst();
    }

    /** Deletes the notes among the ids that exist; the others are already gone. */
    @Transactional
    public void delete(long accountId, Collection<Long> noteIds) {
        Change change = journal.begin(accountId);
        List<NoteView> gone = store.delete(accountId, noteIds);
        gone.forEach(note -> change.messageRemoved(note.folderId(), note.id()));
        journal.commit(change);
    }

    /** @throws NoteNotFound when the account has no such note */
    @Transactional(readOnly = true)
    public NoteView note(long accountId, long noteId) {
        return store.of(accountId, List.of(noteId)).stream().findFirst().orElseThrow(() -> new NoteNotFound(noteId));
    }

    /** The notes that still exist among the ids, in no particular order. */
    @Transactional(readOnly = true)
    public List<NoteView> notes(long accountId, Collection<Long> noteIds) {
        return store.of(accountId, noteIds);
    }

    /** A folder's notes by descending id, continuing after {@code afterId} (null: from the newest). */
    @Transactional(readOnly = true)
    public List<NoteView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return store.inFolder(accountId, folderId, afterId, Math.clamp(limit, 1, Mailboxes.MAX_PAGE));
    }

    @Transactional(readOnly = true)
    public long count(long accountId, long folderId) {
        return store.count(accountId, folderId);
    }

    /** A page of the account's notes (of one folder when given), most recently changed first. */
    @Transactional(readOnly = true)
    public PageOf<NoteView> page(long accountId, @Nullable Long folderId, int page, int size) {
        return page(accountId, folderId, null, page, size);
    }

    /**
     * A page of the account's notes (of one folder when given) holding every word of the query, most recently changed first; a null
     * or blank query finds them all.
     */
    @Transactional(readOnly = true)
    public PageOf<NoteView> page(long accountId, @Nullable Long folderId, @Nullable String query, int page, int size) {
        if (folderId != null) {
            notesFolder(accountId, folderId);
        }
        int checkedSize = Math.clamp(size, 1, 500);
        int checkedPage = Math.max(page, 0);
        List<NoteView> items = new ArrayList<>(
                store.page(accountId, folderId, query, Math.multiplyExact(checkedPage, checkedSize), checkedSize));
        return new PageOf<>(items, checkedPage, checkedSize, store.count(accountId, folderId, query));
    }

    /** The account's default Notes folder. */
    @Transactional(readOnly = true)
    public FolderView defaultFolder(long accountId) {
        return folders.findByAccountIdAndRole(accountId, SystemFolder.NOTES.name())
                .orElseThrow(() -> new MailboxNotFound(accountId))
                .view();
    }

    private Folder notesFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId)
                .filter(folder -> FOLDER_TYPES.contains(folder.view().type()))
                .orElseThrow(() -> new FolderNotFound(folderId));
    }
}
