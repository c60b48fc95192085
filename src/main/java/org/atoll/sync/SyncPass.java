package org.atoll.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.atoll.sync.internal.CollectionState;
import org.jspecify.annotations.Nullable;

/**
 * One request's work on one collection: its options and FilterType cutoff, the progress it moves, the room left in
 * its window and its byte budget, whether more is pending, and the items it has decided on.
 */
final class SyncPass {

    /** The most item bytes one collection's response offers, beyond the first item. */
    static final long RESPONSE_BUDGET = 8L * 1024 * 1024;

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

    static Map<Long, ItemStamp> byId(Collection<ItemStamp> stamps) {
        Map<Long, ItemStamp> byId = new HashMap<>();
        stamps.forEach(stamp -> byId.put(stamp.id(), stamp));
        return byId;
    }
}
