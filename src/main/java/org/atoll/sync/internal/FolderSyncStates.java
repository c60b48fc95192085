package org.atoll.sync.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.atoll.mailbox.JournalPosition;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The folder_sync_state rows: each device's FolderSync key, its journal position, and the previous key's. */
@Component
public class FolderSyncStates {

    /** A device's current FolderSync key and position, and the previous ones a resent key is answered from. */
    public record State(
            long key, JournalPosition position, @Nullable Long previousKey, JournalPosition previousPosition) {}

    private final JdbcClient jdbc;

    FolderSyncStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The device's folder sync state, if it ever synced its folders. */
    public Optional<State> find(long accountId, long devicePk) {
        return jdbc.sql("""
                        SELECT sync_key, position_modseq, position_ordinal, previous_key, previous_modseq,
                               previous_ordinal
                        FROM folder_sync_state WHERE account_id = ? AND device_pk = ?
                        """)
                .params(accountId, devicePk)
                .query((row, n) -> new State(
                        row.getLong("sync_key"),
                        new JournalPosition(row.getLong("position_modseq"), row.getInt("position_ordinal")),
                        row.getObject("previous_key", Long.class),
                        row.getObject("previous_modseq") == null
                                ? JournalPosition.START
                                : new JournalPosition(row.getLong("previous_modseq"), row.getInt("previous_ordinal"))))
                .optional();
    }

    /** Sets the device's folder sync state. */
    public void save(
            long accountId,
            long devicePk,
            long key,
            JournalPosition position,
            @Nullable Long previousKey,
            @Nullable JournalPosition previousPosition) {
        jdbc.sql("""
                        INSERT INTO folder_sync_state (account_id, device_pk, sync_key, position_modseq,
                            position_ordinal, previous_key, previous_modseq, previous_ordinal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id, device_pk) DO UPDATE SET sync_key = excluded.sync_key,
                            position_modseq = excluded.position_modseq, position_ordinal = excluded.position_ordinal,
                            previous_key = excluded.previous_key, previous_modseq = excluded.previous_modseq,
                            previous_ordinal = excluded.previous_ordinal
                        """)
                .params(
                        accountId,
                        devicePk,
                        key,
                        position.modseq(),
                        position.ordinal(),
                        previousKey,
                        previousPosition == null ? null : previousPosition.modseq(),
                        previousPosition == null ? null : previousPosition.ordinal())
                .update();
    }

    /** The positions of those of the devices that synced their folders, by device. */
    public Map<Long, JournalPosition> positions(long accountId, Collection<Long> devicePks) {
        Map<Long, JournalPosition> positions = new HashMap<>();
        if (!devicePks.isEmpty()) {
            jdbc.sql("""
                            SELECT device_pk, position_modseq, position_ordinal FROM folder_sync_state
                            WHERE account_id = ? AND device_pk = ANY(?)
                            """).params(accountId, devicePks.toArray(Long[]::new)).query(row -> {
                positions.put(row.getLong(1), new JournalPosition(row.getLong(2), row.getInt(3)));
            });
        }
        return positions;
    }
}
