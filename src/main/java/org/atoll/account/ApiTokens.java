package org.atoll.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.atoll.account.internal.ApiTokenRows;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: 256 random bits shown once to their owner, kept only as their SHA-256, presented as bearer
 * tokens. A token acts as its owner, and stops working when the owner is disabled, when it expires, when the owner
 * or an administrator revokes it, and when the account gets a new password.
 */
@Service
public class ApiTokens {

    /** Most tokens one account holds. */
    public static final int MAX_PER_ACCOUNT = 50;

    /** Every token starts with this, so a leaked one is recognizable in a scan. */
    static final String PREFIX = "atoll_";

    /** Longest lifetime a token can be given; a token given none lives until revoked. */
    public static final int MAX_LIFETIME_DAYS = 3650;

    /** A token's last use is rewritten at most this often. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiTokenRows rows;
    private final Accounts accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(ApiTokenRows rows, Accounts accounts, Clock clock) {
        this.rows = rows;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A token as its owner lists it; the secret is never shown again. */
    public record ApiTokenView(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt) {}

    /** A token just created, with its secret, shown this once. */
    public record IssuedToken(ApiTokenView token, String secret) {}

    /** A token that lives until revoked. */
    public IssuedToken issue(long accountId, @Nullable String name) {
        return issue(accountId, name, null);
    }

    /**
     * @param lifetimeDays days until the token expires, none when null
     * @throws InvalidAccountData when the name is blank, longer than 100 characters or holds control characters, or
     *     the lifetime is not 1 to {@link #MAX_LIFETIME_DAYS} days
     * @throws TooManyTokens when the account holds {@link #MAX_PER_ACCOUNT} tokens already
     */
    @Transactional
    public IssuedToken issue(long accountId, @Nullable String name, @Nullable Integer lifetimeDays) {
        String checked = name == null ? "" : name.strip();
        if (checked.isEmpty() || checked.length() > 100 || checked.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountData("A token's name has 1 to 100 printable characters");
        }
        if (lifetimeDays != null && (lifetimeDays < 1 || lifetimeDays > MAX_LIFETIME_DAYS)) {
            throw new InvalidAccountData("A token expires in 1 to " + MAX_LIFETIME_DAYS + " days, or never");
        }
        if (!rows.lockAccount(accountId)) {
            throw new AccountNotFound("with id " + accountId);
        }
        long held = rows.countOf(accountId);
        if (held >= MAX_PER_ACCOUNT) {
            throw new TooManyTokens(MAX_PER_ACCOUNT);
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Instant now = now();
        Instant expiresAt = lifetimeDays == null ? null : now.plus(Duration.ofDays(lifetimeDays));
        long id = rows.insert(accountId, checked, sha256(secret), now, expiresAt);
        return new IssuedToken(new ApiTokenView(id, checked, now, null, expiresAt), secret);
    }

    /** The account's tokens, expired ones included, with their expiry. */
    @Transactional(readOnly = true)
    public List<ApiTokenView> of(long accountId) {
        return rows.of(accountId).stream()
                .map(row -> new ApiTokenView(row.id(), row.name(), row.createdAt(), row.lastUsedAt(), row.expiresAt()))
                .toList();
    }

    /** @return whether the account had the token */
    @Transactional
    public boolean revoke(long accountId, long tokenId) {
        return rows.delete(accountId, tokenId);
    }

    /** A new password ends every token the old one let someone create. */
    @EventListener
    void on(PasswordChanged event) {
        rows.deleteAll(event.accountId());
    }

    /** The enabled account a presented token acts for, if the token is known and has not expired. */
    @Transactional
    public Optional<AccountView> authenticate(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = now();
        Optional<ApiTokenRows.Holder> holder = rows.holder(sha256(presented), now);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Instant last = holder.get().lastUsedAt();
        if (last == null || last.plus(LAST_USED_GRANULARITY).isBefore(now)) {
            rows.markUsed(holder.get().accountId(), holder.get().id(), now);
        }
        return accounts.find(holder.get().accountId()).filter(AccountView::enabled);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
