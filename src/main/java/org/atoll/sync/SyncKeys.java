package org.atoll.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.CollectionReads;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.CollectionStates;
import org.atoll.sync.internal.CollectionWrites;
import org.atoll.sync.internal.DeviceItems;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The SyncKeys of each device's collections (MS-ASCMD 2.2.3.177.17): key 0 starts over; the current key goes on
 * from the collection's position; the previous key is answered again from the position it covered, after the held
 * items of the lost response are undone (MS-ASCMD 3.1.5.9); any other key, or one whose position fell behind the
 * journal's horizon, is invalid. Also the collections of a device's last Sync request, repeated by an empty one.
 */
@Component
class SyncKeys {

    private final Mailboxes mailboxes;
    private final CollectionStates states;
    private final DeviceItems items;
    private final PendingChanges pending;
    private final CollectionReads reads;
    private final CollectionWrites writes;

    SyncKeys(
            Mailboxes mailboxes,
            CollectionStates states,
            DeviceItems items,
            PendingChanges pending,
            CollectionReads reads,
            CollectionWrites writes) {
        this.reads = reads;
        this.writes = writes;
        this.mailboxes = mailboxes;
        this.states = states;
        this.items = items;
        this.pending = pending;
    }

    /** Where a Sync of one collection starts from, or its whole answer. */
    sealed interface Opening {

        /** The key settles the request: 0 reset the collection, the key is invalid, or nothing changed. */
        record Answered(CollectionResult result) implements Opening {}

        /**
         * The collection's state to go on from, locked until the transaction ends.
         *
         * @param replay whether the key is the previous one: the state is the one that key covered
         * @param read what the opening read of the held items and the journal, current for this state
         * @param markAlone whether the pass must record that the device's request named this collection alone
         */
        record Opened(CollectionState state, boolean replay, CollectionReads.Opening read, boolean markAlone)
                implements Opening {}
    }

    /** A poll's first look at its collection, before any lock: its whole answer, or what it read. */
    sealed interface Look {

        /** Nothing changed for the device, or the folder is gone. */
        record Answered(CollectionResult result) implements Look {}

        /**
         * Something may have changed, or the request is not a plain poll.
         *
         * @param peek what the look read for {@link #open} to go on from; null when the request is not a poll with
         *     the current key (it carries commands, asks for no changes, or starts over)
         */
        record Read(CollectionReads.@Nullable Opening peek) implements Look {}
    }

    /**
     * Looks at a poll with the current key without a lock, in one statement that needs no transaction of its own,
     * and answers it when nothing changed for the device: most polls end here, without {@code BEGIN} or
     * {@code COMMIT}. A poll that names this collection alone and was not marked so yet is marked in one more
     * statement, which commits on its own when no transaction is open.
     *
     * @param alone whether the request names this collection alone
     */
    Look look(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            CollectionRequest request,
            Instant now,
            boolean alone) {
        if (request.syncKey() == 0 || !request.commands().isEmpty() || !request.getChanges()) {
            return new Look.Read(null);
        }
        long folderId = request.folderId();
        CollectionReads.Opening peek = reads.peek(accountId, devicePk, folderId, PendingChanges.firstPage(request));
        if (!peek.folderExists()) {
            return new Look.Answered(new CollectionResult.UnknownCollection());
        }
        Optional<CollectionResult> unchanged = pending.unchanged(store, type, accountId, devicePk, request, now, peek);
        if (unchanged.isEmpty()) {
            return new Look.Read(peek);
        }
        if (alone && !(peek.inLastRequest() && !peek.othersInLastRequest())) {
            states.markLastRequest(accountId, devicePk, List.of(folderId));
        }
        return new Look.Answered(unchanged.get());
    }

