package org.atoll.sync;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.atoll.mailbox.ContactContent;
import org.atoll.mailbox.ContactView;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.FolderType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Contacts as an item class (MS-ASCNTC): the contacts of {@link Contacts} in folders of type 9 and 14. No FilterType
 * (MS-ASCMD 2.2.3.69.2); a device may Add, Change (the whole contact) and Delete, and a malformed contact is refused
 * with Status 6, a contact that is not there with Status 8.
 */
@Component
class ContactItemStore extends WholeItemStore<ContactView, ContactContent> {

    private final Contacts contacts;

    ContactItemStore(Contacts contacts) {
        super(ContactContent.class);
        this.contacts = contacts;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Contacts.FOLDER_TYPES;
    }

    @Override
    List<ContactView> find(long accountId, Collection<Long> ids) {
        return contacts.contacts(accountId, ids);
    }

    @Override
    List<ContactView> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit) {
        return contacts.inFolder(accountId, folderId, afterId, limit);
    }

    @Override
    long countIn(long accountId, long folderId) {
        return contacts.count(accountId, folderId);
    }

    @Override
    ContactView create(long accountId, long folderId, ContactContent content) {
        return contacts.create(accountId, folderId, content);
    }

    @Override
    ContactView update(long accountId, long id, ContactContent content) {
        return contacts.update(accountId, id, content);
    }

    @Override
    void moveTo(long accountId, long id, long folderId) {
        contacts.move(accountId, id, folderId);
    }

    @Override
    void delete(long accountId, Collection<Long> ids) {
        contacts.delete(accountId, ids);
    }

    @Override
    int size(ContactView contact) {
        return contact.contact().body() == null ? 0 : contact.contact().body().length();
    }
}
