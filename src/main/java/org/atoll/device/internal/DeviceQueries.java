package org.atoll.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceDetail;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceInformation;
import org.atoll.device.DeviceSort;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The read side of the registry: one device in full, and filtered, sorted pages of them. */
@Component
public class DeviceQueries {

    private static final String SELECT = """
            SELECT d.*, a.address AS account_address, p.name AS policy_name
            FROM device d JOIN account a ON a.id = d.account_id
            LEFT JOIN mobile_policy p ON p.id = d.policy_id
            """;

    private final JdbcClient jdbc;

    DeviceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DeviceDetail> detail(long devicePk) {
        return jdbc.sql(SELECT + " WHERE d.id = ?")
                .param(devicePk)
                .query(DeviceQueries::detail)
                .optional();
    }

    public List<DeviceDetail> page(DeviceFilter filter, DeviceSort sort, boolean descending, int page, int size) {
        Where where = where(filter);
        String order = " ORDER BY " + column(sort) + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", d.id"
                + (descending ? " DESC" : " ASC");
        List<Object> params = new ArrayList<>(where.params());
        params.add(size);
        params.add((long) page * size);
        return jdbc.sql(SELECT + where.sql() + order + " LIMIT ? OFFSET ?")
                .params(params)
                .query(DeviceQueries::detail)
                .list();
    }

    public long count(DeviceFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT count(*) FROM device d JOIN account a ON a.id = d.account_id" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** The SQL expression a list is sorted by; a fixed text, never taken from a request. */
    private static String column(DeviceSort sort) {
        return switch (sort) {
            case FIRST_SYNC -> "d.first_seen_at";
            case LAST_SYNC -> "d.last_seen_at";
            case DEVICE_TYPE -> "lower(d.device_type)";
            case MODEL -> "lower(d.model)";
            case ACCOUNT -> "a.address";
        };
    }

    private record Where(String sql, List<Object> params) {}

    private static Where where(DeviceFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.accountId() != null) {
            conditions.add("d.account_id = ?");
            params.add(filter.accountId());
        }
        if (filter.accessState() != null) {
            conditions.add("d.access_state = ?");
            params.add(filter.accessState().name());
        }
        if (filter.wipeState() != null) {
            conditions.add("d.wipe_state = ?");
            params.add(filter.wipeState().name());
        }
        if (filter.deviceType() != null) {
            conditions.add("lower(d.device_type) = lower(?)");
            params.add(filter.deviceType());
        }
        if (filter.model() != null) {
            conditions.add("lower(d.model) = lower(?)");
            params.add(filter.model());
        }
        if (filter.lastSyncBefore() != null) {
            conditions.add("d.last_seen_at < ?");
            params.add(filter.lastSyncBefore().atOffset(ZoneOffset.UTC));
        }
        if (filter.lastSyncAfter() != null) {
            conditions.add("d.last_seen_at >= ?");
            params.add(filter.lastSyncAfter().atOffset(ZoneOffset.UTC));
        }
        if (filter.search() != null) {
            conditions.add("(d.device_id ILIKE ? OR d.device_type ILIKE ? OR d.model ILIKE ? OR d.friendly_name ILIKE ?"
                    + " OR d.user_agent ILIKE ? OR a.address ILIKE ?)");
            String pattern = contains(filter.search());
            for (int i = 0; i < 6; i++) {
                params.add(pattern);
            }
        }
        if (filter.os() != null) {
            conditions.add("d.os ILIKE ?");
            params.add(contains(filter.os()));
        }
        if (filter.protocolVersion() != null) {
            conditions.add("d.protocol_version = ?");
            params.add(filter.protocolVersion());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    /** An ILIKE pattern matching the text anywhere, its own {@code %}, {@code _} and {@code \\} taken literally. */
    private static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public static DeviceDetail detail(ResultSet row, int n) throws SQLException {
        String wipeKind = row.getString("wipe_kind");
        return new DeviceDetail(
                row.getLong("id"),
                row.getLong("account_id"),
                row.getString("account_address"),
                row.getString("device_id"),
                row.getString("device_type"),
                row.getString("user_agent"),
                row.getString("protocol_version"),
                new DeviceInformation(
                        row.getString("model"),
                        row.getString("imei"),
                        row.getString("friendly_name"),
                        row.getString("os"),
                        row.getString("os_language"),
                        row.getString("phone_number"),
                        row.getString("mobile_operator")),
                row.getObject("policy_id", Long.class),
                row.getString("policy_name"),
                row.getObject("policy_version", Long.class),
                row.getBoolean("policy_partly_applied"),
                instant(row.getTimestamp("provisioned_at")),
                AccessState.valueOf(row.getString("access_state")),
                AccessSource.valueOf(row.getString("access_source")),
                row.getString("access_reason"),
                instant(row.getTimestamp("access_changed_at")),
                WipeState.valueOf(row.getString("wipe_state")),
                wipeKind == null ? null : WipeKind.valueOf(wipeKind),
                row.getBoolean("wipe_by_administrator"),
                row.getString("wipe_requested_by"),
                instant(row.getTimestamp("wipe_requested_at")),
                instant(row.getTimestamp("wipe_sent_at")),
                instant(row.getTimestamp("wipe_acknowledged_at")),
                instant(row.getTimestamp("wipe_failed_at")),
                row.getTimestamp("first_seen_at").toInstant(),
                row.getTimestamp("last_seen_at").toInstant(),
                instant(row.getTimestamp("last_ping_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
