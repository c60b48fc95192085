package org.atoll.sync.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.atoll.sync.ItemId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The client_add rows: which item each device's ClientId became. */
@Component
public class ClientAdds {

    private final JdbcClient jdbc;

    ClientAdds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ItemId> find(long accountId, long devicePk, String clientId) {
        return jdbc.sql("SELECT folder_id, message_id FROM client_add"
                        + " WHERE account_id = ? AND device_pk = ? AND client_id = ?")
                .params(accountId, devicePk, clientId)
                .query((row, n) -> new ItemId(row.getLong(1), row.getLong(2)))
                .optional();
    }

    public void record(long accountId, long devicePk, String clientId, ItemId item, Instant now) {
        jdbc.sql("""
                        INSERT INTO client_add (account_id, device_pk, client_id, folder_id, message_id, added_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(accountId, devicePk, clientId, item.folderId(), item.messageId(), Timestamp.from(now))
                .update();
    }
}
