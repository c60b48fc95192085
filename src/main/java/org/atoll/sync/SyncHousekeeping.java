package org.atoll.sync;

import java.time.Instant;
import org.atoll.mailbox.JournalPosition;
import org.atoll.sync.internal.StateHousekeeping;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes per-device sync state that is kept only for a while: the undo rows of previous SyncKeys, conflict
 * records, the ClientIds of Adds and the state of collections whose folder was deleted. Each call removes at most
 * {@code limit} rows (or collections) and returns how many it removed.
 */
@Service
public class SyncHousekeeping {

    private final StateHousekeeping states;

    SyncHousekeeping(StateHousekeeping states) {
        this.states = states;
    }

    /**
     * Waits for and holds, until the transaction ends, every collection state of the account that reads the
     * journal from before {@code through} (with its current or its previous key). A Sync holds its collection's
     * state while it reads the journal, so entries removed after this call were read by no Sync in flight, and a
     * Sync that comes later sees the moved horizon.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdStatesReadingBefore(long accountId, JournalPosition through) {
        states.holdStatesReadingBefore(accountId, through);
    }

    /**
     * Forgets the previous SyncKey of collections not synced since {@code cutoff}, with the undo rows that replay
     * it: resending that key then answers Status 3 (MS-ASCMD 2.2.3.177.17), the current key keeps working.
     *
     * @return how many collections lost their previous key, and how many undo rows went with them
     */
    @Transactional
    public Forgotten forgetPreviousKeys(Instant cutoff, int limit) {
        return states.forgetPreviousKeys(cutoff, limit);
    }

    /** What {@link #forgetPreviousKeys} removed. */
    public record Forgotten(long collections, long undoRows) {}

    /** Removes conflict records older than {@code cutoff}. */
    @Transactional
    public long removeConflictsBefore(Instant cutoff, int limit) {
        return states.removeConflictsBefore(cutoff, limit);
    }

    /** Forgets ClientIds of Adds made before {@code cutoff}: a retry that late would create the item again. */
    @Transactional
    public long forgetClientAddsBefore(Instant cutoff, int limit) {
        return states.forgetClientAddsBefore(cutoff, limit);
    }

    /**
     * Removes the sync state (held items, undo rows, options) of collections whose folder no longer exists and
     * that were last synced before {@code cutoff}.
     *
     * @return how many collection states were removed
     */
    @Transactional
    public long removeStatesOfDeletedFoldersBefore(Instant cutoff, int limit) {
        return states.removeStatesOfDeletedFoldersBefore(cutoff, limit);
    }
}
