package org.atoll.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.CollectionStates;
import org.atoll.sync.internal.DeviceItems;
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

    SyncKeys(Mailboxes mailboxes, CollectionStates states, DeviceItems items, PendingChanges pending) {
        this.mailboxes = mailboxes;
        this.states = states;
        this.items = items;
        this.pending = pending;
    }

    /** Where a Sync of one collection starts from, or its whole answer. */
    sealed interface Opening {

        /** The key settles the request: 0 reset the collection, or the key is invalid. */
        record Answered(CollectionResult result) implements Opening {}

        /**
         * The collection's state to go on from, locked until the transaction ends.
         *
         * @param replay whether the key is the previous one: the state is the one that key covered
         */
        record Opened(CollectionState state, boolean replay) implements Opening {}
    }

    /**
     * Reads and locks the collection's state for the request's key. Key 0 resets it to the journal's end; the
     * previous key undoes what the lost response changed in the held items; the current key forgets that undo.
     */
    Opening open(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            long folderId,
            CollectionRequest request,
            Instant now) {
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, true);
        if (request.syncKey() == 0) {
            SyncOptions options = ItemClasses.effective(store, SyncOptions.DEFAULT.with(request.options()));
            long next = loaded.map(s -> s.key() + 1).orElse(1L);
            JournalPosition end = JournalPosition.afterModseq(mailboxes.highestModseq(accountId));
            states.reset(accountId, devicePk, folderId, next, end, options, now);
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
        if (request.syncKey() == state.key() || replay) {
            if (pending.beforeHorizon(accountId, folderId, from)) {
                return new Opening.Answered(new CollectionResult.InvalidSyncKey());
            }
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
        } else if (request.syncKey() != state.key()) {
            return new Opening.Answered(new CollectionResult.InvalidSyncKey());
        } else {
            items.forgetUndo(accountId, devicePk, folderId);
        }
        return new Opening.Opened(state, replay);
    }

    /**
     * Stores the state a pass ends in and answers with its key: a new key when the response carries anything or
     * answers the previous key again, the same key otherwise; the key it replaces becomes the previous one.
     *
     * @param clientCommands whether the request carried commands of the device
     */
    CollectionResult.Synced close(
            FolderType type,
            CollectionState state,
            boolean replay,
            SyncPass pass,
            List<ServerCommand> commands,
            List<ClientResponse> responses,
            boolean clientCommands) {
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
        if (!updated.equals(state) || replay) {
            states.save(pass.accountId, pass.devicePk, pass.folderId, updated, pass.now, bodiesChanged);
        }
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