    /**
     * Opens the collection for the request's key, after {@link #look}: the state is read and locked, with what the
     * device holds of the items its commands name. Key 0 resets the collection to the journal's end; the previous key
     * undoes what the lost response changed in the held items; the current key goes on, and its first write replaces
     * the previous response's undo rows.
     *
     * @param targets the items the request's commands name in this collection
     * @param alone whether the request names this collection alone: its last-request mark is kept here
     * @param peek what the look read, reused when the locked state is the same
     */
    Opening open(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            long folderId,
            CollectionRequest request,
            Instant now,
            Collection<Long> targets,
            boolean alone,
            CollectionReads.@Nullable Opening peek) {
        CollectionReads.Opening locked = reads.lock(accountId, devicePk, folderId, targets);
        if (!locked.folderExists()) {
            return new Opening.Answered(new CollectionResult.UnknownCollection());
        }
        boolean markAlone = alone && !(locked.inLastRequest() && !locked.othersInLastRequest());
        Optional<CollectionState> loaded = Optional.ofNullable(locked.state());
        if (request.syncKey() == 0) {
            SyncOptions options = ItemClasses.effective(store, SyncOptions.DEFAULT.with(request.options()));
            long next = loaded.map(s -> s.key() + 1).orElse(1L);
            JournalPosition end = JournalPosition.afterModseq(mailboxes.highestModseq(accountId));
            states.reset(accountId, devicePk, folderId, next, end, options, now);
            if (alone) {
                states.markLastRequest(accountId, devicePk, List.of(folderId));
            }
            return new Opening.Answered(new CollectionResult.Synced(type, next, List.of(), List.of(), false, options));
        }
        if (loaded.isEmpty()) {
            return new Opening.Answered(new CollectionResult.InvalidSyncKey());
        }
        CollectionState state = loaded.get();
        boolean replay = state.previous() != null
                && request.syncKey() == state.previous().key();
        JournalPosition from = replay
                ? state.previous().progress().position()
                : state.progress().position();
        if ((request.syncKey() == state.key() || replay) && from.compareTo(locked.horizon()) < 0) {
            return new Opening.Answered(new CollectionResult.InvalidSyncKey());
        }
        if (replay) {
            items.undo(accountId, devicePk, folderId);
            CollectionState.Previous previous = state.previous();
            state = new CollectionState(
                    previous.key(),
                    previous.progress(),
                    null,
                    new SyncOptions(
                            previous.filter(),
                            state.options().conflict(),
                            state.options().deletesAsMoves(),
                            state.options().windowSize(),
                            state.options().mimeSupport(),
                            state.options().bodyPreferences()));
            // The undo changed the held items: nothing read of them before it holds.
            return new Opening.Opened(state, true, CollectionReads.Opening.nothing(locked), markAlone);
        } else if (request.syncKey() != state.key()) {
            return new Opening.Answered(new CollectionResult.InvalidSyncKey());
        }
        // A peek's journal page and held items are the locked state's when the state did not change in between.
        CollectionReads.Opening read =
                peek != null && state.equals(peek.state()) && peek.held() != null ? peek : locked;
        return new Opening.Opened(state, false, read, markAlone);
    }

    /**
     * Stores the state a pass ends in, with what the device now holds, and answers with its key: a new key when the
     * response carries anything or answers the previous key again, the same key otherwise; the key it replaces
     * becomes the previous one.
     *
     * @param clientCommands whether the request carried commands of the device
     * @param markAlone whether to record that the device's latest request named this collection alone
     */
    CollectionResult.Synced close(
            FolderType type,
            CollectionState state,
            boolean replay,
            SyncPass pass,
            List<ServerCommand> commands,
            List<ClientResponse> responses,
            boolean clientCommands,
            boolean markAlone) {
        boolean sent = !commands.isEmpty() || !responses.isEmpty() || clientCommands;
        long next = replay || sent ? state.key() + 1 : state.key();
        CollectionState.Previous previous = next == state.key()
                ? state.previous()
                : new CollectionState.Previous(
                        state.key(), state.progress(), state.options().filter());
        SyncOptions options = pass.options;
        CollectionState updated = new CollectionState(next, pass.progress, previous, options);
        boolean bodiesChanged =
                !options.bodyPreferences().equals(state.options().bodyPreferences());
        boolean save = !updated.equals(state) || replay;
        writes.close(
                pass.accountId,
                pass.devicePk,
                pass.folderId,
                pass.held,
                save ? updated : null,
                pass.now,
                markAlone,
                save && bodiesChanged);
        return new CollectionResult.Synced(type, next, commands, responses, pass.more, options);
    }

    void rememberRequest(long accountId, long devicePk, List<Long> folderIds) {
        states.markLastRequest(accountId, devicePk, folderIds);
    }

    Map<Long, Long> previousRequest(long accountId, long devicePk) {
        Map<Long, Long> keys = new LinkedHashMap<>();
        states.lastRequest(accountId, devicePk).forEach(pair -> keys.put(pair[0], pair[1]));
        return keys;
    }

    List<CollectionSyncView> collections(long accountId, long devicePk) {
        return states.views(accountId, devicePk);
    }
}
