package org.atoll.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit trail. Entries are written in the transaction of the change they record, so an
 * entry exists exactly when its change committed.
 */
@Service
public class AuditLog {

    /** Most entries one page lists. */
    public static final int MAX_PAGE_SIZE = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an entry in the current transaction. */
    @Transactional
    public void record(
            Actor actor,
            String action,
            @Nullable Long accountId,
            @Nullable Long devicePk,
            @Nullable String deviceId,
            String detail) {
        jdbc.sql("""
                        INSERT INTO audit_entry (at, actor, source, action, account_id, device_pk, device_id, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                        cut(actor.name(), 320),
                        actor.source() == null ? null : cut(actor.source(), 64),
                        action,
                        accountId,
                        devicePk,
                        deviceId,
                        cut(detail, 2000))
                .update();
    }

    /** Removes up to {@code limit} entries older than {@code cutoff}, oldest first; returns how many. */
    @Transactional
    public long removeBefore(java.time.Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM audit_entry WHERE id IN (
                            SELECT id FROM audit_entry WHERE at < ? ORDER BY at, id LIMIT ?)
                        """).params(cutoff.atOffset(ZoneOffset.UTC), limit).update();
    }

    /**
     * Newest first.
     *
     * @throws InvalidAuditQuery when the page or size is out of range, or the range ends before it starts
     */
    @Transactional(readOnly = true)
    public PageOf<AuditEntry> find(AuditQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidAuditQuery("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " entries");
        }
        if (query.from() != null && query.to() != null && query.to().isBefore(query.from())) {
            throw new InvalidAuditQuery("The time range ends before it starts");
        }
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (query.accountId() != null) {
            conditions.add("account_id = ?");
            params.add(query.accountId());
        }
        if (query.devicePk() != null) {
            conditions.add("device_pk = ?");
            params.add(query.devicePk());
        }
        if (query.actor() != null) {
            conditions.add("actor = ?");
            params.add(query.actor().strip());
        }
        if (query.from() != null) {
            conditions.add("at >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            conditions.add("at < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT count(*) FROM audit_entry" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        List<AuditEntry> entries = jdbc.sql(
                        "SELECT * FROM audit_entry" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
                .params(paged)
                .query(AuditLog::entry)
                .list();
        return new PageOf<>(entries, page, size, total);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static AuditEntry entry(ResultSet row, int n) throws SQLException {
        return new AuditEntry(
                row.getLong("id"),
                row.getTimestamp("at").toInstant(),
                row.getString("actor"),
                row.getString("source"),
                row.getString("action"),
                row.getObject("account_id", Long.class),
                row.getObject("device_pk", Long.class),
                row.getString("device_id"),
                row.getString("detail"));
    }
}
