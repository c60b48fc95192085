package org.atoll.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry of devices per account. */
@Service
public class Devices {

    private static final String COLUMNS = "id, account_id, device_id, device_type, user_agent, protocol_version,"
            + " access_state, access_reason, first_seen_at, last_seen_at, wipe_state";

    private final JdbcClient jdbc;
    private final DeviceProperties properties;
    private final Clock clock;

    Devices(JdbcClient jdbc, DeviceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records a request from a device: the first one registers it, later ones refresh what it reports of itself.
     *
     * @throws DeviceLimitReached when the device is new and the account has no room for it
     */
    @Transactional
    public DeviceView seen(
            long accountId, String deviceId, String deviceType, @Nullable String userAgent, String protocolVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        String agent = userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
        Optional<DeviceView> known = find(accountId, deviceId);
        if (known.isPresent()) {
            DeviceView device = known.get();
            boolean unchanged = device.deviceType().equals(deviceType)
                    && Objects.equals(device.userAgent(), agent)
                    && device.protocolVersion().equals(protocolVersion)
                    && device.lastSeenAt()
                            .plus(properties.lastSeenGranularity())
                            .isAfter(now);
            if (unchanged) {
                return device;
            }
            return jdbc.sql("UPDATE device SET device_type = ?, user_agent = ?, protocol_version = ?, last_seen_at = ?"
                            + " WHERE account_id = ? AND device_id = ? RETURNING " + COLUMNS)
                    .params(deviceType, agent, protocolVersion, stamp, accountId, deviceId)
                    .query(Devices::view)
                    .single();
        }
        jdbc.sql("SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE")
                .param(accountId)
                .query(Long.class)
                .single();
        long count = jdbc.sql("SELECT count(*) FROM device WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
        Optional<DeviceView> raced = find(accountId, deviceId);
        if (raced.isPresent()) {
            return raced.get();
        }
        if (count >= properties.maxPerAccount()) {
            throw new DeviceLimitReached(properties.maxPerAccount());
        }
        return jdbc.sql("INSERT INTO device (account_id, device_id, device_type, user_agent, protocol_version,"
                        + " first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(accountId, deviceId, deviceType, agent, protocolVersion, stamp, stamp)
                .query(Devices::view)
                .single();
    }

    /**
     * Sets whether a device may sync, with the reason shown to administrators and users.
     *
     * @return the device, or empty when the account has no such device
     */
    @Transactional
    public Optional<DeviceView> setAccess(long accountId, String deviceId, AccessState state, @Nullable String reason) {
        return jdbc.sql("UPDATE device SET access_state = ?, access_reason = ? WHERE account_id = ? AND device_id = ?"
                        + " RETURNING " + COLUMNS)
                .params(state.name(), reason, accountId, deviceId)
                .query(Devices::view)
                .optional();
    }

    /**
     * Orders a device wiped; it receives the wipe on its next request, whatever else it asks for.
     *
     * @param requestedBy who asked, for the audit trail
     * @return the device, or empty when the account has no such device
     */
    @Transactional
    public Optional<DeviceView> requestWipe(long accountId, String deviceId, String requestedBy) {
        return jdbc.sql("""
                        UPDATE device SET wipe_state = 'PENDING', wipe_requested_by = ?, wipe_requested_at = ?,
                            wipe_sent_at = NULL, wipe_acknowledged_at = NULL
                        WHERE account_id = ? AND device_id = ?
                        """ + " RETURNING " + COLUMNS)
                .params(requestedBy, now(), accountId, deviceId)
                .query(Devices::view)
                .optional();
    }

    /** Records that the wipe went out in a Provision response. */
    @Transactional
    public void wipeSent(long accountId, String deviceId) {
        jdbc.sql("UPDATE device SET wipe_state = 'SENT', wipe_sent_at = ? WHERE account_id = ? AND device_id = ?"
                        + " AND wipe_state IN ('PENDING', 'SENT')")
                .params(now(), accountId, deviceId)
                .update();
    }

    /**
     * Records the device's acknowledgement (MS-ASPROV 2.2.2.53.3): done, or failed, in which case the wipe is
     * owed again and sent on the next request.
     */
    @Transactional
    public void wipeAcknowledged(long accountId, String deviceId, boolean succeeded) {
        String sql = succeeded
                ? "UPDATE device SET wipe_state = 'ACKNOWLEDGED', wipe_acknowledged_at = ?"
                        + " WHERE account_id = ? AND device_id = ? AND wipe_state IN ('PENDING', 'SENT')"
                : "UPDATE device SET wipe_state = 'PENDING', wipe_failed_at = ?"
                        + " WHERE account_id = ? AND device_id = ? AND wipe_state IN ('PENDING', 'SENT')";
        jdbc.sql(sql).params(now(), accountId, deviceId).update();
    }

    /** When the wipe was requested, sent and acknowledged, and by whom it was requested. */
    public record WipeRecord(
            WipeState state,
            @Nullable String requestedBy,
            @Nullable Instant requestedAt,
            @Nullable Instant sentAt,
            @Nullable Instant acknowledgedAt,
            @Nullable Instant failedAt) {}

    @Transactional(readOnly = true)
    public Optional<WipeRecord> wipe(long accountId, String deviceId) {
        return jdbc.sql("SELECT wipe_state, wipe_requested_by, wipe_requested_at, wipe_sent_at, wipe_acknowledged_at,"
                        + " wipe_failed_at FROM device WHERE account_id = ? AND device_id = ?")
                .params(accountId, deviceId)
                .query((row, n) -> new WipeRecord(
                        WipeState.valueOf(row.getString("wipe_state")),
                        row.getString("wipe_requested_by"),
                        instant(row.getTimestamp("wipe_requested_at")),
                        instant(row.getTimestamp("wipe_sent_at")),
                        instant(row.getTimestamp("wipe_acknowledged_at")),
                        instant(row.getTimestamp("wipe_failed_at"))))
                .optional();
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Stores what the device reports of itself; values longer than the columns allow are cut. */
    @Transactional
    public void recordInformation(long accountId, String deviceId, DeviceInformation information) {
        jdbc.sql("""
                        UPDATE device SET model = ?, imei = ?, friendly_name = ?, os = ?, os_language = ?,
                            phone_number = ?, mobile_operator = ?
                        WHERE account_id = ? AND device_id = ?
                        """)
                .params(
                        cut(information.model(), 256),
                        cut(information.imei(), 64),
                        cut(information.friendlyName(), 256),
                        cut(information.os(), 256),
                        cut(information.osLanguage(), 64),
                        cut(information.phoneNumber(), 64),
                        cut(information.mobileOperator(), 256),
                        accountId,
                        deviceId)
                .update();
    }

    /** What the device last reported of itself. */
    @Transactional(readOnly = true)
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

    private static @Nullable String cut(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    @Transactional(readOnly = true)
    public Optional<DeviceView> find(long accountId, String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE account_id = ? AND device_id = ?")
                .params(accountId, deviceId)
                .query(Devices::view)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<DeviceView> of(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE account_id = ? ORDER BY first_seen_at, id")
                .param(accountId)
                .query(Devices::view)
                .list();
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
