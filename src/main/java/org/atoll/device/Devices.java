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
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry of devices per account. */
@Service
public class Devices {

    private static final String COLUMNS = "id, account_id, device_id, device_type, user_agent, protocol_version,"
            + " access_state, access_reason, first_seen_at, last_seen_at, wipe_state";

    /** Most devices one page lists. */
    public static final int MAX_PAGE_SIZE = 200;

    private final JdbcClient jdbc;
    private final DeviceProperties properties;
    private final DeviceAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Devices(
            JdbcClient jdbc,
            DeviceProperties properties,
            DeviceAccess access,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records that the device sent a Ping, for administrators (last ping). Like last seen, the time is rewritten at
     * most once per {@code atoll.device.last-seen-granularity}, so a device that pings often costs no write each time.
     */
    @Transactional
    public void pinged(long accountId, long devicePk) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        UPDATE device SET last_ping_at = ?
                        WHERE account_id = ? AND id = ? AND (last_ping_at IS NULL OR last_ping_at < ?)
                        """)
                .params(
                        now.atOffset(ZoneOffset.UTC),
                        accountId,
                        devicePk,
                        now.minus(properties.lastSeenGranularity()).atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Records a request from a device: the first one registers it, later ones refresh what it reports of itself. A
     * new device gets the access state the rules and the organization's default give it.
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
        DeviceAccess.Decision decision = access.decide(new DeviceAccess.Traits(deviceType, null, null, agent));
        DeviceView registered = jdbc.sql("INSERT INTO device (account_id, device_id, device_type, user_agent,"
                        + " protocol_version, first_seen_at, last_seen_at, access_state, access_reason, access_source,"
                        + " access_rule_id, access_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS)
                .params(
                        accountId,
                        deviceId,
                        deviceType,
                        agent,
                        protocolVersion,
                        stamp,
                        stamp,
                        decision.state().name(),
                        decision.reason(),
                        decision.source().name(),
                        decision.ruleId(),
                        stamp)
                .query(Devices::view)
                .single();
        if (decision.state() != AccessState.ALLOWED) {
            events.publishEvent(new DeviceAccessChanged(
                    accountId,
                    registered.id(),
                    deviceId,
                    deviceType,
                    decision.state(),
                    decision.source(),
                    decision.reason(),
                    Actor.SYSTEM));
        }
        return registered;
    }

    /**
     * Sets whether a device may sync, personally (rules no longer change it), with the reason shown to
     * administrators and users.
     *
     * @return the device, or empty when the account has no such device
     */
    @Transactional
    public Optional<DeviceView> setAccess(long accountId, String deviceId, AccessState state, @Nullable String reason) {
        return jdbc.sql("UPDATE device SET access_state = ?, access_reason = ?, access_source = 'PERSONAL',"
                        + " access_rule_id = NULL, access_changed_at = ? WHERE account_id = ? AND device_id = ?"
                        + " RETURNING " + COLUMNS)
                .params(state.name(), reason, now(), accountId, deviceId)
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
        Optional<DeviceView> device = find(accountId, deviceId);
        device.ifPresent(found -> requestWipe(found.id(), WipeKind.FULL, new Actor(requestedBy, null)));
        return device.flatMap(found -> find(accountId, deviceId));
    }

    /**
     * Orders a device wiped; it receives the wipe on its next request, whatever else it asks for. A wipe ordered
     * again replaces the one before.
     *
     * @throws DeviceNotFound when no device has the id
     * @throws AccountOnlyWipeUnsupported for an account-only wipe of a device that does not speak 16.1
     */
    @Transactional
    public DeviceDetail requestWipe(long devicePk, WipeKind kind, Actor actor) {
        DeviceDetail device = detail(devicePk);
        if (kind == WipeKind.ACCOUNT_ONLY && !device.protocolVersion().equals("16.1")) {
            throw new AccountOnlyWipeUnsupported(device.protocolVersion());
        }
        jdbc.sql("""
                        UPDATE device SET wipe_state = 'PENDING', wipe_kind = ?, wipe_requested_by = ?,
                            wipe_requested_at = ?, wipe_sent_at = NULL, wipe_acknowledged_at = NULL,
                            wipe_failed_at = NULL
                        WHERE id = ?
                        """).params(kind.name(), actor.name(), now(), devicePk).update();
        events.publishEvent(new DeviceWipeChanged(
                device.accountId(), devicePk, device.deviceId(), DeviceWipeChanged.Step.REQUESTED, kind, actor));
        return detail(devicePk);
    }

    /**
     * Withdraws a wipe the device has not acknowledged yet. A device that already received it may still wipe
     * itself; its acknowledgement is then not recorded.
     *
     * @throws DeviceNotFound when no device has the id
     * @throws WipeAlreadyDone when no wipe is owed
     */
    @Transactional
    public DeviceDetail cancelWipe(long devicePk, Actor actor) {
        DeviceDetail device = detail(devicePk);
        if (!device.wipeState().owed()) {
            throw new WipeAlreadyDone(device.wipeState());
        }
        jdbc.sql("UPDATE device SET wipe_state = 'NONE' WHERE id = ?")
                .param(devicePk)
                .update();
        events.publishEvent(new DeviceWipeChanged(
                device.accountId(),
                devicePk,
                device.deviceId(),
                DeviceWipeChanged.Step.CANCELLED,
                device.wipeKind() == null ? WipeKind.FULL : device.wipeKind(),
                actor));
        return detail(devicePk);
    }

    /** Records that the wipe went out in a Provision response. */
    @Transactional
    public void wipeSent(long accountId, String deviceId) {
        wipeStep(
                "UPDATE device SET wipe_state = 'SENT', wipe_sent_at = ?",
                accountId,
                deviceId,
                DeviceWipeChanged.Step.SENT);
    }

    /**
     * Records the device's acknowledgement (MS-ASPROV 2.2.2.53.3): done, or failed, in which case the wipe is
     * owed again and sent on the next request.
     */
    @Transactional
    public void wipeAcknowledged(long accountId, String deviceId, boolean succeeded) {
        if (succeeded) {
            wipeStep(
                    "UPDATE device SET wipe_state = 'ACKNOWLEDGED', wipe_acknowledged_at = ?",
                    accountId,
                    deviceId,
                    DeviceWipeChanged.Step.ACKNOWLEDGED);
        } else {
            wipeStep(
                    "UPDATE device SET wipe_state = 'PENDING', wipe_failed_at = ?",
                    accountId,
                    deviceId,
                    DeviceWipeChanged.Step.FAILED);
        }
    }

    private void wipeStep(String update, long accountId, String deviceId, DeviceWipeChanged.Step step) {
        record Updated(long id, @Nullable String kind) {}
        jdbc.sql(update + " WHERE account_id = ? AND device_id = ? AND wipe_state IN ('PENDING', 'SENT')"
                        + " RETURNING id, wipe_kind")
                .params(now(), accountId, deviceId)
                .query((row, n) -> new Updated(row.getLong("id"), row.getString("wipe_kind")))
                .optional()
                .ifPresent(updated -> events.publishEvent(new DeviceWipeChanged(
                        accountId,
                        updated.id(),
                        deviceId,
                        step,
                        updated.kind() == null ? WipeKind.FULL : WipeKind.valueOf(updated.kind()),
                        Actor.device(deviceId, null))));
    }

    /**
     * When the wipe was requested, sent and acknowledged, and by whom it was requested.
     *
     * @param kind what the wipe removes; null when none was ever requested
     */
    public record WipeRecord(
            WipeState state,
            @Nullable String requestedBy,
            @Nullable Instant requestedAt,
            @Nullable Instant sentAt,
            @Nullable Instant acknowledgedAt,
            @Nullable Instant failedAt,
            @Nullable WipeKind kind) {}

    @Transactional(readOnly = true)
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

    /**
     * Removes a device's partnership: the device and every state kept for it (policy key, sync keys) go, so its
     * next request registers it again, provisions it and syncs it from scratch. A wipe still owed is dropped.
     *
     * @throws DeviceNotFound when no device has the id
     */
    @Transactional
    public void remove(long devicePk, Actor actor) {
        DeviceDetail device = detail(devicePk);
        jdbc.sql("DELETE FROM device WHERE id = ?").param(devicePk).update();
        events.publishEvent(new DeviceRemoved(device.accountId(), devicePk, device.deviceId(), actor));
    }

    /** @throws DeviceNotFound when no device has the id */
    @Transactional(readOnly = true)
    public DeviceDetail detail(long devicePk) {
        return DeviceQueries.detail(jdbc, devicePk).orElseThrow(() -> new DeviceNotFound(devicePk));
    }

    /**
     * A page of the devices the filter matches, across accounts.
     *
     * @throws InvalidDeviceRequest when the page or size is out of range
     */
    @Transactional(readOnly = true)
    public PageOf<DeviceDetail> list(DeviceFilter filter, DeviceSort sort, boolean descending, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidDeviceRequest("Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " devices");
        }
        return new PageOf<>(
                DeviceQueries.page(jdbc, filter, sort, descending, page, size),
                page,
                size,
                DeviceQueries.count(jdbc, filter));
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Stores what the device reports of itself; values longer than the columns allow are cut. Rules matching the
     * model or OS can change its access state now.
     */
    @Transactional
    public void recordInformation(long accountId, String deviceId, DeviceInformation information) {
        jdbc.sql("""
                        UPDATE device SET model = ?, imei = ?, friendly_name = ?, os = ?, os_language = ?,
                            phone_number = ?, mobile_operator = ?
                        WHERE account_id = ? AND device_id = ?
                        RETURNING id
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
                .query(Long.class)
                .optional()
                .ifPresent(pk -> access.reevaluate(pk, Actor.SYSTEM));
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
