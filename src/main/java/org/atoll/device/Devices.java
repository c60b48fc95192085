package org.atoll.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atoll.device.internal.DeviceQueries;
import org.atoll.device.internal.DeviceRows;
import org.atoll.device.internal.DeviceRows.Hold;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The registry of devices per account. */
@Service
public class Devices {

    /** Most devices one page lists. */
    public static final int MAX_PAGE_SIZE = 200;

    private final DeviceRows rows;
    private final DeviceQueries queries;
    private final DeviceProperties properties;
    private final DeviceAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Devices(
            DeviceRows rows,
            DeviceQueries queries,
            DeviceProperties properties,
            DeviceAccess access,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.rows = rows;
        this.queries = queries;
        this.properties = properties;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Records that the device sent a Ping, for administrators (last ping). Like last seen, the time is rewritten at
     * most once per {@code atoll.device.last-seen-granularity}, so a device that pings often costs no write each time.
     */
    @Transactional
    public void pinged(long accountId, long devicePk) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rows.pinged(
                accountId,
                devicePk,
                now.atOffset(ZoneOffset.UTC),
                now.minus(properties.lastSeenGranularity()).atOffset(ZoneOffset.UTC));
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
    public DeviceView seen(
            long accountId, String deviceId, String deviceType, @Nullable String userAgent, String protocolVersion) {
        return arrived(accountId, deviceId, deviceType, userAgent, protocolVersion)
                .device();
    }

    /**
     * A device's request as the front end meets it: the device, and what the policy check of its command needs (the
     * final key it holds and whether its policy is current, empty before it completed Provision; see
     * {@link Provisioning.PolicyCheck}).
     */
    public record Arrival(DeviceView device, Optional<Provisioning.PolicyCheck> policy) {}

    /**
     * {@link #seen} with what the policy check needs: for a known device that reports nothing new, which is most
     * requests, both are one statement without a transaction; a device that reports something new is written in a
     * transaction of its own and its policy read after.
     */
    public Arrival arrived(
            long accountId, String deviceId, String deviceType, @Nullable String userAgent, String protocolVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String type = DeviceText.clean(deviceType, 32);
        if (type == null) {
            throw new InvalidDeviceRequest("A DeviceType has 1 to 32 printable characters");
        }
        String reported = DeviceText.clean(userAgent, 512);
        Optional<Arrival> known = rows.arrival(accountId, deviceId);
        if (known.isPresent() && unchanged(known.get().device(), type, reported, protocolVersion, now)) {
            return known.get();
        }
        DeviceView device = Objects.requireNonNull(
                transactions.execute(status -> record(accountId, deviceId, type, reported, protocolVersion, now)));
        return new Arrival(device, rows.arrival(accountId, deviceId).flatMap(Arrival::policy));
    }

    private boolean unchanged(
            DeviceView device, String type, @Nullable String reported, String protocolVersion, Instant now) {
        return device.deviceType().equals(type)
                && Objects.equals(device.userAgent(), reported == null ? device.userAgent() : reported)
                && device.protocolVersion().equals(protocolVersion)
                && device.lastSeenAt().plus(properties.lastSeenGranularity()).isAfter(now);
    }

    private DeviceView record(
            long accountId,
            String deviceId,
            String type,
            @Nullable String reported,
            String protocolVersion,
            Instant now) {
        OffsetDateTime stamp = now.atOffset(ZoneOffset.UTC);
        Optional<DeviceView> known = rows.find(accountId, deviceId);
        if (known.isPresent()) {
            DeviceView device = known.get();
            String agent = reported == null ? device.userAgent() : reported;
            if (unchanged(device, type, reported, protocolVersion, now)) {
                return device;
            }
            DeviceView updated = rows.refresh(accountId, deviceId, type, agent, protocolVersion, stamp);
            if (device.userAgent() != null && !Objects.equals(device.userAgent(), agent)) {
                return userAgentChanged(updated, now);
            }
            return updated;
        }
        rows.lockAccount(accountId);
        long count = rows.countOf(accountId);
        Optional<DeviceView> raced = find(accountId, deviceId);
        if (raced.isPresent()) {
            return raced.get();
        }
        if (count >= properties.maxPerAccount()) {
            throw new DeviceLimitReached(properties.maxPerAccount());
        }
        Optional<Hold> hold = rows.takeHold(accountId, deviceId);
        DeviceAccess.Decision decision = hold.map(Hold::blockReason)
                .map(reason -> new DeviceAccess.Decision(AccessState.BLOCKED, AccessSource.PERSONAL, null, reason))
                .orElseGet(() -> access.decide(new DeviceAccess.Traits(type, null, null, reported)));
        DeviceView registered = rows.insert(
                accountId,
                deviceId,
                type,
                reported,
                protocolVersion,
                stamp,
                decision.state(),
                decision.reason(),
                decision.source(),
                decision.ruleId(),
                hold);
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
        DeviceRows.UserAgentChanges counted =
                rows.countUserAgentChange(device.id(), windowStart, now.atOffset(ZoneOffset.UTC));
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
        return rows.setPersonalAccess(accountId, deviceId, state, reason, now());
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
        rows.requestWipe(devicePk, kind, actor.name(), now(), authority == Authority.ADMINISTRATOR);
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
        rows.cancelWipe(devicePk);
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
        wipeStep(accountId, deviceId, DeviceWipeChanged.Step.SENT);
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
            wipeStep(accountId, deviceId, DeviceWipeChanged.Step.ACKNOWLEDGED)
                    .ifPresent(pk -> access.blockAutomatically(
                            pk,
                            "Wiped: the device acknowledged its wipe at " + now().toInstant()
                                    + "; an administrator must allow it before it syncs again"));
        } else {
            wipeStep(accountId, deviceId, DeviceWipeChanged.Step.FAILED);
        }
    }

