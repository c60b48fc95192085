package org.atoll.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
class ContactItemStore implements ItemStore {

    private final Contacts contacts;

    ContactItemStore(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public Set<FolderType> folderTypes() {
        return Contacts.FOLDER_TYPES;
    }

    @Override
    public boolean filtered() {
        return false;
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return contacts.contacts(accountId, ids).stream()
                .map(ContactItemStore::stamp)
                .toList();
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return contacts.inFolder(accountId, folderId, after == null ? null : after.id(), limit).stream()
                .map(ContactItemStore::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return contacts.count(accountId, folderId);
    }

    @Override
    public List<ContactView> fetch(long accountId, Collection<Long> ids) {
        return contacts.contacts(accountId, ids);
    }

    private static ItemStamp stamp(ContactView contact) {
        String body = contact.contact().body();
        return new ItemStamp(
                contact.id(), contact.folderId(), Instant.EPOCH, contact.modseq(), body == null ? 0 : body.length());
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        Set<Long> targets = new LinkedHashSet<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(targets::add);
        }
        Map<Long, ContactView> present = new HashMap<>();
        for (ContactView contact : contacts.contacts(accountId, targets)) {
            if (contact.folderId() == changes.folderId()) {
                present.put(contact.id(), contact);
            }
        }
        Map<Long, Long> held = changes.heldModseqs(targets);
        List<ClientResponse> responses = new ArrayList<>();
        for (ClientCommand command : commands) {
            Optional<Long> target = changes.target(command);
            ContactView contact = target.map(present::get).orElse(null);
            switch (command) {
                case ClientCommand.AddItem add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses.add(new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS));
                    } else if (add.content() instanceof ContactContent content) {
                        ContactView created = contacts.create(accountId, changes.folderId(), content);
                        present.put(created.id(), created);
                        responses.add(new ClientResponse.Added(
                                add.clientId(), changes.added(add.clientId(), created.id()), ItemStatus.SUCCESS));
                    } else {
                        responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                    }
                }
                case ClientCommand.ChangeItem change -> {
                    if (contact == null) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND));
                    } else if (!(change.content() instanceof ContactContent content)) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR));
                    } else if (changes.serverWins(contact.id(), held.get(contact.id()), contact.modseq())) {
                        responses.add(new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT));
                    } else {
                        present.put(contact.id(), contacts.update(accountId, contact.id(), content));
                        changes.holds(contact.id());
                    }
                }
                case ClientCommand.Delete delete -> {
                    if (target.isEmpty()) {
                        responses.add(new ClientResponse.Deleted(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        if (contact != null) {
                            contacts.delete(accountId, List.of(contact.id()));
                            present.remove(contact.id());
                        }
                        changes.dropped(target.get());
                    }
                }
                case ClientCommand.Fetch fetch -> {
                    if (contact == null) {
                        responses.add(new ClientResponse.NotFetched(command.serverId(), ItemStatus.NOT_FOUND));
                    } else {
                        responses.add(new ClientResponse.Fetched(command.serverId(), contact));
                    }
                }
                case ClientCommand.Add add ->
                    responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                case ClientCommand.Change change ->
                    responses.add(new ClientResponse.Changed(
                            command.serverId(), contact == null ? ItemStatus.NOT_FOUND : ItemStatus.CONVERSION_ERROR));
            }
        }
        return responses;
    }
}
