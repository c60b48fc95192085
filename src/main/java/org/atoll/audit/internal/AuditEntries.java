package org.atoll.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditQuery;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code audit_entry}, written and read in the caller's transaction. */
@Repository
public class AuditEntries {

    private final JdbcClient jdbc;

    AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            Instant at,
            String actor,
            @Nullable String source,
            String action,
            @Nullable Long accountId,
            @Nullable Long devicePk,
            @Nullable String deviceId,
            String detail) {
        jdbc.sql("""
                        INSERT INTO audit_entry (at, actor, source, action, account_id, device_pk, device_id, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(at.atOffset(ZoneOffset.UTC), actor, source, action, accountId, devicePk, deviceId, detail)
                .update();
    }

    /** Removes up to {@code limit} entries older than {@code cutoff}, oldest first; returns how many. */
    public long removeBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM audit_entry WHERE id IN (
                            SELECT id FROM audit_entry WHERE at < ? ORDER BY at, id LIMIT ?)
                        """).params(cutoff.atOffset(ZoneOffset.UTC), limit).update();
    }

    /** One page of the entries the query matches, newest first; page and size are checked by the caller. */
    public PageOf<AuditEntry> find(AuditQuery query, int page, int size) {
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
                .query(AuditEntries::entry)
                .list();
        return new PageOf<>(entries, page, size, total);
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
