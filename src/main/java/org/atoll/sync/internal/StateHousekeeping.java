package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.atoll.mailbox.JournalPosition;
import org.atoll.sync.SyncHousekeeping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The statements of {@link SyncHousekeeping}: bounded deletes of sync state kept only for a while. */
@Component
public class StateHousekeeping {

    private final JdbcClient jdbc;

    StateHousekeeping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits for and holds, until the transaction ends, every collection state of the account that reads the
     * journal from before {@code through} (with its current or its previous key). A Sync holds its collection's
     * state while it reads the journal, so entries removed after this call were read by no Sync in flight, and a
     * Sync that comes later sees the moved horizon.
     */
    public void holdStatesReadingBefore(long accountId, JournalPosition through) {
        jdbc.sql("""
                        SELECT 1 FROM collection_sync_state
                        WHERE account_id = ? AND ((position_modseq, position_ordinal) < (?, ?)
                                                  OR (previous_modseq, previous_ordinal) < (?, ?))
                        ORDER BY device_pk, folder_id FOR UPDATE
                        """)
                .params(accountId, through.modseq(), through.ordinal(), through.modseq(), through.ordinal())
                .query(Integer.class)
                .list();
    }

    /**
     * Forgets the previous SyncKey of collections not synced since {@code cutoff}, with the undo rows that replay
     * it: resending that key then answers Status 3 (MS-ASCMD 2.2.3.177.17), the current key keeps working.
     *
     * @return how many collections lost their previous key, and how many undo rows went with them
     */
    public SyncHousekeeping.Forgotten forgetPreviousKeys(Instant cutoff, int limit) {
        return jdbc.sql("""
                        WITH old AS (
                            SELECT account_id, device_pk, folder_id FROM collection_sync_state
                            WHERE previous_key IS NOT NULL AND synced_at < ?
                            LIMIT ? FOR UPDATE SKIP LOCKED),
                        cleared AS (
                            UPDATE collection_sync_state s SET previous_key = NULL, previous_modseq = NULL,
                                previous_ordinal = NULL, previous_scan_active = NULL, previous_scan_received_at = NULL,
                                previous_scan_message_id = NULL, previous_reconcile = NULL,
                                previous_filter_type = NULL, undo_added = '{}'
                            FROM old
                            WHERE s.account_id = old.account_id AND s.device_pk = old.device_pk
                              AND s.folder_id = old.folder_id
                            RETURNING s.account_id, s.device_pk, s.folder_id),
                        undone AS (
                            DELETE FROM device_item_undo u USING cleared c
                            WHERE u.account_id = c.account_id AND u.device_pk = c.device_pk
                              AND u.folder_id = c.folder_id
                            RETURNING 1)
                        SELECT (SELECT count(*) FROM cleared), (SELECT count(*) FROM undone)
                        """)
                .params(Timestamp.from(cutoff), limit)
                .query((row, n) -> new SyncHousekeeping.Forgotten(row.getLong(1), row.getLong(2)))
                .single();
    }

    /** Removes conflict records older than {@code cutoff}. */
    public long removeConflictsBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM sync_conflict c USING (
                            SELECT account_id, id FROM sync_conflict WHERE occurred_at < ? LIMIT ?) d
                        WHERE c.account_id = d.account_id AND c.id = d.id
                        """).params(Timestamp.from(cutoff), limit).update();
    }

    /** Forgets ClientIds of Adds made before {@code cutoff}: a retry that late would create the item again. */
    public long forgetClientAddsBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM client_add c USING (
                            SELECT account_id, device_pk, client_id FROM client_add WHERE added_at < ? LIMIT ?) d
                        WHERE c.account_id = d.account_id AND c.device_pk = d.device_pk AND c.client_id = d.client_id
                        """).params(Timestamp.from(cutoff), limit).update();
    }

    /**
     * Removes the sync state (held items, undo rows, options) of collections whose folder no longer exists and
     * that were last synced before {@code cutoff}.
     *
     * @return how many collection states were removed
     */
    public long removeStatesOfDeletedFoldersBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM collection_sync_state s USING (
                            SELECT s.account_id, s.device_pk, s.folder_id FROM collection_sync_state s
                            WHERE s.synced_at < ? AND NOT EXISTS (
                                SELECT 1 FROM folder f WHERE f.account_id = s.account_id AND f.id = s.folder_id)
                            LIMIT ?) d
                        WHERE s.account_id = d.account_id AND s.device_pk = d.device_pk AND s.folder_id = d.folder_id
                        """).params(Timestamp.from(cutoff), limit).update();
    }
}
