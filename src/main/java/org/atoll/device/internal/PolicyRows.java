package org.atoll.device.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.atoll.device.MobilePolicies.PolicyView;
import org.atoll.device.MobilePolicy;
import org.atoll.device.PolicySettings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The mobile_policy and account_policy rows, and the policy keys each device row holds. */
@Component
public class PolicyRows {

    private static final String COLUMNS = """
            id, name, password_required, min_password_length, alphanumeric_required, max_inactivity_seconds,
            max_failed_attempts, require_encryption, max_attachment_bytes, allow_non_provisionable, version
            """;

    private static final String VIEW = "SELECT " + COLUMNS + ", is_default,"
            + " (SELECT count(*) FROM account_policy ap WHERE ap.policy_id = mobile_policy.id) AS assigned"
            + " FROM mobile_policy";

    private final JdbcClient jdbc;

    PolicyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<PolicyView> list() {
        return jdbc.sql(VIEW + " ORDER BY id").query(PolicyRows::view).list();
    }

    public Optional<PolicyView> find(long id) {
        return jdbc.sql(VIEW + " WHERE id = ?")
                .param(id)
                .query(PolicyRows::view)
                .optional();
    }

    /** Makes no policy the default, for another to become it. */
    public void clearDefault() {
        jdbc.sql("UPDATE mobile_policy SET is_default = false WHERE is_default").update();
    }

    /** @return the new policy's id */
    public long insert(String name, PolicySettings settings) {
        return jdbc.sql("""
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
    }

    /** Replaces the settings and raises the version. */
    public void update(long id, String name, PolicySettings settings) {
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
    }

    public void delete(long id) {
        jdbc.sql("DELETE FROM mobile_policy WHERE id = ?").param(id).update();
    }

    public Optional<Long> assigned(long accountId) {
        return jdbc.sql("SELECT policy_id FROM account_policy WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .optional();
    }

    public void unassign(long accountId) {
        jdbc.sql("DELETE FROM account_policy WHERE account_id = ?")
                .param(accountId)
                .update();
    }

    public void assign(long accountId, long policyId) {
        jdbc.sql("INSERT INTO account_policy (account_id, policy_id) VALUES (?, ?)"
                        + " ON CONFLICT (account_id) DO UPDATE SET policy_id = excluded.policy_id")
                .params(accountId, policyId)
                .update();
    }

    /** Locks the default policy's row until the transaction ends, so policy changes queue behind each other. */
    public void lockDefault() {
        jdbc.sql("SELECT id FROM mobile_policy WHERE is_default FOR UPDATE")
                .query(Long.class)
                .list();
    }

    /** Whether a policy other than {@code except} has the name, in any case. */
    public boolean nameTaken(String name, @Nullable Long except) {
        return jdbc.sql("SELECT count(*) FROM mobile_policy WHERE lower(name) = lower(?) AND id <> ?")
                        .params(name, except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The policy assigned to the account, else the default. */
    public MobilePolicy policyFor(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mobile_policy WHERE id = coalesce("
                        + "(SELECT policy_id FROM account_policy WHERE account_id = ?),"
                        + " (SELECT id FROM mobile_policy WHERE is_default))")
                .param(accountId)
                .query(PolicyRows::policy)
                .single();
    }

    /** Records the temporary key offered with the policy; false when the device is not registered. */
    public boolean offer(long accountId, String deviceId, long temporaryKey, MobilePolicy policy) {
        return jdbc.sql("UPDATE device SET pending_policy_key = ?, policy_id = ?, policy_version = ?"
                                + " WHERE account_id = ? AND device_id = ?")
                        .params(temporaryKey, policy.id(), policy.version(), accountId, deviceId)
                        .update()
                == 1;
    }

    /** Replaces the temporary key by the final one, when the temporary key is the one offered. */
    public boolean acknowledge(
            long accountId,
            String deviceId,
            long temporaryKey,
            long finalKey,
            boolean partlyApplied,
            Instant provisionedAt) {
        return jdbc.sql("""
                        UPDATE device SET policy_key = ?, pending_policy_key = NULL, provisioned_at = ?,
                            policy_partly_applied = ?
                        WHERE account_id = ? AND device_id = ? AND pending_policy_key = ?
                        """)
                        .params(
                                finalKey,
                                provisionedAt.atOffset(ZoneOffset.UTC),
                                partlyApplied,
                                accountId,
                                deviceId,
                                temporaryKey)
                        .update()
                == 1;
    }

    public Optional<Long> policyKey(long accountId, String deviceId) {
        return jdbc.sql(
                        "SELECT policy_key FROM device WHERE account_id = ? AND device_id = ? AND policy_key IS NOT NULL")
                .params(accountId, deviceId)
                .query(Long.class)
                .optional();
    }

    private static MobilePolicy policy(ResultSet row, int n) throws SQLException {
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
