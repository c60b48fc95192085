package org.atoll.account.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The api_token rows: each token's owner, name, times and the SHA-256 of its secret. */
@Component
public class ApiTokenRows {

    /** A stored token, without its hash. */
    public record TokenRow(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt) {}

    /** Who a presented token acts for, and when it was last used. */
    public record Holder(long accountId, long id, @Nullable Instant lastUsedAt) {}

    private final JdbcClient jdbc;

    ApiTokenRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the account row against deletion until the transaction ends; false when there is no such account. */
    public boolean lockAccount(long accountId) {
        return jdbc.sql("SELECT id FROM account WHERE id = ? FOR NO KEY UPDATE")
                .param(accountId)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    public long countOf(long accountId) {
        return jdbc.sql("SELECT count(*) FROM api_token WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    /** @return the new token's id */
    public long insert(long accountId, String name, byte[] sha256, Instant createdAt, @Nullable Instant expiresAt) {
        return jdbc.sql("INSERT INTO api_token (account_id, name, token_sha256, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(
                        accountId,
                        name,
                        sha256,
                        createdAt.atOffset(ZoneOffset.UTC),
                        expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    /** The account's tokens in the order they were issued. */
    public List<TokenRow> of(long accountId) {
        return jdbc.sql("SELECT id, name, created_at, last_used_at, expires_at FROM api_token WHERE account_id = ?"
                        + " ORDER BY id")
                .param(accountId)
                .query((row, n) -> new TokenRow(
                        row.getLong("id"),
                        row.getString("name"),
                        row.getTimestamp("created_at").toInstant(),
                        instant(row.getTimestamp("last_used_at")),
                        instant(row.getTimestamp("expires_at"))))
                .list();
    }

    /** @return whether the account had the token */
    public boolean delete(long accountId, long tokenId) {
        return jdbc.sql("DELETE FROM api_token WHERE account_id = ? AND id = ?")
                        .params(accountId, tokenId)
                        .update()
                == 1;
    }

    public void deleteAll(long accountId) {
        jdbc.sql("DELETE FROM api_token WHERE account_id = ?").param(accountId).update();
    }

    /** The holder of the token with this hash, unless it expired by {@code now}. */
    public Optional<Holder> holder(byte[] sha256, Instant now) {
        return jdbc.sql("SELECT account_id, id, last_used_at FROM api_token WHERE token_sha256 = ?"
                        + " AND (expires_at IS NULL OR expires_at > ?)")
                .params(sha256, now.atOffset(ZoneOffset.UTC))
                .query((row, n) -> new Holder(
                        row.getLong("account_id"), row.getLong("id"), instant(row.getTimestamp("last_used_at"))))
                .optional();
    }

    public void markUsed(long accountId, long tokenId, Instant when) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE account_id = ? AND id = ?")
                .params(when.atOffset(ZoneOffset.UTC), accountId, tokenId)
                .update();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
