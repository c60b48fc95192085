package org.atoll.device;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atoll.device.internal.AccessRows;
import org.atoll.device.internal.DeviceQueries;
import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Allow, block and quarantine, in Exchange's order: a personal state an administrator set on the device itself,
 * then Block rules, Quarantine rules, Allow rules, then the organization's default access level. A device is
 * evaluated when it registers and when it reports its model and OS; every device not personally set is evaluated
 * again when a rule or the default changes.
 */
@Service
public class DeviceAccess {

    private final AccessRows rows;
    private final DeviceQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeviceAccess(AccessRows rows, DeviceQueries queries, ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    /** The outcome of evaluating a device against the rules. */
    record Decision(
            AccessState state,
            AccessSource source,
            @Nullable Long ruleId,
            String reason) {}

    /** What of a device rules look at. */
    record Traits(
            String deviceType,
            @Nullable String model,
            @Nullable String os,
            @Nullable String userAgent) {

        @Nullable
        String value(Characteristic characteristic) {
            return switch (characteristic) {
                case DEVICE_TYPE -> deviceType;
                case MODEL -> model;
                case OS -> os;
                case USER_AGENT -> userAgent;
            };
        }
    }

    // ---- rules and the default

    @Transactional(readOnly = true)
    public List<AccessRule> rules() {
        return rows.rules();
    }

    @Transactional(readOnly = true)
    public AccessRule rule(long id) {
        return rows.rule(id).orElseThrow(() -> new AccessRuleNotFound(id));
    }

    /**
     * Adds a rule and evaluates every device not personally set again.
     *
     * @throws InvalidDeviceRequest when the query string is blank, too long or holds control characters
     * @throws AccessRuleTaken when a rule for the same characteristic and value exists
     */
    @Transactional
    public AccessRule addRule(AccessState access, Characteristic characteristic, String queryString, Actor actor) {
        String value = queryString(queryString);
        lockRules();
        if (taken(characteristic, value, null)) {
            throw new AccessRuleTaken(characteristic.name(), value);
        }
        AccessRule rule = rows.insertRule(access, characteristic, value, now());
        events.publishEvent(new DeviceSettingsChanged("access-rule.created", null, describe(rule), actor));
        reevaluate(actor);
        return rule;
    }

    /**
     * Replaces a rule and evaluates every device not personally set again.
     *
     * @throws AccessRuleNotFound when no rule has the id
     * @throws InvalidDeviceRequest when the query string is blank, too long or holds control characters
     * @throws AccessRuleTaken when another rule for the same characteristic and value exists
     */
    @Transactional
    public AccessRule updateRule(
            long id, AccessState access, Characteristic characteristic, String queryString, Actor actor) {
        String value = queryString(queryString);
        lockRules();
        rule(id);
        if (taken(characteristic, value, id)) {
            throw new AccessRuleTaken(characteristic.name(), value);
        }
        AccessRule rule = rows.updateRule(id, access, characteristic, value);
        events.publishEvent(new DeviceSettingsChanged("access-rule.updated", null, describe(rule), actor));
        reevaluate(actor);
        return rule;
    }

    /** @throws AccessRuleNotFound when no rule has the id */
    @Transactional
    public void deleteRule(long id, Actor actor) {
        lockRules();
        AccessRule rule = rule(id);
        rows.deleteRule(id);
        events.publishEvent(new DeviceSettingsChanged("access-rule.deleted", null, describe(rule), actor));
        reevaluate(actor);
    }

    @Transactional(readOnly = true)
    public AccessState defaultAccess() {
        return rows.defaultAccess();
    }

    /** Sets the organization's default access level and evaluates every device not personally set again. */
    @Transactional
    public AccessState setDefaultAccess(AccessState access, Actor actor) {
        lockRules();
        rows.setDefaultAccess(access);
        events.publishEvent(
                new DeviceSettingsChanged("access-default.updated", null, "default access " + access, actor));
        reevaluate(actor);
        return access;
    }

    // ---- personal states

    /**
     * Allows the device itself, whatever the rules say (Exchange's personal allow); this also lifts a block the
     * server set after the device acknowledged a wipe or kept changing its User-Agent. For administrators only.
     */
    @Transactional
    public DeviceDetail allow(long devicePk, Actor actor) {
        return personal(devicePk, AccessState.ALLOWED, "Allowed by " + actor.name(), actor);
    }

    /**
     * Blocks the device itself, whatever the rules say (Exchange's personal block). The block outlives the owner's
     * removal of the partnership. For administrators only.
     */
    @Transactional
    public DeviceDetail block(long devicePk, Actor actor) {
        return personal(devicePk, AccessState.BLOCKED, "Blocked by " + actor.name(), actor);
    }

    /**
     * Lets a quarantined device sync: it is allowed personally, so rules no longer quarantine it.
     *
     * @throws DeviceNotQuarantined when the device is not quarantined
     */
    @Transactional
    public DeviceDetail release(long devicePk, Actor actor) {
        AccessState state = rows.lockState(devicePk).orElseThrow(() -> new DeviceNotFound(devicePk));
        if (state != AccessState.QUARANTINED) {
            throw new DeviceNotQuarantined(state);
        }
        return personal(devicePk, AccessState.ALLOWED, "Released from quarantine by " + actor.name(), actor);
    }

    /**
     * Blocks the device itself on the server's own authority (a wipe acknowledged, a User-Agent that kept changing):
     * like an administrator's block, rules do not change it, removing the partnership keeps it, and only an
     * administrator's allow lifts it.
     */
    DeviceDetail blockAutomatically(long devicePk, String reason) {
        return personal(devicePk, AccessState.BLOCKED, reason, Actor.SYSTEM);
    }

    /** A personal allow also starts the count of User-Agent changes over, so the next change does not block again. */
    private DeviceDetail personal(long devicePk, AccessState state, String reason, Actor actor) {
        if (!rows.setPersonal(devicePk, state, reason, now())) {
            throw new DeviceNotFound(devicePk);
        }
        DeviceDetail device = queries.detail(devicePk).orElseThrow(() -> new DeviceNotFound(devicePk));
        events.publishEvent(new DeviceAccessChanged(
                device.accountId(),
                devicePk,
                device.deviceId(),
                device.deviceType(),
                state,
                AccessSource.PERSONAL,
                reason,
                actor));
        return device;
    }

    // ---- evaluation

    /** The state rules and the default give a device with these traits. */
    Decision decide(Traits traits) {
        return decide(traits, rules(), defaultAccess());
    }

    private static Decision decide(Traits traits, List<AccessRule> rules, AccessState fallback) {
        for (AccessState access : List.of(AccessState.BLOCKED, AccessState.QUARANTINED, AccessState.ALLOWED)) {
            Optional<AccessRule> match = rules.stream()
                    .filter(rule -> rule.access() == access)
                    .filter(rule -> rule.queryString().equalsIgnoreCase(traits.value(rule.characteristic())))
                    .findFirst();
            if (match.isPresent()) {
                return new Decision(access, AccessSource.RULE, match.get().id(), describe(match.get()));
            }
        }
        return new Decision(
                fallback, AccessSource.DEFAULT, null, verb(fallback) + " by the organization's default access level");
    }

    /**
     * Evaluates one device again unless an administrator set it personally, and records a changed state.
     *
     * @return whether the state changed
     */
    boolean reevaluate(long devicePk, Actor actor) {
        return reevaluate(devicePk, rules(), defaultAccess(), actor);
    }

    private boolean reevaluate(long devicePk, List<AccessRule> rules, AccessState fallback, Actor actor) {
        Optional<AccessRows.DeviceAccessRow> found = rows.lockDevice(devicePk);
        if (found.isEmpty() || found.get().source() == AccessSource.PERSONAL) {
            return false;
        }
        AccessRows.DeviceAccessRow device = found.get();
        Decision decision = decide(
                new Traits(device.deviceType(), device.model(), device.os(), device.userAgent()), rules, fallback);
        boolean same = decision.state() == device.state()
                && decision.source() == device.source()
                && Objects.equals(decision.ruleId(), device.ruleId());
        if (same) {
            return false;
        }
        rows.setDecided(devicePk, decision.state(), decision.reason(), decision.source(), decision.ruleId(), now());
        if (decision.state() != device.state()) {
            events.publishEvent(new DeviceAccessChanged(
                    device.accountId(),
                    devicePk,
                    device.deviceId(),
                    device.deviceType(),
                    decision.state(),
                    decision.source(),
                    decision.reason(),
                    actor));
        }
        return true;
    }

    private void reevaluate(Actor actor) {
        List<Long> evaluated = rows.notPersonal();
        List<AccessRule> rules = rules();
        AccessState fallback = defaultAccess();
        evaluated.forEach(pk -> reevaluate(pk, rules, fallback, actor));
    }

    /** Rule changes queue behind each other, so two of them never evaluate devices against half the rules. */
    private void lockRules() {
        rows.lockSettings();
    }

    private boolean taken(Characteristic characteristic, String value, @Nullable Long except) {
        return rows.taken(characteristic, value, except);
    }

    private static String queryString(@Nullable String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > 512 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDeviceRequest("A rule's query string has 1 to 512 printable characters");
        }
        return value;
    }

    static String describe(AccessRule rule) {
        return verb(rule.access()) + " by the rule "
                + rule.characteristic().name().toLowerCase(Locale.ROOT) + " = \"" + rule.queryString() + "\"";
    }

    private static String verb(AccessState state) {
        return switch (state) {
            case ALLOWED -> "Allowed";
            case BLOCKED -> "Blocked";
            case QUARANTINED -> "Quarantined";
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
