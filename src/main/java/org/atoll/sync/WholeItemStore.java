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
import org.atoll.mailbox.ItemContent;
import org.atoll.mailbox.ItemView;
import org.jspecify.annotations.Nullable;

/**
 * An item class whose items a device writes whole (Notes, Contacts, Tasks): an Add creates the item, a Change
 * replaces all it says, a Delete removes it, a Fetch reads it. This class answers the core's {@link ItemStore}
 * questions and applies a device's commands with the shared bookkeeping of {@link ClientChanges} (ClientId
 * de-duplication, MS-ASCMD 2.2.3.28.1; conflicts, 2.2.3.34; Status 6 for content the class's codec could not read or
 * of another class, 8 for an item that is not in the collection, MS-ASCMD 2.2.3.177.17); a class supplies only its
 * store calls.
 *
 * @param <V> the class's stored item
 * @param <C> what a device or a REST client writes of an item of the class
 */
abstract class WholeItemStore<V extends ItemView, C extends ItemContent> implements ItemStore {

    private final Class<C> contentType;

    WholeItemStore(Class<C> contentType) {
        this.contentType = contentType;
    }

    /** The items that still exist among the ids, whatever their folder. */
    abstract List<V> find(long accountId, Collection<Long> ids);

    /** A folder's items by descending id, continuing after {@code afterId} (null: from the newest). */
    abstract List<V> inFolder(long accountId, long folderId, @Nullable Long afterId, int limit);

    abstract long countIn(long accountId, long folderId);

    abstract V create(long accountId, long folderId, C content);

    abstract V update(long accountId, long id, C content);

    abstract void delete(long accountId, Collection<Long> ids);

    abstract void moveTo(long accountId, long id, long folderId);

    /** About how many bytes sending the item costs, for the response budget. */
    abstract int size(V item);

    @Override
    public boolean filtered() {
        return false;
    }

    @Override
    public List<ItemStamp> stamps(long accountId, Collection<Long> ids) {
        return find(accountId, ids).stream().map(this::stamp).toList();
    }

    /** The folder's items of {@link #inFolder} whose {@link #since} is at or after {@code since}. */
    List<V> inFolder(long accountId, long folderId, Instant since, @Nullable Long afterId, int limit) {
        return inFolder(accountId, folderId, afterId, limit);
    }

    /** How many of the folder's items have a {@link #since} at or after {@code since}. */
    long countIn(long accountId, long folderId, Instant since) {
        return countIn(accountId, folderId);
    }

    @Override
    public List<ItemStamp> scan(long accountId, long folderId, Instant since, @Nullable ItemStamp after, int limit) {
        return inFolder(accountId, folderId, since, after == null ? null : after.id(), limit).stream()
                .map(this::stamp)
                .toList();
    }

    @Override
    public long count(long accountId, long folderId, Instant since) {
        return countIn(accountId, folderId, since);
    }

    @Override
    public List<V> fetch(long accountId, Collection<Long> ids) {
        return find(accountId, ids);
    }

    @Override
    public void move(long accountId, long id, long targetFolderId) {
        moveTo(accountId, id, targetFolderId);
    }

    /**
     * The instant the class's FilterType compares ({@link ItemStamp#since}); {@link Instant#EPOCH} for a class
     * without one.
     */
    Instant since(V item) {
        return Instant.EPOCH;
    }

    private ItemStamp stamp(V item) {
        return new ItemStamp(item.id(), item.folderId(), since(item), item.modseq(), size(item));
    }

    @Override
    public List<ClientResponse> apply(ClientChanges changes, List<ClientCommand> commands) {
        long accountId = changes.accountId();
        Set<Long> targets = new LinkedHashSet<>();
        for (ClientCommand command : commands) {
            changes.target(command).ifPresent(targets::add);
        }
        Map<Long, V> present = new HashMap<>();
        for (V item : find(accountId, targets)) {
            if (item.folderId() == changes.folderId()) {
                present.put(item.id(), item);
            }
        }
        Map<Long, Long> held = changes.heldModseqs(targets);
        List<ClientResponse> responses = new ArrayList<>();
        for (ClientCommand command : commands) {
            Optional<Long> target = changes.target(command);
            V item = target.map(present::get).orElse(null);
            String serverId = command.serverId();
            switch (command) {
                case ClientCommand.AddItem add -> {
                    Optional<String> earlier = changes.earlierAdd(add.clientId());
                    if (earlier.isPresent()) {
                        responses.add(new ClientResponse.Added(add.clientId(), earlier.get(), ItemStatus.SUCCESS));
                    } else if (contentType.isInstance(add.content())) {
                        V created = create(accountId, changes.folderId(), contentType.cast(add.content()));
                        present.put(created.id(), created);
                        responses.add(new ClientResponse.Added(
                                add.clientId(), changes.added(add.clientId(), created.id()), ItemStatus.SUCCESS));
                    } else {
                        responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                    }
                }
                case ClientCommand.ChangeItem change -> {
                    if (item == null) {
                        responses.add(new ClientResponse.Changed(serverId, ItemStatus.NOT_FOUND));
                    } else if (!contentType.isInstance(change.content())) {
                        responses.add(new ClientResponse.Changed(serverId, ItemStatus.CONVERSION_ERROR));
                    } else if (changes.serverWins(item.id(), held.get(item.id()), item.modseq())) {
                        responses.add(new ClientResponse.Changed(serverId, ItemStatus.CONFLICT));
                    } else {
                        present.put(item.id(), update(accountId, item.id(), contentType.cast(change.content())));
                        changes.holds(item.id());
                    }
                }
                case ClientCommand.Delete delete -> {
                    if (target.isEmpty()) {
                        responses.add(new ClientResponse.Deleted(serverId, ItemStatus.NOT_FOUND));
                    } else {
                        if (item != null) {
                            delete(accountId, List.of(item.id()));
                            present.remove(item.id());
                        }
                        changes.dropped(target.get());
                    }
                }
                case ClientCommand.Fetch fetch ->
                    responses.add(
                            item == null
                                    ? new ClientResponse.NotFetched(serverId, ItemStatus.NOT_FOUND)
                                    : new ClientResponse.Fetched(serverId, item));
                case ClientCommand.Add add ->
                    responses.add(new ClientResponse.Added(add.clientId(), "", ItemStatus.CONVERSION_ERROR));
                case ClientCommand.Change change ->
                    responses.add(new ClientResponse.Changed(
                            serverId, item == null ? ItemStatus.NOT_FOUND : ItemStatus.CONVERSION_ERROR));
            }
        }
        return responses;
    }
}
