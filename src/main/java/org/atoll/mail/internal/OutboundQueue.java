package org.atoll.mail.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable queue of deliveries owed. Every method runs in the caller's transaction; a claimed row stays locked
 * ({@code FOR UPDATE SKIP LOCKED}) until that transaction ends, so workers on many nodes never take the same row.
 */
@Repository
public class OutboundQueue {

    private static final String COLUMNS = "account_id, id, route, sender, recipients, content, attempts";

    private final JdbcClient jdbc;

    OutboundQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long add(
            long accountId,
            OutboundRow.Route route,
            String sender,
            List<String> recipients,
            byte[] content,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO outbound_message
                            (account_id, route, sender, recipients, content, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?::text[], ?, ?, ?)
                        RETURNING id
                        """)
                .params(
                        accountId,
                        route.name(),
                        sender,
                        recipients.toArray(String[]::new),
                        content,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** How many rows wait, and since when the oldest waits (none when the queue is empty). */
    public Backlog backlog() {
        return jdbc.sql("SELECT count(*), min(created_at) FROM outbound_message")
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp(2);
                    return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    /** The queue's length and the creation time of its oldest row. */
    public record Backlog(long depth, @Nullable Instant oldest) {}

    /** Locks the next row due at {@code now}, skipping rows other workers hold. */
    public Optional<OutboundRow> claimNextDue(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_message WHERE next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param(Timestamp.from(now))
                .query(OutboundQueue::row)
                .optional();
    }

    /** Locks one row whatever its due time, unless another worker holds it or it is gone. */
    public Optional<OutboundRow> claim(long accountId, long id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM outbound_message WHERE account_id = ? AND id = ? FOR UPDATE SKIP LOCKED")
                .params(accountId, id)
                .query(OutboundQueue::row)
                .optional();
    }

    public void delete(OutboundRow row) {
        jdbc.sql("DELETE FROM outbound_message WHERE account_id = ? AND id = ?")
                .params(row.accountId(), row.id())
                .update();
    }

    /** Records a failed attempt and when to try again; {@code recipients} are those still owed. */
    public void reschedule(OutboundRow row, List<String> recipients, Instant nextAttempt, String error) {
        jdbc.sql("""
                        UPDATE outbound_message
                        SET attempts = attempts + 1, recipients = ?::text[], next_attempt_at = ?, last_error = ?
                        WHERE account_id = ? AND id = ?
                        """)
                .params(
                        recipients.toArray(String[]::new),
                        Timestamp.from(nextAttempt),
                        truncate(error),
                        row.accountId(),
                        row.id())
                .update();
    }

    private static String truncate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    private static OutboundRow row(ResultSet rs, int rowNum) throws SQLException {
        return new OutboundRow(
                rs.getLong("account_id"),
                rs.getLong("id"),
                OutboundRow.Route.valueOf(rs.getString("route")),
                rs.getString("sender"),
                strings(rs.getArray("recipients")),
                rs.getBytes("content"),
                rs.getInt("attempts"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
