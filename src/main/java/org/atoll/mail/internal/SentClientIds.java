package org.atoll.mail.internal;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ClientIds each device already sent, so that a retried request sends nothing twice. */
@Repository
public class SentClientIds {

    private final JdbcClient jdbc;

    SentClientIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean known(long accountId, long devicePk, String clientId) {
        return jdbc.sql("SELECT count(*) FROM sent_client_id WHERE account_id = ? AND device_id = ? AND client_id = ?")
                        .params(accountId, devicePk, clientId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Remembers a ClientId in the caller's transaction.
     *
     * @return false when it was already remembered (a concurrent retry won); the caller must then roll back
     */
    public boolean remember(long accountId, long devicePk, String clientId, Instant at) {
        return jdbc.sql("""
                        INSERT INTO sent_client_id (account_id, device_id, client_id, sent_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """)
                        .params(accountId, devicePk, clientId, java.sql.Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Forgets up to {@code limit} ClientIds sent before {@code cutoff}. */
    public long forgetBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM sent_client_id c USING (
                            SELECT account_id, device_id, client_id FROM sent_client_id WHERE sent_at < ? LIMIT ?) d
                        WHERE c.account_id = d.account_id AND c.device_id = d.device_id AND c.client_id = d.client_id
                        """).params(java.sql.Timestamp.from(cutoff), limit).update();
    }
}
