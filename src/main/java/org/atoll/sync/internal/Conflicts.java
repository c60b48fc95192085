package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.atoll.sync.SyncConflict;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The sync_conflict rows: every conflict between a device's change and a newer server change, and who won. */
@Component
public class Conflicts {

    private final JdbcClient jdbc;

    Conflicts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's conflicts, newest first; of one device when {@code devicePk} is given. */
    public List<SyncConflict> of(long accountId, @Nullable Long devicePk, int limit) {
        return jdbc.sql("""
                        SELECT device_pk, folder_id, message_id, winner, occurred_at FROM sync_conflict
                        WHERE account_id = ? AND (CAST(? AS bigint) IS NULL OR device_pk = ?)
                        ORDER BY id DESC LIMIT ?
                        """)
                .params(accountId, devicePk, devicePk, limit)
                .query((row, n) -> new SyncConflict(
                        row.getLong("device_pk"),
                        row.getLong("folder_id"),
                        row.getLong("message_id"),
                        row.getString("winner").equals("CLIENT"),
                        row.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    public void record(
            long accountId,
            long devicePk,
            long folderId,
            long messageId,
            boolean clientWon,
            long heldModseq,
            long serverModseq,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO sync_conflict (account_id, device_pk, folder_id, message_id, winner, held_modseq,
                            server_modseq, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        accountId,
                        devicePk,
                        folderId,
                        messageId,
                        clientWon ? "CLIENT" : "SERVER",
                        heldModseq,
                        serverModseq,
                        Timestamp.from(now))
                .update();
    }
}
