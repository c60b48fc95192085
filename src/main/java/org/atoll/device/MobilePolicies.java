package org.atoll.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.atoll.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mobile device policies: exactly one is the default, others are assigned to accounts. Every change of a policy
 * raises its version, so each device holding the older version is refused with Status 143 (MS-ASCMD 2.2.2) until
 * it provisions again.
 */
@Service
public class MobilePolicies {

    static final String COLUMNS = """
            id, name, password_required, min_password_length, alphanumeric_required, max_inactivity_seconds,
            max_failed_attempts, require_encryption, max_attachment_bytes, allow_non_provisionable, version
            """;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    MobilePolicies(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A policy with whether it is the default and how many accounts it is assigned to. */
    public record PolicyView(MobilePolicy policy, boolean isDefault, long assignedAccounts) {}

    @Transactional(readOnly = true)
    public List<PolicyView> list() {
        return jdbc.sql("SELECT " + COLUMNS + ", is_default,"
                        + " (SELECT count(*) FROM account_policy ap WHERE ap.policy_id = mobile_policy.id) AS assigned"
                        + " FROM mobile_policy ORDER BY id")
                .query(MobilePolicies::view)
                .list();
    }

    /** @throws PolicyNotFound when no policy has the id */
    @Transactional(readOnly = true)
    public PolicyView get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + ", is_default,"
                        + " (SELECT count(*) FROM account_policy ap WHERE ap.policy_id = mobile_policy.id) AS assigned"
                        + " FROM mobile_policy WHERE id = ?")
                .param(id)
                .query(MobilePolicies::view)
                .optional()
                .orElseThrow(() -> new PolicyNotFound(id));
    }

    /**
     * @throws InvalidDeviceRequest when a setting is out of range
     * @throws PolicyNameTaken when another policy has the name
     */
    @Transactional
    public PolicyView create(PolicySettings settings, Actor actor) {
        String name = check(settings);
        lockPolicies();
        if (nameTaken(name, null)) {
            throw new PolicyNameTaken(name);
        }
        if (settings.isDefault()) {
            jdbc.sql("UPDATE mobile_policy SET is_default = false WHERE is_default")
                    .update();
        }
        long id = jdbc.sql("""
                        INSERT INTO mobile_policy (name, is_default, password_required, min_password_length,
                            alphanumeric_required, max_inactivity_seconds, max_failed_attempts, require_encryption,
                            max_attachment_bytes, allow_non_provisionable)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        name,
                        settings.isDefault(),
                        settings.passwordRequired(),
                        settings.minPasswordLength(),
                        settings.alphanumericRequired(),
                        settings.maxInactivitySeconds(),
                        settings.maxFailedAttempts(),
                        settings.requireEncryption(),
                        settings.maxAttachmentBytes(),
                        settings.allowNonProvisionable())
                .query(Long.class)
                .single();
        events.publishEvent(new DeviceSettingsChanged("policy.created", null, "policy " + name, actor));
        return get(id);
    }

    /**
     * Replaces a policy's settings and raises its version, so its devices provision again.
     *
     * @throws PolicyNotFound when no policy has the id
     * @throws DefaultPolicyProtected when the default policy would stop being the default
     */
    @Transactional
    public PolicyView update(long id, PolicySettings settings, Actor actor) {
        String name = check(settings);
        lockPolicies();
        PolicyView current = get(id);
        if (current.isDefault() && !settings.isDefault()) {
            throw new DefaultPolicyProtected();
        }
        if (nameTaken(name, id)) {
            throw new PolicyNameTaken(name);
        }
        if (settings.isDefault() && !current.isDefault()) {
            jdbc.sql("UPDATE mobile_policy SET is_default = false WHERE is_default")
                    .update();
        }
        jdbc.sql("""
                        UPDATE mobile_policy SET name = ?, is_default = ?, password_required = ?,
                            min_password_length = ?, alphanumeric_required = ?, max_inactivity_seconds = ?,
                            max_failed_attempts = ?, require_encryption = ?, max_attachment_bytes = ?,
                            allow_non_provisionable = ?, version = version + 1
                        WHERE id = ?
                        """)
                .params(
                        name,
                        settings.isDefault(),
                        settings.passwordRequired(),
                        settings.minPasswordLength(),
                        settings.alphanumericRequired(),
                        settings.maxInactivitySeconds(),
                        settings.maxFailedAttempts(),
                        settings.requireEncryption(),
                        settings.maxAttachmentBytes(),
                        settings.allowNonProvisionable(),
                        id)
                .update();
        events.publishEvent(new DeviceSettingsChanged("policy.updated", null, "policy " + name, actor));
        return get(id);
    }

    /**
     * Deletes a policy; accounts it was assigned to get the default, and its devices provision again.
     *
     * @throws PolicyNotFound when no policy has the id
     * @throws DefaultPolicyProtected for the default policy
     */
    @Transactional
    public void delete(long id, Actor actor) {
        lockPolicies();
        PolicyView current = get(id);
        if (current.isDefault()) {
            throw new DefaultPolicyProtected();
        }
        jdbc.sql("DELETE FROM mobile_policy WHERE id = ?").param(id).update();
        events.publishEvent(new DeviceSettingsChanged(
                "policy.deleted", null, "policy " + current.policy().name(), actor));
    }

    /** The policy assigned to an account, empty when it gets the default. */
    @Transactional(readOnly = true)
    public Optional<Long> assigned(long accountId) {
        return jdbc.sql("SELECT policy_id FROM account_policy WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .optional();
    }

    /**
     * Assigns a policy to an account, or with null returns it to the default. Its devices provision again when
     * this changes the policy they hold.
     *
     * @throws PolicyNotFound when no policy has the id
     */
    @Transactional
    public void assign(long accountId, @Nullable Long policyId, Actor actor) {
        Optional<Long> before = assigned(accountId);
        if (before.equals(Optional.ofNullable(policyId))) {
            return;
        }
        if (policyId == null) {
            jdbc.sql("DELETE FROM account_policy WHERE account_id = ?")
                    .param(accountId)
                    .update();
        } else {
            get(policyId);
            jdbc.sql("INSERT INTO account_policy (account_id, policy_id) VALUES (?, ?)"
                            + " ON CONFLICT (account_id) DO UPDATE SET policy_id = excluded.policy_id")
                    .params(accountId, policyId)
                    .update();
        }
        events.publishEvent(new DeviceSettingsChanged(
                "policy.assigned",
                accountId,
                policyId == null
                        ? "default policy"
                        : "policy " + get(policyId).policy().name(),
                actor));
    }

    /** Policy changes queue behind each other, so there is always exactly one default. */
    private void lockPolicies() {
        jdbc.sql("SELECT id FROM mobile_policy WHERE is_default FOR UPDATE")
                .query(Long.class)
                .list();
    }

    private boolean nameTaken(String name, @Nullable Long except) {
        return jdbc.sql("SELECT count(*) FROM mobile_policy WHERE lower(name) = lower(?) AND id <> ?")
                        .params(name, except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static String check(PolicySettings settings) {
        String name = settings.name() == null ? "" : settings.name().strip();
        if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDeviceRequest("A policy's name has 1 to 128 printable characters");
        }
        if (settings.minPasswordLength() < 1 || settings.minPasswordLength() > 16) {
            throw new InvalidDeviceRequest("minPasswordLength must be between 1 and 16");
        }
        if (settings.maxInactivitySeconds() != null && settings.maxInactivitySeconds() < 0) {
            throw new InvalidDeviceRequest("maxInactivitySeconds must not be negative");
        }
        Integer attempts = settings.maxFailedAttempts();
        if (attempts != null && (attempts < 4 || attempts > 16)) {
            throw new InvalidDeviceRequest("maxFailedAttempts must be between 4 and 16");
        }
        if (settings.maxAttachmentBytes() != null && settings.maxAttachmentBytes() < 0) {
            throw new InvalidDeviceRequest("maxAttachmentBytes must not be negative");
        }
        return name;
    }

    static MobilePolicy policy(ResultSet row, int n) throws SQLException {
        return new MobilePolicy(
                row.getLong("id"),
                row.getString("name"),
                row.getBoolean("password_required"),
                row.getInt("min_password_length"),
                row.getBoolean("alphanumeric_required"),
                row.getObject("max_inactivity_seconds", Integer.class),
                row.getObject("max_failed_attempts", Integer.class),
                row.getBoolean("require_encryption"),
                row.getObject("max_attachment_bytes", Long.class),
                row.getBoolean("allow_non_provisionable"),
                row.getLong("version"));
    }

    private static PolicyView view(ResultSet row, int n) throws SQLException {
        return new PolicyView(policy(row, n), row.getBoolean("is_default"), row.getLong("assigned"));
    }
}
