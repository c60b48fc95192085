package org.atoll.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atoll.mailbox.Calendars;
import org.atoll.mailbox.Contacts;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageProperty;
import org.atoll.mailbox.MessageStamp;
import org.atoll.mailbox.MessageUpdate;
import org.atoll.mailbox.MessageView;
import org.atoll.mailbox.Notes;
import org.atoll.mailbox.StoredMessage;
import org.atoll.mailbox.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Email as an item class (MS-ASEMAIL): messages of {@link Mailboxes}. It serves every folder type no other class
 * claims, as Email collections were served before there were other classes. Client changes: Read, Flag and
 * Categories of any message; Add, Change of the whole draft and Delete in Drafts; Delete anywhere (to Deleted Items
 * unless DeletesAsMoves is off); Fetch. Every read and write goes through {@link Mailboxes}' plain SQL, so its Syncs
 * run without a Hibernate session.
 */
@Component
class EmailItemStore implements ItemStore {

    private static final Set<FolderType> TYPES = types();

    private final Mailboxes mailboxes;

    EmailItemStore(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    private static Set<FolderType> types() {
        Set<FolderType> types = EnumSet.allOf(FolderType.class);
        types.removeAll(Notes.FOLDER_TYPES);
        types.removeAll(Contacts.FOLDER_TYPES);
        types.removeAll(Tasks.FOLDER_TYPES);
        types.removeAll(Calendars.FOLDER_TYPES);
        return Set.copyOf(types);
    }

    @Override
    public Set<FolderType> folderTypes() {
        return TYPES;
    }

    @Override
    public boolean filtered() {
        return true;
    }

    @Override
    public boolean plainSql() {
        return true;
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return mailboxes.stamps(accountId, ids).stream()
                .map(EmailItemStore::stamp)
                .toList();
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return mailboxes
                .stamps(
                        accountId,
                        folderId,
                        since,
                        after == null ? null : new MessageStamp(after.id(), folderId, after.since(), 0, 0),
                        limit)
                .stream()
                .map(EmailItemStore::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return mailboxes.count(accountId, folderId, since);
    }

    @Override
    public List<MessageView> fetch(long accountId, Collection<Long> ids) {
        return mailboxes.messagesWithMime(accountId, ids, List.of()).stream()
                .map(StoredMessage::view)
                .toList();
    }

    @Override
    public Fetched fetchWithContent(long accountId, Collection<Long> ids, Collection<Long> withContent) {
        List<MessageView> views = new ArrayList<>();
        Map<Long, byte[]> contents = new HashMap<>();
        for (StoredMessage stored : mailboxes.messagesWithMime(accountId, ids, withContent)) {
            views.add(stored.view());
            if (stored.rawMime() != null) {
                contents.put(stored.view().id(), stored.rawMime());
            }
        }
        return new Fetched(views, contents);
    }

    @Override
    public void move(long accountId, long id, long targetFolderId) {
        mailboxes.move(accountId, List.of(id), targetFolderId);
    }

    private static ItemStamp stamp(MessageStamp stamp) {
        return new ItemStamp(stamp.id(), stamp.folderId(), stamp.receivedAt(), stamp.modseq(), stamp.size());
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        boolean takesAdds = changes.folderType() == FolderType.DRAFTS;
        Map<ClientCommand, Long> targets = new LinkedHashMap<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(id -> targets.put(command, id));
        }
        Map<Long, ItemStamp> stamps = changes.stamps(targets.values());
        Map<Long, Long> held = changes.heldModseqs(targets.values());

        ClientResponse[] responses = new ClientResponse[commands.size()];
        Map<Long, MessageUpdate> updates = new LinkedHashMap<>();
        List<Long> deletes = new ArrayList<>();
        Map<Integer, Long> fetches = new LinkedHashMap<>();
        Map<Integer, ClientCommand.Add> adds = new LinkedHashMap<>();
        Map<Integer, Long> rewrites = new LinkedHashMap<>();
        Map<Long, byte[]> contents = new HashMap<>();
        for (int index = 0; index < commands.size(); index++) {
            ClientCommand command = commands.get(index);
            Long messageId = targets.get(command);
            ItemStamp stamp = messageId == null ? null : stamps.get(messageId);
            boolean present = stamp != null && stamp.folderId() == changes.folderId();
            switch (command) {
                case ClientCommand.Change change -> {
                    if (!present) {
                        responses[index] = new ClientResponse.Changed(command.serverId(), ItemStatus.NOT_FOUND);
                        continue;
                    }
                    if (change.categories() != null && !categoriesFit(change.categories())) {
                        responses[index] = new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR);
                        continue;
                    }
                    Set<MessageProperty> lost =
                            changes.losing(messageId, held.get(messageId), stamp.modseq(), touched(change, takesAdds));
                    if (!lost.isEmpty()) {
                        // The properties that clashed keep the server's values; the rest of the change stands.
                        responses[index] = new ClientResponse.Changed(command.serverId(), ItemStatus.CONFLICT);
                        if (change.content() != null && takesAdds) {
                            continue;
                        }
                        change = new ClientCommand.Change(
                                change.serverId(),
                                lost.contains(MessageProperty.READ) ? null : change.read(),
                                lost.contains(MessageProperty.FLAG) ? null : change.flag(),
                                lost.contains(MessageProperty.CATEGORIES) ? null : change.categories());
                        if (change.read() == null && change.flag() == null && change.categories() == null) {
                            continue;
                        }
                    }
                    if (change.content() != null && takesAdds) {
                        if (change.content().length == 0 || change.content().length > Mailboxes.MAX_MESSAGE_BYTES) {
                            responses[index] =
                                    new ClientResponse.Changed(command.serverId(), ItemStatus.CONVERSION_ERROR);
                            continue;
                        }
                        rewrites.put(index, messageId);
                        contents.put(messageId, change.content());
                    }
                    MessageUpdate earlier = updates.get(messageId);
                    updates.put(
                            messageId,
                            new MessageUpdate(
                                    change.read() != null ? change.read() : earlier == null ? null : earlier.read(),
                                    change.flag() != null ? change.flag() : earlier == null ? null : earlier.flag(),
                                    change.categories() != null
                                            ? change.categories()
                                            : earlier == null ? null : earlier.categories()));
                    changes.holds(messageId);
                }
                case ClientCommand.Delete delete -> {
                    if (present) {
                        deletes.add(messageId);
                    } else if (messageId == null) {
                        responses[index] = new ClientResponse.Deleted(command.serverId(), ItemStatus.NOT_FOUND);
                    } else {
                        changes.dropped(messageId);
                    }
                }
                case ClientCommand.Add add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses[index] = new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS);
                    } else if (!takesAdds
                            || add.mime().length == 0
                            || add.mime().length > Mailboxes.MAX_MESSAGE_BYTES) {
                        responses[index] = new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR);
                    } else {
                        adds.put(index, add);
                    }
                }
                case ClientCommand.Fetch fetch -> {
                    if (present) {
                        fetches.put(index, messageId);
                    } else {
                        responses[index] = new ClientResponse.NotFetched(command.serverId(), ItemStatus.NOT_FOUND);
                    }
                }
                case ClientCommand.AddItem add ->
                    responses[index] = new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR);
                case ClientCommand.ChangeItem change ->
                    responses[index] = new ClientResponse.Changed(
                            command.serverId(), present ? ItemStatus.CONVERSION_ERROR : ItemStatus.NOT_FOUND);
            }
        }
        deletes.forEach(updates::remove);
        deletes.forEach(contents::remove);
        contents.forEach((messageId, content) -> mailboxes.rewrite(accountId, messageId, content));
        rewrites.forEach((index, messageId) -> {
            if (contents.containsKey(messageId)) {
                responses[index] =
                        new ClientResponse.Changed(commands.get(index).serverId(), ItemStatus.SUCCESS);
            }
        });
        adds.forEach((index, add) -> {
            MessageView added = mailboxes.deliver(accountId, changes.folderId(), add.mime(), null);
            mailboxes.change(
                    accountId,
                    Map.of(added.id(), new MessageUpdate(add.read() == null || add.read(), add.flag(), null)),
                    List.of(),
                    true);
            responses[index] = new ClientResponse.Added(
                    add.clientId(), changes.added(add.clientId(), added.id()), ItemStatus.SUCCESS);
        });
        if (!updates.isEmpty() || !deletes.isEmpty()) {
            // Changes and Deletes together are one mutation; what it leaves unchanged keeps the stamp read before.
            Map<Long, ItemStamp> after = new HashMap<>();
            mailboxes.change(accountId, updates, deletes, changes.options().deletesAsMoves()).stream()
                    .map(EmailItemStore::stamp)
                    .forEach(stamp -> after.put(stamp.id(), stamp));
            for (Long messageId : updates.keySet()) {
                if (!after.containsKey(messageId) && !contents.containsKey(messageId)) {
                    after.put(messageId, stamps.get(messageId));
                }
            }
            after.values().forEach(changes::stamped);
        }
        deletes.forEach(changes::dropped);
        if (!fetches.isEmpty()) {
            Map<Long, MessageView> views = fetch(accountId, fetches.values()).stream()
                    .collect(Collectors.toMap(MessageView::id, Function.identity()));
            fetches.forEach((index, messageId) -> {
                String serverId = commands.get(index).serverId();
                MessageView view = views.get(messageId);
                responses[index] = view == null
                        ? new ClientResponse.NotFetched(serverId, ItemStatus.NOT_FOUND)
                        : new ClientResponse.Fetched(serverId, view);
            });
        }
        return Arrays.stream(responses).filter(Objects::nonNull).toList();
    }

    /** The properties a device's Change sets; every one when it rewrites a draft whole. */
    private static Set<MessageProperty> touched(ClientCommand.Change change, boolean takesAdds) {
        if (change.content() != null && takesAdds) {
            return EnumSet.allOf(MessageProperty.class);
        }
        Set<MessageProperty> touched = EnumSet.noneOf(MessageProperty.class);
        if (change.read() != null) {
            touched.add(MessageProperty.READ);
        }
        if (change.flag() != null) {
            touched.add(MessageProperty.FLAG);
        }
        if (change.categories() != null) {
            touched.add(MessageProperty.CATEGORIES);
        }
        return touched;
    }

    /** What {@link Mailboxes#setCategories} accepts, checked first so a refusal stays this item's alone. */
    private static boolean categoriesFit(List<String> categories) {
        return categories.size() <= 64
                && categories.stream().map(String::strip).allMatch(c -> !c.isEmpty() && c.length() <= 255);
    }
}
