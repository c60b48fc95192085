package org.atoll.mailbox.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.atoll.mailbox.MessageStamp;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of message stamps, served by the primary key and the (account, folder, received_at, id) index. */
@Component
public class MessageStamps {

    private static final RowMapper<MessageStamp> STAMP = (row, n) -> new MessageStamp(
            row.getLong("id"),
            row.getLong("folder_id"),
            row.getTimestamp("received_at").toInstant(),
            row.getLong("modseq"),
            row.getInt("size"));

    private final JdbcClient jdbc;

    MessageStamps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageStamp> inFolder(
            long accountId, long folderId, Instant since, @Nullable MessageStamp after, int limit) {
        Instant afterReceived = after == null ? Instant.parse("9999-12-31T00:00:00Z") : after.receivedAt();
        long afterId = after == null ? Long.MAX_VALUE : after.id();
        return jdbc.sql("""
                        SELECT id, folder_id, received_at, modseq, size FROM message
                        WHERE account_id = ? AND folder_id = ? AND received_at >= ?
                          AND (received_at, id) < (?, ?)
                        ORDER BY received_at DESC, id DESC LIMIT ?
                        """)
                .params(accountId, folderId, Timestamp.from(since), Timestamp.from(afterReceived), afterId, limit)
                .query(STAMP)
                .list();
    }

    public List<MessageStamp> of(long accountId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, folder_id, received_at, modseq, size FROM message"
                        + " WHERE account_id = ? AND id = ANY(?)")
                .params(accountId, ids.toArray(Long[]::new))
                .query(STAMP)
                .list();
    }

    public long countInFolder(long accountId, long folderId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM message WHERE account_id = ? AND folder_id = ? AND received_at >= ?")
                .params(accountId, folderId, Timestamp.from(since))
                .query(Long.class)
                .single();
    }
}
