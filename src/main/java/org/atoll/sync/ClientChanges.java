package org.atoll.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.MessageProperty;
import org.atoll.sync.internal.ClientAdds;
import org.atoll.sync.internal.Conflicts;
import org.atoll.sync.internal.DeviceItems;
import org.atoll.sync.internal.HeldChanges;
import org.jspecify.annotations.Nullable;

/**
 * One collection's client commands as an {@link ItemStore} applies them: who sent them, for which folder and with
 * which options, and the bookkeeping every class shares (ClientId de-duplication, MS-ASCMD 2.2.3.28.1; conflicts,
 * MS-ASCMD 2.2.3.34; what the device holds afterwards, so its own changes are never echoed).
 */
final class ClientChanges {

    private final long accountId;
    private final long devicePk;
    private final long folderId;
    private final FolderType folderType;
    private final SyncOptions options;
    private final Instant now;
    private final boolean replay;
    private final DeviceItems items;
    private final Conflicts conflicts;
    private final ClientAdds clientAdds;
    private final Mailboxes mailboxes;
    private final ItemStore store;
    private final Set<Long> holds = new HashSet<>();
    private final Set<Long> dropped = new HashSet<>();
    private final HeldChanges held;
    private final Map<Long, ItemStamp> stampsAfter = new HashMap<>();
    private final Map<Long, ItemStamp> stampsBefore = new HashMap<>();
    private final Set<Long> stampsRead = new HashSet<>();

    ClientChanges(
            long accountId,
            long devicePk,
            long folderId,
            FolderType folderType,
            SyncOptions options,
            Instant now,
            boolean replay,
            DeviceItems items,
            Conflicts conflicts,
            ClientAdds clientAdds,
            Mailboxes mailboxes,
            ItemStore store,
            HeldChanges held) {
        this.held = held;
        this.accountId = accountId;
        this.devicePk = devicePk;
        this.folderId = folderId;
        this.folderType = folderType;
        this.options = options;
        this.now = now;
        this.replay = replay;
        this.items = items;
        this.conflicts = conflicts;
        this.clientAdds = clientAdds;
        this.mailboxes = mailboxes;
        this.store = store;
    }

    public long accountId() {
        return accountId;
    }

    public long devicePk() {
        return devicePk;
    }

    public long folderId() {
        return folderId;
    }

    public FolderType folderType() {
        return folderType;
    }

    public SyncOptions options() {
        return options;
    }

    public Instant now() {
        return now;
    }

    /** The item a command's ServerId names in this collection, if it names one here. */
    public Optional<Long> target(ClientCommand command) {
        return ItemId.parse(command.serverId())
                .filter(id -> id.folderId() == folderId)
                .map(ItemId::messageId);
    }

    /** The ServerId of an item of this collection. */
    public String serverId(long itemId) {
        return new ItemId(folderId, itemId).text();
    }

    /**
     * The modseq at which the device received each of the items it holds among {@code ids}, as it stood before these
     * changes: each item is read once per request (the account's writer lock is held, and what the device holds is
     * written only after the changes are applied), so the core and the class's store share one read.
     */
    public Map<Long, Long> heldModseqs(Collection<Long> ids) {
        List<Long> unread = held.unknown(ids);
        if (!unread.isEmpty()) {
            held.learn(unread, items.held(accountId, devicePk, folderId, unread));
        }
        Map<Long, Long> modseqs = new HashMap<>();
        held.held(ids).forEach((id, item) -> modseqs.put(id, item.modseq()));
        return modseqs;
    }

