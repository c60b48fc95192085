package org.atoll.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private static final String RULE_COLUMNS = "id, access, characteristic, query_string, created_at";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeviceAccess(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
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
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM device_access_rule ORDER BY id")
                .query(DeviceAccess::rule)
                .list();
    }

    @Transactional(readOnly = true)
    public AccessRule rule(long id) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM device_access_rule WHERE id = ?")
                .param(id)
                .query(DeviceAccess::rule)
                .optional()
                .orElseThrow(() -> new AccessRuleNotFound(id));
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
        AccessRule rule = jdbc.sql("INSERT INTO device_access_rule (access, characteristic, query_string, created_at)"
                        + " VALUES (?, ?, ?, ?) RETURNING " + RULE_COLUMNS)
                .params(access.name(), characteristic.name(), value, now().atOffset(ZoneOffset.UTC))
                .query(DeviceAccess::rule)
                .single();
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
        AccessRule rule = jdbc.sql("UPDATE device_access_rule SET access = ?, characteristic = ?, query_string = ?"
                        + " WHERE id = ? RETURNING " + RULE_COLUMNS)
                .params(access.name(), characteristic.name(), value, id)
                .query(DeviceAccess::rule)
                .single();
        events.publishEvent(new DeviceSettingsChanged("access-rule.updated", null, describe(rule), actor));
        reevaluate(actor);
        return rule;
    }

    /** @throws AccessRuleNotFound when no rule has the id */
    @Transactional
    public void deleteRule(long id, Actor actor) {
        lockRules();
        AccessRule rule = rule(id);
        jdbc.sql("DELETE FROM device_access_rule WHERE id = ?").param(id).update();
        events.publishEvent(new DeviceSettingsChanged("access-rule.deleted", null, describe(rule), actor));
        reevaluate(actor);
    }

    @Transactional(readOnly = true)
    public AccessState defaultAccess() {
        return AccessState.valueOf(jdbc.sql("SELECT default_access FROM device_access_settings")
                .query(String.class)
                .single());
    }

    /** Sets the organization's default access level and evaluates every device not personally set again. */
    @Transactional
    public AccessState setDefaultAccess(AccessState access, Actor actor) {
        lockRules();
        jdbc.sql("UPDATE device_access_settings SET default_access = ?")
                .param(access.name())
                .update();
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
        AccessState state = jdbc.sql("SELECT access_state FROM device WHERE id = ? FOR UPDATE")
                .param(devicePk)
                .query(String.class)
                .optional()
                .map(AccessState::valueOf)
                .orElseThrow(() -> new DeviceNotFound(devicePk));
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
        int updated = jdbc.sql("""
                        UPDATE device SET access_state = ?, access_reason = ?, access_source = 'PERSONAL',
                            access_rule_id = NULL, access_changed_at = ?,
                            user_agent_changes = CASE WHEN ? THEN 0 ELSE user_agent_changes END,
                            user_agent_changes_since = CASE WHEN ? THEN NULL ELSE user_agent_changes_since END
                        WHERE id = ?
                        """)
                .params(
                        state.name(),
                        reason,
                        now().atOffset(ZoneOffset.UTC),
                        state == AccessState.ALLOWED,
                        state == AccessState.ALLOWED,
                        devicePk)
                .update();
        if (updated != 1) {
            throw new DeviceNotFound(devicePk);
        }
        DeviceDetail device = DeviceQueries.detail(jdbc, devicePk).orElseThrow(() -> new DeviceNotFound(devicePk));
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
        record Row(
                long accountId,
                String deviceId,
                AccessState state,
                AccessSource source,
                @Nullable Long ruleId,
                Traits traits) {}
        Optional<Row> found = jdbc.sql("""
                        SELECT account_id, device_id, device_type, model, os, user_agent, access_state,
                               access_source, access_rule_id
                        FROM device WHERE id = ? FOR UPDATE
                        """)
                .param(devicePk)
                .query((row, n) -> new Row(
                        row.getLong("account_id"),
                        row.getString("device_id"),
                        AccessState.valueOf(row.getString("access_state")),
                        AccessSource.valueOf(row.getString("access_source")),
                        row.getObject("access_rule_id", Long.class),
                        new Traits(
                                row.getString("device_type"),
                                row.getString("model"),
                                row.getString("os"),
                                row.getString("user_agent"))))
                .optional();
        if (found.isEmpty() || found.get().source() == AccessSource.PERSONAL) {
            return false;
        }
        Row device = found.get();
        Decision decision = decide(device.traits(), rules, fallback);
        boolean same = decision.state() == device.state()
                && decision.source() == device.source()
                && Objects.equals(decision.ruleId(), device.ruleId());
        if (same) {
            return false;
        }
        jdbc.sql("""
                        UPDATE device SET access_state = ?, access_reason = ?, access_source = ?, access_rule_id = ?,
                            access_changed_at = ?
                        WHERE id = ?
                        """)
                .params(
                        decision.state().name(),
                        decision.reason(),
                        decision.source().name(),
                        decision.ruleId(),
                        now().atOffset(ZoneOffset.UTC),
                        devicePk)
                .update();
        if (decision.state() != device.state()) {
            events.publishEvent(new DeviceAccessChanged(
                    device.accountId(),
                    devicePk,
                    device.deviceId(),
                    device.traits().deviceType(),
                    decision.state(),
                    decision.source(),
                    decision.reason(),
                    actor));
        }
        return true;
    }

    private void reevaluate(Actor actor) {
        List<Long> evaluated = jdbc.sql("SELECT id FROM device WHERE access_source <> 'PERSONAL' ORDER BY id")
                .query(Long.class)
                .list();
        List<AccessRule> rules = rules();
        AccessState fallback = defaultAccess();
        evaluated.forEach(pk -> reevaluate(pk, rules, fallback, actor));
    }

    /** Rule changes queue behind each other, so two of them never evaluate devices against half the rules. */
    private void lockRules() {
        jdbc.sql("SELECT singleton FROM device_access_settings FOR UPDATE")
                .query(Boolean.class)
                .single();
    }

    private boolean taken(Characteristic characteristic, String value, @Nullable Long except) {
        return jdbc.sql("SELECT count(*) FROM device_access_rule WHERE characteristic = ?"
                                + " AND lower(query_string) = lower(?) AND id <> ?")
                        .params(characteristic.name(), value, except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
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

    private static AccessRule rule(ResultSet row, int n) throws SQLException {
        return new AccessRule(
                row.getLong("id"),
                AccessState.valueOf(row.getString("access")),
                Characteristic.valueOf(row.getString("characteristic")),
                row.getString("query_string"),
                row.getTimestamp("created_at").toInstant());
    }
}
