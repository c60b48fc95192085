package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The sync_conflict rows: every conflict between a device's change and a newer server change, and who won. */
@Component
public class Conflicts {

    private final JdbcClient jdbc;

    Conflicts(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