    /**
     * The stamps of the items among {@code ids} that exist, as they stood before these changes, by id: like {@link
     * #heldModseqs}, each item is read once per request, so the core and the class's store share one read.
     */
    public Map<Long, ItemStamp> stamps(Collection<Long> ids) {
        Set<Long> unread = new HashSet<>(ids);
        unread.removeAll(stampsRead);
        if (!unread.isEmpty()) {
            store.stamps(accountId, unread).forEach(stamp -> stampsBefore.put(stamp.id(), stamp));
            stampsRead.addAll(unread);
        }
        Map<Long, ItemStamp> stamps = new HashMap<>();
        for (Long id : ids) {
            ItemStamp stamp = stampsBefore.get(id);
            if (stamp != null) {
                stamps.put(id, stamp);
            }
        }
        return stamps;
    }

    /**
     * Whether the device's change of an item loses to a server change it had not seen (MS-ASCMD 2.2.3.34): when the
     * item changed after the state the device holds, the conflict is recorded and the collection's Conflict option
     * decides. A replayed request conflicts with nothing, its first run having already answered.
     *
     * @param heldModseq the modseq the device holds the item at, null when it holds none
     */
    public boolean serverWins(long itemId, @Nullable Long heldModseq, long currentModseq) {
        if (heldModseq == null || currentModseq <= heldModseq || replay) {
            return false;
        }
        return decide(itemId, heldModseq, currentModseq);
    }

    /**
     * {@link #serverWins(long, Long, long)} for a message, decided per property (MS-ASCMD 2.2.3.34): the device's
     * change of {@code touched} conflicts only with a change of one of those properties that someone else made after
     * the state the device holds (a change of the whole message, a rewrite or a move, with any). A conflict is
     * recorded and the Conflict option decides.
     *
     * @return the properties whose device value loses to the server's: those of the clash when the server wins,
     *     none when there is no clash or the client wins
     */
    public Set<MessageProperty> losing(
            long itemId, @Nullable Long heldModseq, long currentModseq, Set<MessageProperty> touched) {
        if (heldModseq == null || currentModseq <= heldModseq || replay || touched.isEmpty()) {
            return Set.of();
        }
        Set<MessageProperty> clash = EnumSet.noneOf(MessageProperty.class);
        clash.addAll(mailboxes.changedSince(accountId, folderId, itemId, heldModseq, devicePk));
        clash.retainAll(touched);
        if (clash.isEmpty()) {
            return Set.of();
        }
        return decide(itemId, heldModseq, currentModseq) ? clash : Set.of();
    }

    private boolean decide(long itemId, long heldModseq, long currentModseq) {
        boolean clientWins = options.conflict() == ConflictPolicy.CLIENT_WINS;
        conflicts.record(accountId, devicePk, folderId, itemId, clientWins, heldModseq, currentModseq, now);
        return !clientWins;
    }

    /**
     * The stamp of an item as the store's change left it, told by a store that learns it while it writes, so that
     * it is not read again.
     */
    public void stamped(ItemStamp stamp) {
        stampsAfter.put(stamp.id(), stamp);
    }

    /** The stamps {@link #stamped} told, by id. */
    Map<Long, ItemStamp> stampsAfter() {
        return stampsAfter;
    }

    /** The ServerId an earlier Add of the device with this ClientId got, so a retried Add creates nothing. */
    public Optional<String> earlierAdd(String clientId) {
        return clientAdds.find(accountId, devicePk, clientId).map(ItemId::text);
    }

    /** Records a new item the device added, by its ClientId, as held; returns its ServerId. */
    public String added(String clientId, long itemId) {
        ItemId item = new ItemId(folderId, itemId);
        clientAdds.record(accountId, devicePk, clientId, item, now);
        holds.add(itemId);
        return item.text();
    }

    /** The device now holds the item as it is stored (after its own change). */
    public void holds(long itemId) {
        holds.add(itemId);
    }

    /** The device no longer holds the item (it deleted it, or it was gone already). */
    public void dropped(long itemId) {
        dropped.add(itemId);
    }

    Set<Long> held() {
        Set<Long> now = new HashSet<>(holds);
        now.removeAll(dropped);
        return now;
    }

    Set<Long> dropped() {
        return dropped;
    }
}
