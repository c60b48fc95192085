package org.atoll.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.atoll.mail.OofReply;
import org.atoll.mail.OofSettings;
import org.atoll.mail.OofState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code out_of_office} and {@code out_of_office_reply} tables (V25). */
@Component
public class OofStore {

    private final JdbcClient jdbc;

    OofStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The settings and the start of their period, when the account ever set them. */
    public record Stored(OofSettings settings, Instant periodStart) {}

    public Optional<Stored> find(long accountId) {
        return jdbc.sql("SELECT * FROM out_of_office WHERE account_id = ?")
                .param(accountId)
                .query((row, n) -> new Stored(
                        settings(row), row.getTimestamp("period_started_at").toInstant()))
                .optional();
    }

    /** Stores the settings and starts a new period: every sender may get one reply again. */
    public void save(long accountId, OofSettings settings, Instant now) {
        jdbc.sql("""
                        INSERT INTO out_of_office (account_id, state, starts_at, ends_at,
                            internal_enabled, internal_message, internal_html,
                            external_known_enabled, external_known_message, external_known_html,
                            external_unknown_enabled, external_unknown_message, external_unknown_html,
                            period_started_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id) DO UPDATE SET state = excluded.state,
                            starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                            internal_enabled = excluded.internal_enabled,
                            internal_message = excluded.internal_message,
                            internal_html = excluded.internal_html,
                            external_known_enabled = excluded.external_known_enabled,
                            external_known_message = excluded.external_known_message,
                            external_known_html = excluded.external_known_html,
                            external_unknown_enabled = excluded.external_unknown_enabled,
                            external_unknown_message = excluded.external_unknown_message,
                            external_unknown_html = excluded.external_unknown_html,
                            period_started_at = excluded.period_started_at
                        """)
                .params(
                        accountId,
                        (short) settings.state().code(),
                        time(settings.start()),
                        time(settings.end()),
                        settings.internal().enabled(),
                        settings.internal().message(),
                        settings.internal().html(),
                        settings.externalKnown().enabled(),
                        settings.externalKnown().message(),
                        settings.externalKnown().html(),
                        settings.externalUnknown().enabled(),
                        settings.externalUnknown().message(),
                        settings.externalUnknown().html(),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Records a reply to the sender unless one went out since the period started, in one statement, so that two
     * deliveries at once reply once.
     *
     * @return whether the caller is to send the reply
     */
    public boolean claimReply(long accountId, String sender, Instant periodStart, Instant now) {
        return jdbc.sql("""
                        INSERT INTO out_of_office_reply (account_id, sender, replied_at) VALUES (?, ?, ?)
                        ON CONFLICT (account_id, sender) DO UPDATE SET replied_at = excluded.replied_at
                        WHERE out_of_office_reply.replied_at < ?
                        RETURNING 1
                        """)
                .params(accountId, sender, Timestamp.from(now), Timestamp.from(periodStart))
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    private static OofSettings settings(ResultSet row) throws SQLException {
        return new OofSettings(
                OofState.ofCode(row.getShort("state")).orElse(OofState.OFF),
                instant(row.getTimestamp("starts_at")),
                instant(row.getTimestamp("ends_at")),
                new OofReply(
                        row.getBoolean("internal_enabled"),
                        row.getString("internal_message"),
                        row.getBoolean("internal_html")),
                new OofReply(
                        row.getBoolean("external_known_enabled"),
                        row.getString("external_known_message"),
                        row.getBoolean("external_known_html")),
                new OofReply(
                        row.getBoolean("external_unknown_enabled"),
                        row.getString("external_unknown_message"),
                        row.getBoolean("external_unknown_html")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static SqlParameterValue time(@Nullable Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP, instant == null ? null : Timestamp.from(instant));
    }
}
