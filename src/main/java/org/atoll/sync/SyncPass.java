package org.atoll.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.mailbox.ChangePage;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.HeldChanges;
import org.jspecify.annotations.Nullable;

/**
 * One request's work on one collection: its options and FilterType cutoff, the progress it moves, the room left in
 * its window and its byte budget, whether more is pending, and the items it has decided on.
 */
final class SyncPass {

    /** The most item bytes one collection's response offers, beyond the first item. */
    static final long RESPONSE_BUDGET = 8L * 1024 * 1024;

    /** The most raw content of Adds read with a window's items; larger windows read it as they are written. */
    static final long CONTENT_WITH_ITEMS = 1024 * 1024;

    final ItemStore store;
    final long accountId;
    final long devicePk;
    final long folderId;
    final SyncOptions options;
    final Instant now;
    final Instant cutoff;
    CollectionState.Progress progress;
    int room;
    long budget = RESPONSE_BUDGET;
    boolean more;
    boolean replay;

    /** Items already decided in this pass, so no item gets two commands in one response. */
    final Set<Long> decided = new HashSet<>();

    /** What the request changed of the items the device holds, written when the pass ends. */
    final HeldChanges held = new HeldChanges();

    /** The first page of the journal after the pass's position, when the opening read it already. */
    @Nullable
    ChangePage firstPage;

    /**
     * Items whose current stamps the request knows from its own changes: while the account's writer lock is held,
     * nobody else changes them.
     */
    final Map<Long, ItemStamp> knownStamps = new HashMap<>();

    SyncPass(
            ItemStore store,
            long accountId,
            long devicePk,
            long folderId,
            SyncOptions options,
            Instant now,
            CollectionState.Progress progress) {
        this.store = store;
        this.accountId = accountId;
        this.devicePk = devicePk;
        this.folderId = folderId;
        this.options = options;
        this.now = now;
        this.cutoff = store.cutoff(options.filter(), now);
        this.progress = progress;
        this.room = options.windowSize();
    }

    boolean full() {
        return room <= 0 || budget <= 0;
    }

    void take(int size) {
        room--;
        budget -= size;
    }

    boolean belongs(ItemStamp stamp) {
        return stamp.folderId() == folderId && !stamp.since().isBefore(cutoff);
    }

    /** What the server owes the device for one item. */
    enum Kind {
        ADD,
        CHANGE,
        DELETE,
        SOFT_DELETE
    }

    /** One item's server command, decided but not yet written. */
    record Decision(long messageId, Kind kind, @Nullable ItemStamp stamp) {}

    /** The current stamps of the items among {@code ids} that exist, read only for those the pass does not know. */
    Map<Long, ItemStamp> stamps(Collection<Long> ids) {
        Map<Long, ItemStamp> stamps = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        for (Long id : ids) {
            ItemStamp stamp = knownStamps.get(id);
            if (stamp == null) {
                unknown.add(id);
            } else {
                stamps.put(id, stamp);
            }
        }
        if (!unknown.isEmpty()) {
            store.stamps(accountId, unknown).forEach(stamp -> stamps.put(stamp.id(), stamp));
        }
        return stamps;
    }

    static Map<Long, ItemStamp> byId(Collection<ItemStamp> stamps) {
        Map<Long, ItemStamp> byId = new HashMap<>();
        stamps.forEach(stamp -> byId.put(stamp.id(), stamp));
        return byId;
    }
}
