package org.atoll.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.atoll.device.AccessSource;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceInformation;
import org.atoll.device.DeviceView;
import org.atoll.device.DeviceWipeChanged;
import org.atoll.device.Devices;
import org.atoll.device.Devices.WipeRecord;
import org.atoll.device.Provisioning.PolicyCheck;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The device rows of the registry and the device_hold rows the owner's removal of a partnership keeps. */
@Component
public class DeviceRows {

    private static final String COLUMNS = "id, account_id, device_id, device_type, user_agent, protocol_version,"
            + " access_state, access_reason, first_seen_at, last_seen_at, wipe_state";

    /**
     * What the owner's removal of a partnership kept for a DeviceId.
     *
     * @param blockReason the reason of the personal block kept, null when none was
     * @param wipeState PENDING for a wipe still owed, ACKNOWLEDGED for one done, null for none
     */
    public record Hold(
            @Nullable String blockReason,
            @Nullable String wipeState,
            @Nullable String wipeKind,
            @Nullable String wipeRequestedBy,
            @Nullable OffsetDateTime wipeRequestedAt,
            @Nullable OffsetDateTime wipeAcknowledgedAt,
            boolean wipeByAdministrator) {}

    /** A device's count of User-Agent changes in the current window, and its access. */
    public record UserAgentChanges(int changes, AccessState state, AccessSource source) {}

    /** A device whose wipe moved a step, with the kind of that wipe (null when none was named). */
    public record WipeStepped(long id, @Nullable String kind) {}

    private final JdbcClient jdbc;

    DeviceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the last Ping unless it was recorded at or after {@code notBefore}. */
    public void pinged(long accountId, long devicePk, OffsetDateTime now, OffsetDateTime notBefore) {
        jdbc.sql("""
                        UPDATE device SET last_ping_at = ?
                        WHERE account_id = ? AND id = ? AND (last_ping_at IS NULL OR last_ping_at < ?)
                        """).params(now, accountId, devicePk, notBefore).update();
    }

    /** Replaces what a known device sent with its request, and when it was last seen. */
    public DeviceView refresh(
            long accountId,
            String deviceId,
            String deviceType,
            @Nullable String userAgent,
            String protocolVersion,
            OffsetDateTime seenAt) {
        return jdbc.sql("UPDATE device SET device_type = ?, user_agent = ?, protocol_version = ?,"
                        + " last_seen_at = ? WHERE account_id = ? AND device_id = ? RETURNING " + COLUMNS)
                .params(deviceType, userAgent, protocolVersion, seenAt, accountId, deviceId)
                .query(DeviceRows::view)
                .single();
    }

