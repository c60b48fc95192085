package org.atoll.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.internal.Change;
import org.atoll.mailbox.internal.ContactStore;
import org.atoll.mailbox.internal.Folder;
import org.atoll.mailbox.internal.FolderRepository;
import org.atoll.mailbox.internal.Journal;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to read and change an account's contacts (MS-ASCNTC), for every front end. Like every mutation of
 * {@link Mailboxes} and {@link Notes}, each change is one transaction that takes the account's next modseq first and
 * journals the contact it touched in its folder (the journal's item id is the contact's id), so it wakes parked
 * Pings on commit and reaches every device but the one it came from ({@link ChangeOrigin}).
 */
@Service
public class Contacts {

    /** Folder types that hold contacts, MS-ASCMD 2.2.3.186.3: the default Contacts folder and user-created ones. */
    public static final Set<FolderType> FOLDER_TYPES = Set.of(FolderType.CONTACTS, FolderType.USER_CONTACTS);

    /** The most contacts one page holds. */
    public static final int MAX_PAGE = 1000;

    private final ContactStore store;
    private final FolderRepository folders;
    private final Journal journal;
    private final Clock clock;

    Contacts(ContactStore store, FolderRepository folders, Journal journal, Clock clock) {
        this.store = store;
        this.folders = folders;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @throws FolderNotFound when the folder is not the account's or holds no contacts
     */
    @Transactional
    public ContactView create(long accountId, long folderId, ContactContent content) {
        Change change = journal.begin(accountId);
        contactsFolder(accountId, folderId);
        ContactView contact = store.insert(accountId, folderId, content.contact(), clock.instant(), change.modseq());
        change.messageAdded(folderId, contact.id());
        journal.commit(change);
        return contact;
    }

    /**
     * Creates the contacts in the folder, in order, as one change under one modseq: all of them are stored, or none
     * when anything fails. An import of a vCard file stores its accepted cards this way.
     *
     * @throws FolderNotFound when the folder is not the account's or holds no contacts
     */
    @Transactional
    public List<ContactView> createAll(long accountId, long folderId, List<ContactContent> contents) {
        Change change = journal.begin(accountId);
        contactsFolder(accountId, folderId);
        Instant at = clock.instant();
        List<ContactView> created = new ArrayList<>();
        for (ContactContent content : contents) {
            ContactView contact = store.insert(accountId, folderId, content.contact(), at, change.modseq());
            change.messageAdded(folderId, contact.id());
            created.add(contact);
        }
        journal.commit(change);
        return created;
    }

    /** Replaces what the contact says. @throws ContactNotFound when the account has no such contact */
    @Transactional
    public ContactView update(long accountId, long contactId, ContactContent content) {
        Change change = journal.begin(accountId);
        ContactView contact = store.update(accountId, contactId, content.contact(), clock.instant(), change.modseq())
                .orElseThrow(() -> new ContactNotFound(contactId));
        change.messageChanged(contact.folderId(), contact.id());
        journal.commit(change);
        return contact;
    }

    /**
     * Moves the contact to another folder of contacts (MoveItems, MS-ASCMD 2.2.1.12), journaled as a removal from its folder
     * and an addition to the other, so other devices get a Delete and an Add.
     *
     * @throws ContactNotFound when the account has no such contact
     * @throws FolderNotFound when the folder is not the account's or holds no contacts
     */
    @Transactional
    public ContactView move(long accountId, long contactId, long folderId) {
        Change change = journal.begin(accountId);
        contactsFolder(accountId, folderId);
        ContactView contact = store.of(accountId, List.of(contactId)).stream()
                .findFirst()
                .orElseThrow(() -> new ContactNotFound(contactId));
        if (contact.folderId() != folderId) {
            store.move(accountId, contactId, folderId, change.modseq());
            change.messageRemoved(contact.folderId(), contactId);
            change.messageAdded(folderId, contactId);
        }
        journal.commit(change);
        return store.of(accountId, List.of(contactId)).getFirst();
    }

    /** Deletes the contacts among the ids that exist; the others are already gone. */
    @Transactional
    public void delete(long accountId, Collection<Long> contactIds) {
        Change change = journal.begin(accountId);
        List<ContactView> gone = store.delete(accountId, contactIds);
        gone.forEach(contact -> change.messageRemoved(contact.folderId(), contact.id()));
        journal.commit(change);
    }

    /** @throws ContactNotFound when the account has no such contact */
    @Transactional(readOnly = true)
    public ContactView contact(long accountId, long contactId) {
        return store.of(accountId, List.of(contactId)).stream()
                .findFirst()
                .orElseThrow(() -> new ContactNotFound(contactId));
    }

    /** The contacts that still exist among the ids, in no particular order. */
    @Transactional(readOnly = true)
    public List<ContactView> contacts(long accountId, Collection<Long> contactIds) {
        return store.of(accountId, contactIds);
    }

    /** A folder's contacts by descending id, continuing after {@code afterId} (null: from the newest). */
    @Transactional(readOnly = true)
    public List<ContactView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return store.inFolder(accountId, folderId, afterId, Math.clamp(limit, 1, Mailboxes.MAX_PAGE));
    }

    /** How many contacts the folder holds (of the whole account when {@code folderId} is null). */
    @Transactional(readOnly = true)
    public long count(long accountId, @Nullable Long folderId) {
        return store.count(accountId, folderId);
    }

    /** A page of the account's contacts (of one folder when given), oldest first. */
    @Transactional(readOnly = true)
    public PageOf<ContactView> page(long accountId, @Nullable Long folderId, int page, int size) {
        return page(accountId, folderId, null, page, size);
    }

    /**
     * A page of the account's contacts (of one folder when given) holding every word of the query, oldest first; a null
     * or blank query finds them all.
     */
    @Transactional(readOnly = true)
    public PageOf<ContactView> page(
            long accountId, @Nullable Long folderId, @Nullable String query, int page, int size) {
        if (folderId != null) {
            contactsFolder(accountId, folderId);
        }
        int checkedSize = Math.clamp(size, 1, MAX_PAGE);
        int checkedPage = Math.max(page, 0);
        List<ContactView> items = store.page(accountId, folderId, query, (long) checkedPage * checkedSize, checkedSize);
        return new PageOf<>(items, checkedPage, checkedSize, store.count(accountId, folderId, query));
    }

    /** @throws FolderNotFound when the folder is not the account's or holds no contacts */
    @Transactional(readOnly = true)
    public FolderView folder(long accountId, long folderId) {
        return contactsFolder(accountId, folderId).view();
    }

    /** The account's default Contacts folder. */
    @Transactional(readOnly = true)
    public FolderView defaultFolder(long accountId) {
        return folders.findByAccountIdAndRole(accountId, SystemFolder.CONTACTS.name())
                .orElseThrow(() -> new MailboxNotFound(accountId))
                .view();
    }

    private Folder contactsFolder(long accountId, long folderId) {
        return folders.findByAccountIdAndId(accountId, folderId)
                .filter(folder -> FOLDER_TYPES.contains(folder.view().type()))
                .orElseThrow(() -> new FolderNotFound(folderId));
    }
}