    private Optional<Long> wipeStep(long accountId, String deviceId, DeviceWipeChanged.Step step) {
        Optional<DeviceRows.WipeStepped> updated = rows.wipeStep(accountId, deviceId, step, now());
        updated.ifPresent(done -> events.publishEvent(new DeviceWipeChanged(
                accountId,
                done.id(),
                deviceId,
                step,
                done.kind() == null ? WipeKind.FULL : WipeKind.valueOf(done.kind()),
                Actor.device(deviceId, null))));
        return updated.map(DeviceRows.WipeStepped::id);
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
        return rows.wipe(accountId, deviceId);
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
        rows.delete(devicePk);
        events.publishEvent(new DeviceRemoved(device.accountId(), devicePk, device.deviceId(), actor));
    }

    /** Devices that sent no request (Ping included) since {@code cutoff}, least recently seen first. */
    @Transactional(readOnly = true)
    public List<Long> idleSince(Instant cutoff, int limit) {
        return rows.idleSince(cutoff.atOffset(ZoneOffset.UTC), limit);
    }

    /**
     * Removes the device as its owner would ({@link #remove}: a block or wipe stays with its DeviceId) when it is
     * still idle since {@code cutoff}; a device that came back meanwhile stays.
     *
     * @return whether the device was removed
     */
    @Transactional
    public boolean removeIdle(long devicePk, Instant cutoff, Actor actor) {
        boolean idle = rows.lockIfIdle(devicePk, cutoff.atOffset(ZoneOffset.UTC));
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
        rows.putHold(
                device.accountId(),
                device.deviceId(),
                new Hold(
                        blocked ? device.accessReason() == null ? "Blocked" : device.accessReason() : null,
                        wipeState,
                        wipeState == null || device.wipeKind() == null
                                ? null
                                : device.wipeKind().name(),
                        wipeState == null ? null : device.wipeRequestedBy(),
                        wipeState == null ? null : offset(device.wipeRequestedAt()),
                        wipeState == null ? null : offset(device.wipeAcknowledgedAt()),
                        wipeState != null && device.wipeByAdministrator()),
                actor.name(),
                now());
    }

    private static @Nullable OffsetDateTime offset(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The device, its row locked until the transaction ends, so two decisions about it queue. */
    private DeviceDetail locked(long devicePk) {
        if (!rows.lock(devicePk)) {
            throw new DeviceNotFound(devicePk);
        }
        return detail(devicePk);
    }

    /** @throws DeviceNotFound when no device has the id */
    @Transactional(readOnly = true)
    public DeviceDetail detail(long devicePk) {
        return queries.detail(devicePk).orElseThrow(() -> new DeviceNotFound(devicePk));
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
        return new PageOf<>(queries.page(filter, sort, descending, page, size), page, size, queries.count(filter));
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * Stores what the device reports of itself, without control characters (see {@link DeviceText}); values longer
     * than the columns allow are cut. Rules matching the model or OS can change its access state now.
     */
    @Transactional
    public void recordInformation(long accountId, String deviceId, DeviceInformation information) {
        rows.recordInformation(
                        accountId,
                        deviceId,
                        new DeviceInformation(
                                DeviceText.clean(information.model(), 256),
                                DeviceText.clean(information.imei(), 64),
                                DeviceText.clean(information.friendlyName(), 256),
                                DeviceText.clean(information.os(), 256),
                                DeviceText.clean(information.osLanguage(), 64),
                                DeviceText.clean(information.phoneNumber(), 64),
                                DeviceText.clean(information.mobileOperator(), 256)))
                .ifPresent(pk -> access.reevaluate(pk, Actor.SYSTEM));
    }

    /** What the device last reported of itself. */
    @Transactional(readOnly = true)
    public Optional<DeviceInformation> information(long accountId, String deviceId) {
        return rows.information(accountId, deviceId);
    }

    @Transactional(readOnly = true)
    public Optional<DeviceView> find(long accountId, String deviceId) {
        return rows.find(accountId, deviceId);
    }

    @Transactional(readOnly = true)
    public List<DeviceView> of(long accountId) {
        return rows.of(accountId);
    }
}