    /** Locks the account row against deletion and against devices registered beside this one. */
    public void lockAccount(long accountId) {
        jdbc.sql("SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    public long countOf(long accountId) {
        return jdbc.sql("SELECT count(*) FROM device WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    /** Removes and returns what the owner's removal kept for the DeviceId. */
    public Optional<Hold> takeHold(long accountId, String deviceId) {
        return jdbc.sql("""
                        DELETE FROM device_hold WHERE account_id = ? AND device_id = ?
                        RETURNING block_reason, wipe_state, wipe_kind, wipe_requested_by, wipe_requested_at,
                            wipe_acknowledged_at, wipe_by_administrator
                        """)
                .params(accountId, deviceId)
                .query((row, n) -> new Hold(
                        row.getString("block_reason"),
                        row.getString("wipe_state"),
                        row.getString("wipe_kind"),
                        row.getString("wipe_requested_by"),
                        row.getObject("wipe_requested_at", OffsetDateTime.class),
                        row.getObject("wipe_acknowledged_at", OffsetDateTime.class),
                        row.getBoolean("wipe_by_administrator")))
                .optional();
    }

    /** Registers a device with its access state and what a hold kept for it. */
    public DeviceView insert(
            long accountId,
            String deviceId,
            String deviceType,
            @Nullable String userAgent,
            String protocolVersion,
            OffsetDateTime seenAt,
            AccessState state,
            String reason,
            AccessSource source,
            @Nullable Long ruleId,
            Optional<Hold> hold) {
        return jdbc.sql("""
                        INSERT INTO device (account_id, device_id, device_type, user_agent, protocol_version,
                            first_seen_at, last_seen_at, access_state, access_reason, access_source, access_rule_id,
                            access_changed_at, wipe_state, wipe_kind, wipe_requested_by, wipe_requested_at,
                            wipe_acknowledged_at, wipe_by_administrator)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING\s""" + COLUMNS)
                .params(
                        accountId,
                        deviceId,
                        deviceType,
                        userAgent,
                        protocolVersion,
                        seenAt,
                        seenAt,
                        state.name(),
                        reason,
                        source.name(),
                        ruleId,
                        seenAt,
                        hold.map(Hold::wipeState).orElse(WipeState.NONE.name()),
                        hold.map(Hold::wipeKind).orElse(null),
                        hold.map(Hold::wipeRequestedBy).orElse(null),
                        hold.map(Hold::wipeRequestedAt).orElse(null),
                        hold.map(Hold::wipeAcknowledgedAt).orElse(null),
                        hold.map(Hold::wipeByAdministrator).orElse(false))
                .query(DeviceRows::view)
                .single();
    }

    /** Counts a change of the User-Agent, starting the count over when the window began after the last count. */
    public UserAgentChanges countUserAgentChange(long devicePk, OffsetDateTime windowStart, OffsetDateTime now) {
        return jdbc.sql("""
                        UPDATE device SET
                            user_agent_changes = CASE
                                WHEN user_agent_changes_since IS NULL OR user_agent_changes_since <= ? THEN 1
                                ELSE user_agent_changes + 1 END,
                            user_agent_changes_since = CASE
                                WHEN user_agent_changes_since IS NULL OR user_agent_changes_since <= ? THEN ?
                                ELSE user_agent_changes_since END
                        WHERE id = ?
                        RETURNING user_agent_changes, access_state, access_source
                        """)
                .params(windowStart, windowStart, now, devicePk)
                .query((row, n) -> new UserAgentChanges(
                        row.getInt("user_agent_changes"),
                        AccessState.valueOf(row.getString("access_state")),
                        AccessSource.valueOf(row.getString("access_source"))))
                .single();
    }

    /** Sets the device's access personally; empty when the account has no such device. */
    public Optional<DeviceView> setPersonalAccess(
            long accountId, String deviceId, AccessState state, @Nullable String reason, OffsetDateTime now) {
        return jdbc.sql("UPDATE device SET access_state = ?, access_reason = ?, access_source = 'PERSONAL',"
                        + " access_rule_id = NULL, access_changed_at = ? WHERE account_id = ? AND device_id = ?"
                        + " RETURNING " + COLUMNS)
                .params(state.name(), reason, now, accountId, deviceId)
                .query(DeviceRows::view)
                .optional();
    }

    /** Makes a wipe owed, replacing any before it. */
    public void requestWipe(
            long devicePk, WipeKind kind, String requestedBy, OffsetDateTime now, boolean byAdministrator) {
        jdbc.sql("""
                        UPDATE device SET wipe_state = 'PENDING', wipe_kind = ?, wipe_requested_by = ?,
                            wipe_requested_at = ?, wipe_sent_at = NULL, wipe_acknowledged_at = NULL,
                            wipe_failed_at = NULL, wipe_by_administrator = ?
                        WHERE id = ?
                        """)
                .params(kind.name(), requestedBy, now, byAdministrator, devicePk)
                .update();
    }

    public void cancelWipe(long devicePk) {
        jdbc.sql("UPDATE device SET wipe_state = 'NONE' WHERE id = ?")
                .param(devicePk)
                .update();
    }

    /**
     * Moves an owed wipe a step: sent, acknowledged as done, or failed (owed again).
     *
     * @return the device, empty when it owes no wipe
     */
    public Optional<WipeStepped> wipeStep(
            long accountId, String deviceId, DeviceWipeChanged.Step step, OffsetDateTime now) {
        String update = switch (step) {
            case SENT -> "UPDATE device SET wipe_state = 'SENT', wipe_sent_at = ?";
            case ACKNOWLEDGED -> "UPDATE device SET wipe_state = 'ACKNOWLEDGED', wipe_acknowledged_at = ?";
            case FAILED -> "UPDATE device SET wipe_state = 'PENDING', wipe_failed_at = ?";
            case REQUESTED, CANCELLED -> throw new IllegalArgumentException("Not a step of the device: " + step);
        };
        return jdbc.sql(update
                        + " WHERE account_id = ? AND device_id = ? AND wipe_state IN ('PENDING', 'SENT')"
                        + " RETURNING id, wipe_kind")
                .params(now, accountId, deviceId)
                .query((row, n) -> new WipeStepped(row.getLong("id"), row.getString("wipe_kind")))
                .optional();
    }

    public Optional<WipeRecord> wipe(long accountId, String deviceId) {
        return jdbc.sql("SELECT wipe_state, wipe_requested_by, wipe_requested_at, wipe_sent_at, wipe_acknowledged_at,"
                        + " wipe_failed_at, wipe_kind FROM device WHERE account_id = ? AND device_id = ?")
                .params(accountId, deviceId)
                .query((row, n) -> new WipeRecord(
                        WipeState.valueOf(row.getString("wipe_state")),
                        row.getString("wipe_requested_by"),
                        instant(row.getTimestamp("wipe_requested_at")),
                        instant(row.getTimestamp("wipe_sent_at")),
                        instant(row.getTimestamp("wipe_acknowledged_at")),
                        instant(row.getTimestamp("wipe_failed_at")),
                        row.getString("wipe_kind") == null ? null : WipeKind.valueOf(row.getString("wipe_kind"))))
                .optional();
    }

    public void delete(long devicePk) {
        jdbc.sql("DELETE FROM device WHERE id = ?").param(devicePk).update();
    }

    /** Devices that sent no request (Ping included) since {@code cutoff}, least recently seen first. */
    public List<Long> idleSince(OffsetDateTime cutoff, int limit) {
        return jdbc.sql("""
                        SELECT id FROM device WHERE last_seen_at < ? AND (last_ping_at IS NULL OR last_ping_at < ?)
                        ORDER BY last_seen_at LIMIT ?
                        """).params(cutoff, cutoff, limit).query(Long.class).list();
    }

    /** Locks the device's row when it is still idle since {@code cutoff}; false when it is not (or is gone). */
    public boolean lockIfIdle(long devicePk, OffsetDateTime cutoff) {
        return jdbc.sql("""
                        SELECT id FROM device WHERE id = ? AND last_seen_at < ?
                            AND (last_ping_at IS NULL OR last_ping_at < ?) FOR UPDATE
                        """)
                .params(devicePk, cutoff, cutoff)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** Keeps, or replaces, what the removal of the DeviceId's partnership leaves for its return. */
    public void putHold(long accountId, String deviceId, Hold hold, String removedBy, OffsetDateTime removedAt) {
        jdbc.sql("""
                        INSERT INTO device_hold (account_id, device_id, block_reason, wipe_state, wipe_kind,
                            wipe_requested_by, wipe_requested_at, wipe_acknowledged_at, wipe_by_administrator,
                            removed_by, removed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id, device_id) DO UPDATE SET block_reason = excluded.block_reason,
                            wipe_state = excluded.wipe_state, wipe_kind = excluded.wipe_kind,
                            wipe_requested_by = excluded.wipe_requested_by,
                            wipe_requested_at = excluded.wipe_requested_at,
                            wipe_acknowledged_at = excluded.wipe_acknowledged_at,
                            wipe_by_administrator = excluded.wipe_by_administrator,
                            removed_by = excluded.removed_by, removed_at = excluded.removed_at
                        """)
                .params(
                        accountId,
                        deviceId,
                        hold.blockReason(),
                        hold.wipeState(),
                        hold.wipeKind(),
                        hold.wipeRequestedBy(),
                        hold.wipeRequestedAt(),
                        hold.wipeAcknowledgedAt(),
                        hold.wipeByAdministrator(),
                        removedBy,
                        removedAt)
                .update();
    }

    /** Locks the device's row until the transaction ends; false when there is no such device. */
    public boolean lock(long devicePk) {
        return jdbc.sql("SELECT id FROM device WHERE id = ? FOR UPDATE")
                .param(devicePk)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** Stores what the device reports of itself, already cleaned; returns the device, empty when none. */
    public Optional<Long> recordInformation(long accountId, String deviceId, DeviceInformation information) {
        return jdbc.sql("""
                        UPDATE device SET model = ?, imei = ?, friendly_name = ?, os = ?, os_language = ?,
                            phone_number = ?, mobile_operator = ?
                        WHERE account_id = ? AND device_id = ?
                        RETURNING id
                        """)
                .params(
                        information.model(),
                        information.imei(),
                        information.friendlyName(),
                        information.os(),
                        information.osLanguage(),
                        information.phoneNumber(),
                        information.mobileOperator(),
                        accountId,
                        deviceId)
                .query(Long.class)
                .optional();
    }

    public Optional<DeviceInformation> information(long accountId, String deviceId) {
        return jdbc.sql("SELECT model, imei, friendly_name, os, os_language, phone_number, mobile_operator"
                        + " FROM device WHERE account_id = ? AND device_id = ?")
                .params(accountId, deviceId)
                .query((row, n) -> new DeviceInformation(
                        row.getString("model"),
                        row.getString("imei"),
                        row.getString("friendly_name"),
                        row.getString("os"),
                        row.getString("os_language"),
                        row.getString("phone_number"),
                        row.getString("mobile_operator")))
                .optional();
    }

    public Optional<DeviceView> find(long accountId, String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE account_id = ? AND device_id = ?")
                .params(accountId, deviceId)
                .query(DeviceRows::view)
                .optional();
    }

    /**
     * The device, with its final policy key (none before it completed Provision) and whether the policy it
     * acknowledged is the current version of the one that applies to its account now (the one assigned to the
     * account, else the default), in one statement.
     */
    public Optional<Devices.Arrival> arrival(long accountId, String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                        , policy_key,
                            (policy_id, policy_version) = (
                                SELECT id, version FROM mobile_policy WHERE id = coalesce(
                                    (SELECT policy_id FROM account_policy WHERE account_id = device.account_id),
                                    (SELECT id FROM mobile_policy WHERE is_default))) AS holds_current
                        FROM device WHERE account_id = ? AND device_id = ?
                        """)
                .params(accountId, deviceId)
                .query((row, n) -> {
                    Long key = row.getObject("policy_key", Long.class);
                    return new Devices.Arrival(
                            view(row, n),
                            key == null
                                    ? Optional.empty()
                                    : Optional.of(new PolicyCheck(key, row.getBoolean("holds_current"))));
                })
                .optional();
    }

    public List<DeviceView> of(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE account_id = ? ORDER BY first_seen_at, id")
                .param(accountId)
                .query(DeviceRows::view)
                .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static DeviceView view(ResultSet row, int n) throws SQLException {
        return new DeviceView(
                row.getLong("id"),
                row.getLong("account_id"),
                row.getString("device_id"),
                row.getString("device_type"),
                row.getString("user_agent"),
                row.getString("protocol_version"),
                AccessState.valueOf(row.getString("access_state")),
                row.getString("access_reason"),
                row.getTimestamp("first_seen_at").toInstant(),
                row.getTimestamp("last_seen_at").toInstant(),
                WipeState.valueOf(row.getString("wipe_state")));
    }
}
