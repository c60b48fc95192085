package org.atoll.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
     * new device gets the access state the rules and the organization's default give it, unless its owner removed it
     * while it was blocked or owed a wipe: then it comes back blocked, or owed that wipe, as it left. A request
     * without a User-Agent leaves the one known; a device whose User-Agent keeps changing is blocked (see
     * {@code atoll.device.user-agent-changes-before-block}).
     *
     * @param deviceType visible ASCII, as the request parser admits it
     * @throws DeviceLimitReached when the device is new and the account has no room for it
     */
    @Transactional
    public DeviceView seen(
            long accountId, String deviceId, String deviceType, @Nullable String userAgent, String protocolVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        String type = DeviceText.clean(deviceType, 32);
        if (type == null) {
            throw new InvalidDeviceRequest("A DeviceType has 1 to 32 printable characters");
        }
        String reported = DeviceText.clean(userAgent, 512);
        Optional<DeviceView> known = find(accountId, deviceId);
        if (known.isPresent()) {
            DeviceView device = known.get();
            String agent = reported == null ? device.userAgent() : reported;
            boolean unchanged = device.deviceType().equals(type)
                    && Objects.equals(device.userAgent(), agent)
                    && device.protocolVersion().equals(protocolVersion)
                    && device.lastSeenAt()
                            .plus(properties.lastSeenGranularity())
                            .isAfter(now);
            if (unchanged) {
                return device;
            }
            DeviceView updated = jdbc.sql("UPDATE device SET device_type = ?, user_agent = ?, protocol_version = ?,"
                            + " last_seen_at = ? WHERE account_id = ? AND device_id = ? RETURNING " + COLUMNS)
                    .params(type, agent, protocolVersion, stamp, accountId, deviceId)
                    .query(Devices::view)
                    .single();
            if (device.userAgent() != null && !Objects.equals(device.userAgent(), agent)) {
                return userAgentChanged(updated, now);
            }
            return updated;
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
        Optional<Hold> hold = takeHold(accountId, deviceId);
        DeviceAccess.Decision decision = hold.map(Hold::blockReason)
                .map(reason -> new DeviceAccess.Decision(AccessState.BLOCKED, AccessSource.PERSONAL, null, reason))
                .orElseGet(() -> access.decide(new DeviceAccess.Traits(type, null, null, reported)));
        DeviceView registered = jdbc.sql("""
                        INSERT INTO device (account_id, device_id, device_type, user_agent, protocol_version,
                            first_seen_at, last_seen_at, access_state, access_reason, access_source, access_rule_id,
                            access_changed_at, wipe_state, wipe_kind, wipe_requested_by, wipe_requested_at,
                            wipe_acknowledged_at, wipe_by_administrator)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING\s""" + COLUMNS)
                .params(
                        accountId,
                        deviceId,
                        type,
                        reported,
                        protocolVersion,
                        stamp,
                        stamp,
                        decision.state().name(),
                        decision.reason(),
                        decision.source().name(),
                        decision.ruleId(),
                        stamp,
                        hold.map(Hold::wipeState).orElse(WipeState.NONE.name()),
                        hold.map(Hold::wipeKind).orElse(null),
                        hold.map(Hold::wipeRequestedBy).orElse(null),
                        hold.map(Hold::wipeRequestedAt).orElse(null),
                        hold.map(Hold::wipeAcknowledgedAt).orElse(null),
                        hold.map(Hold::wipeByAdministrator).orElse(false))
                .query(Devices::view)
                .single();
        if (decision.state() != AccessState.ALLOWED) {
            events.publishEvent(new DeviceAccessChanged(
                    accountId,
                    registered.id(),
                    deviceId,
                    type,
                    decision.state(),
                    decision.source(),
                    decision.reason(),
                    Actor.SYSTEM));
        }
        return registered;
    }

    /**
     * What the owner's removal of a partnership kept for the DeviceId (see {@link #remove}).
     *
     * @param blockReason the reason of the personal block kept, null when none was
     * @param wipeState PENDING for a wipe still owed, ACKNOWLEDGED for one done, null for none
     */
    private record Hold(
            @Nullable String blockReason,
            @Nullable String wipeState,
            @Nullable String wipeKind,
            @Nullable String wipeRequestedBy,
            @Nullable OffsetDateTime wipeRequestedAt,
            @Nullable OffsetDateTime wipeAcknowledgedAt,
            boolean wipeByAdministrator) {}

    private Optional<Hold> takeHold(long accountId, String deviceId) {
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

    /**
     * Counts a change of the device's User-Agent within {@code atoll.device.user-agent-change-window} and blocks
     * the device at {@code atoll.device.user-agent-changes-before-block} of them (Exchange's autoblock threshold
     * for User-Agent changes): a client that keeps changing its User-Agent is typically misbehaving or pretending
     * to be another, to pass access rules.
     */
    private DeviceView userAgentChanged(DeviceView device, Instant now) {
        int threshold = properties.userAgentChangesBeforeBlock();
        if (threshold <= 0) {
            return device;
        }
        Duration window = properties.userAgentChangeWindow();
        OffsetDateTime windowStart = now.minus(window).atOffset(ZoneOffset.UTC);
        record Counted(int changes, AccessState state, AccessSource source) {}
        Counted counted = jdbc.sql("""
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
                .params(windowStart, windowStart, now.atOffset(ZoneOffset.UTC), device.id())
                .query((row, n) -> new Counted(
                        row.getInt("user_agent_changes"),
                        AccessState.valueOf(row.getString("access_state")),
                        AccessSource.valueOf(row.getString("access_source"))))
                .single();
        boolean blockedPersonally = counted.state() == AccessState.BLOCKED && counted.source() == AccessSource.PERSONAL;
        if (counted.changes() < threshold || blockedPersonally) {
            return device;
        }
        access.blockAutomatically(
                device.id(),
                "Blocked automatically: its User-Agent changed " + counted.changes() + " times within "
                        + describe(window) + "; an administrator must allow it");
        return find(device.accountId(), device.deviceId()).orElseThrow();
    }

    private static String describe(Duration window) {
        if (window.toMinutes() % 60 == 0 && window.toHours() > 0) {
            return window.toHours() + (window.toHours() == 1 ? " hour" : " hours");
        }
        return window.toMinutes() + (window.toMinutes() == 1 ? " minute" : " minutes");
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
     * Orders a device wiped on an administrator's authority; it receives the wipe on its next request, whatever else
     * it asks for.
     *
     * @param requestedBy who asked, for the audit trail
     * @return the device, or empty when the account has no such device
     */
    @Transactional
    public Optional<DeviceView> requestWipe(long accountId, String deviceId, String requestedBy) {
        Optional<DeviceView> device = find(accountId, deviceId);
        device.ifPresent(
                found -> requestWipe(found.id(), WipeKind.FULL, new Actor(requestedBy, null), Authority.ADMINISTRATOR));
        return device.flatMap(found -> find(accountId, deviceId));
    }

    /**
     * Orders a device wiped; it receives the wipe on its next request, whatever else it asks for. A wipe ordered
     * again replaces the one before, but an owner never replaces an administrator's wipe still owed.
     *
     * @throws DeviceNotFound when no device has the id
     * @throws DecidedByAdministrator when the owner orders a wipe while an administrator's is owed
     * @throws AccountOnlyWipeUnsupported for an account-only wipe of a device that does not speak 16.1
     */
    @Transactional
    public DeviceDetail requestWipe(long devicePk, WipeKind kind, Actor actor, Authority authority) {
        DeviceDetail device = locked(devicePk);
        if (authority == Authority.OWNER && device.wipeState().owed() && device.wipeByAdministrator()) {
            throw new DecidedByAdministrator(
                    "An administrator ordered this device wiped; only an administrator can change that wipe");
        }
        if (kind == WipeKind.ACCOUNT_ONLY && !device.protocolVersion().equals("16.1")) {
            throw new AccountOnlyWipeUnsupported(device.protocolVersion());
        }
        jdbc.sql("""
                        UPDATE device SET wipe_state = 'PENDING', wipe_kind = ?, wipe_requested_by = ?,
                            wipe_requested_at = ?, wipe_sent_at = NULL, wipe_acknowledged_at = NULL,
                            wipe_failed_at = NULL, wipe_by_administrator = ?
                        WHERE id = ?
                        """)
                .params(kind.name(), actor.name(), now(), authority == Authority.ADMINISTRATOR, devicePk)
                .update();
        events.publishEvent(new DeviceWipeChanged(
                device.accountId(), devicePk, device.deviceId(), DeviceWipeChanged.Step.REQUESTED, kind, actor));
        return detail(devicePk);
    }

    /**
     * Withdraws a wipe the device has not acknowledged yet. A device that already received it may still wipe
     * itself; its acknowledgement is then not recorded. The owner withdraws only a wipe they ordered.
     *
     * @throws DeviceNotFound when no device has the id
     * @throws WipeAlreadyDone when no wipe is owed
     * @throws DecidedByAdministrator when the owner withdraws an administrator's wipe
     */
    @Transactional
    public DeviceDetail cancelWipe(long devicePk, Actor actor, Authority authority) {
        DeviceDetail device = locked(devicePk);
        if (!device.wipeState().owed()) {
            throw new WipeAlreadyDone(device.wipeState());
        }
        if (authority == Authority.OWNER && device.wipeByAdministrator()) {
            throw new DecidedByAdministrator(
                    "An administrator ordered this device wiped; only an administrator can withdraw that wipe");
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
     * Records the device's acknowledgement (MS-ASPROV 2.2.2.54.3, 3.2.5.1.2.2): failed, in which case the wipe is
     * owed again and sent on the next request; or done, in which case the device is blocked. A wiped device has
     * destroyed what it received and the credentials it held (MS-ASPROV 3.1.5.1.2.2); one that shows up again under
     * the same DeviceId is refused like any blocked device (MS-ASCMD 2.2.2 Status 129, HTTP 403 for 12.x), so it
     * neither provisions nor downloads the mailbox again until an administrator allows it, as Exchange keeps a
     * wiped device listed as wiped until an administrator lets it back.
     */
    @Transactional
    public void wipeAcknowledged(long accountId, String deviceId, boolean succeeded) {
        if (succeeded) {
            wipeStep(
                            "UPDATE device SET wipe_state = 'ACKNOWLEDGED', wipe_acknowledged_at = ?",
                            accountId,
                            deviceId,
                            DeviceWipeChanged.Step.ACKNOWLEDGED)
                    .ifPresent(pk -> access.blockAutomatically(
                            pk,
                            "Wiped: the device acknowledged its wipe at " + now().toInstant()
                                    + "; an administrator must allow it before it syncs again"));
        } else {
            wipeStep(
                    "UPDATE device SET wipe_state = 'PENDING', wipe_failed_at = ?",
                    accountId,
                    deviceId,
                    DeviceWipeChanged.Step.FAILED);
        }
    }

    private Optional<Long> wipeStep(String update, long accountId, String deviceId, DeviceWipeChanged.Step step) {
        record Updated(long id, @Nullable String kind) {}
        Optional<Updated> updated = jdbc.sql(update
                        + " WHERE account_id = ? AND device_id = ? AND wipe_state IN ('PENDING', 'SENT')"
                        + " RETURNING id, wipe_kind")
                .params(now(), accountId, deviceId)
                .query((row, n) -> new Updated(row.getLong("id"), row.getString("wipe_kind")))
                .optional();
        updated.ifPresent(done -> events.publishEvent(new DeviceWipeChanged(
                accountId,
                done.id(),
                deviceId,
                step,
                done.kind() == null ? WipeKind.FULL : WipeKind.valueOf(done.kind()),
                Actor.device(deviceId, null))));
        return updated.map(Updated::id);
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
     * next request registers it again, provisions it and syncs it from scratch. When the owner removes it, a block
     * an administrator or the server set on the device and a wipe owed or done stay with its DeviceId: the device
     * comes back blocked, or owed that wipe. An administrator's removal drops them, so the device starts over.
     *
     * @throws DeviceNotFound when no device has the id
     */
    @Transactional
    public void remove(long devicePk, Actor actor, Authority authority) {
        DeviceDetail device = locked(devicePk);
        if (authority == Authority.OWNER) {
            hold(device, actor);
        }
        jdbc.sql("DELETE FROM device WHERE id = ?").param(devicePk).update();
        events.publishEvent(new DeviceRemoved(device.accountId(), devicePk, device.deviceId(), actor));
    }

    /** Devices that sent no request (Ping included) since {@code cutoff}, least recently seen first. */
    @Transactional(readOnly = true)
    public List<Long> idleSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                        SELECT id FROM device WHERE last_seen_at < ? AND (last_ping_at IS NULL OR last_ping_at < ?)
                        ORDER BY last_seen_at LIMIT ?
                        """)
                .params(cutoff.atOffset(ZoneOffset.UTC), cutoff.atOffset(ZoneOffset.UTC), limit)
                .query(Long.class)
                .list();
    }

    /**
     * Removes the device as its owner would ({@link #remove}: a block or wipe stays with its DeviceId) when it is
     * still idle since {@code cutoff}; a device that came back meanwhile stays.
     *
     * @return whether the device was removed
     */
    @Transactional
    public boolean removeIdle(long devicePk, Instant cutoff, Actor actor) {
        boolean idle = jdbc.sql("""
                        SELECT id FROM device WHERE id = ? AND last_seen_at < ?
                            AND (last_ping_at IS NULL OR last_ping_at < ?) FOR UPDATE
                        """)
                .params(devicePk, cutoff.atOffset(ZoneOffset.UTC), cutoff.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .optional()
                .isPresent();
        if (!idle) {
            return false;
        }
        remove(devicePk, actor, Authority.OWNER);
        return true;
    }

    private void hold(DeviceDetail device, Actor actor) {
        boolean blocked = device.accessState() == AccessState.BLOCKED && device.accessSource() == AccessSource.PERSONAL;
        boolean owed = device.wipeState().owed();
        if (!blocked && !owed) {
            return;
        }
        String wipeState = owed ? "PENDING" : device.wipeState() == WipeState.ACKNOWLEDGED ? "ACKNOWLEDGED" : null;
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
                        device.accountId(),
                        device.deviceId(),
                        blocked ? device.accessReason() == null ? "Blocked" : device.accessReason() : null,
                        wipeState,
                        wipeState == null || device.wipeKind() == null
                                ? null
                                : device.wipeKind().name(),
                        wipeState == null ? null : device.wipeRequestedBy(),
                        wipeState == null ? null : offset(device.wipeRequestedAt()),
                        wipeState == null ? null : offset(device.wipeAcknowledgedAt()),
                        wipeState != null && device.wipeByAdministrator(),
                        actor.name(),
                        now())
                .update();
    }

    private static @Nullable OffsetDateTime offset(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The device, its row locked until the transaction ends, so two decisions about it queue. */
    private DeviceDetail locked(long devicePk) {
        jdbc.sql("SELECT id FROM device WHERE id = ? FOR UPDATE")
                .param(devicePk)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new DeviceNotFound(devicePk));
        return detail(devicePk);
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
     * Stores what the device reports of itself, without control characters (see {@link DeviceText}); values longer
     * than the columns allow are cut. Rules matching the model or OS can change its access state now.
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
                        DeviceText.clean(information.model(), 256),
                        DeviceText.clean(information.imei(), 64),
                        DeviceText.clean(information.friendlyName(), 256),
                        DeviceText.clean(information.os(), 256),
                        DeviceText.clean(information.osLanguage(), 64),
                        DeviceText.clean(information.phoneNumber(), 64),
                        DeviceText.clean(information.mobileOperator(), 256),
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
