package org.atoll.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.atoll.device.AccessRule;
import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.Characteristic;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The device_access_rule rows, the organization's default access, and each device row's access state. */
@Component
public class AccessRows {

    private static final String RULE_COLUMNS = "id, access, characteristic, query_string, created_at";

    /** A device's access state with what rules look at. */
    public record DeviceAccessRow(
            long accountId,
            String deviceId,
            AccessState state,
            AccessSource source,
            @Nullable Long ruleId,
            String deviceType,
            @Nullable String model,
            @Nullable String os,
            @Nullable String userAgent) {}

    private final JdbcClient jdbc;

    AccessRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AccessRule> rules() {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM device_access_rule ORDER BY id")
                .query(AccessRows::rule)
                .list();
    }

    public Optional<AccessRule> rule(long id) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM device_access_rule WHERE id = ?")
                .param(id)
                .query(AccessRows::rule)
                .optional();
    }

    public AccessRule insertRule(AccessState access, Characteristic characteristic, String value, Instant createdAt) {
        return jdbc.sql("INSERT INTO device_access_rule (access, characteristic, query_string, created_at)"
                        + " VALUES (?, ?, ?, ?) RETURNING " + RULE_COLUMNS)
                .params(access.name(), characteristic.name(), value, createdAt.atOffset(ZoneOffset.UTC))
                .query(AccessRows::rule)
                .single();
    }

    public AccessRule updateRule(long id, AccessState access, Characteristic characteristic, String value) {
        return jdbc.sql("UPDATE device_access_rule SET access = ?, characteristic = ?, query_string = ?"
                        + " WHERE id = ? RETURNING " + RULE_COLUMNS)
                .params(access.name(), characteristic.name(), value, id)
                .query(AccessRows::rule)
                .single();
    }

    public void deleteRule(long id) {
        jdbc.sql("DELETE FROM device_access_rule WHERE id = ?").param(id).update();
    }

    public AccessState defaultAccess() {
        return AccessState.valueOf(jdbc.sql("SELECT default_access FROM device_access_settings")
                .query(String.class)
                .single());
    }

    public void setDefaultAccess(AccessState access) {
        jdbc.sql("UPDATE device_access_settings SET default_access = ?")
                .param(access.name())
                .update();
    }

    /** The device's access state, its row locked until the transaction ends. */
    public Optional<AccessState> lockState(long devicePk) {
        return jdbc.sql("SELECT access_state FROM device WHERE id = ? FOR UPDATE")
                .param(devicePk)
                .query(String.class)
                .optional()
                .map(AccessState::valueOf);
    }

    /**
     * Sets the device's personal state; an allow also starts the count of User-Agent changes over.
     *
     * @return whether the device exists
     */
    public boolean setPersonal(long devicePk, AccessState state, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE device SET access_state = ?, access_reason = ?, access_source = 'PERSONAL',
                            access_rule_id = NULL, access_changed_at = ?,
                            user_agent_changes = CASE WHEN ? THEN 0 ELSE user_agent_changes END,
                            user_agent_changes_since = CASE WHEN ? THEN NULL ELSE user_agent_changes_since END
                        WHERE id = ?
                        """)
                        .params(
                                state.name(),
                                reason,
                                now.atOffset(ZoneOffset.UTC),
                                state == AccessState.ALLOWED,
                                state == AccessState.ALLOWED,
                                devicePk)
                        .update()
                == 1;
    }

    /** The device's access with its traits, its row locked until the transaction ends. */
    public Optional<DeviceAccessRow> lockDevice(long devicePk) {
        return jdbc.sql("""
                        SELECT account_id, device_id, device_type, model, os, user_agent, access_state,
                               access_source, access_rule_id
                        FROM device WHERE id = ? FOR UPDATE
                        """)
                .param(devicePk)
                .query((row, n) -> new DeviceAccessRow(
                        row.getLong("account_id"),
                        row.getString("device_id"),
                        AccessState.valueOf(row.getString("access_state")),
                        AccessSource.valueOf(row.getString("access_source")),
                        row.getObject("access_rule_id", Long.class),
                        row.getString("device_type"),
                        row.getString("model"),
                        row.getString("os"),
                        row.getString("user_agent")))
                .optional();
    }

    public void setDecided(
            long devicePk, AccessState state, String reason, AccessSource source, @Nullable Long ruleId, Instant now) {
        jdbc.sql("""
                        UPDATE device SET access_state = ?, access_reason = ?, access_source = ?, access_rule_id = ?,
                            access_changed_at = ?
                        WHERE id = ?
                        """)
                .params(state.name(), reason, source.name(), ruleId, now.atOffset(ZoneOffset.UTC), devicePk)
                .update();
    }

    /** The devices whose state no administrator set personally. */
    public List<Long> notPersonal() {
        return jdbc.sql("SELECT id FROM device WHERE access_source <> 'PERSONAL' ORDER BY id")
                .query(Long.class)
                .list();
    }

    /** Locks the settings row until the transaction ends, so rule changes queue behind each other. */
    public void lockSettings() {
        jdbc.sql("SELECT singleton FROM device_access_settings FOR UPDATE")
                .query(Boolean.class)
                .single();
    }

    /** Whether a rule other than {@code except} matches the characteristic and value, in any case. */
    public boolean taken(Characteristic characteristic, String value, @Nullable Long except) {
        return jdbc.sql("SELECT count(*) FROM device_access_rule WHERE characteristic = ?"
                                + " AND lower(query_string) = lower(?) AND id <> ?")
                        .params(characteristic.name(), value, except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static AccessRule rule(ResultSet row, int n) throws SQLException {
        return new AccessRule(
                row.getLong("id"),
                AccessState.valueOf(row.getString("access")),
                Characteristic.valueOf(row.getString("characteristic")),
                row.getString("query_string"),
                row.getTimestamp("created_at").toInstant());
    }
}
