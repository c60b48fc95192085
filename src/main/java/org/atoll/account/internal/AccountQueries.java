package org.atoll.account.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.atoll.account.AccountView;
import org.atoll.account.DirectoryDetails;
import org.atoll.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the account table that need no entity: one indexed statement each, for the hot paths. */
@Component
public class AccountQueries {

    private final JdbcClient jdbc;

    AccountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the account with the address, which must be normalized already. */
    public Optional<Long> idOf(String normalizedAddress) {
        return jdbc.sql("SELECT id FROM account WHERE address = ?")
                .param(normalizedAddress)
                .query(Long.class)
                .optional();
    }

    /** Whether an account's address ends with the suffix ({@code @domain}, lower case). */
    public boolean anyAddressEndsWith(String suffix) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE right(address, length(?)) = ?)")
                .params(suffix, suffix)
                .query(Boolean.class)
                .single();
    }

    /** An account as sign-in reads it: what the front ends are told of it, and the hash its password is checked against. */
    public record Credentials(AccountView account, String passwordHash) {}

    /**
     * The account with the address (normalized already) and its password hash, in one statement: sign-in runs on
     * every device request, so it reads no entity.
     */
    public Optional<Credentials> credentials(String normalizedAddress) {
        return jdbc.sql("""
                        SELECT id, address, display_name, password_hash, role, enabled, eas_enabled, quota_bytes,
                               created_at, hidden_from_directory, first_name, last_name, company, job_title, office,
                               office_phone, mobile_phone
                        FROM account WHERE address = ?
                        """)
                .param(normalizedAddress)
                .query((row, n) -> new Credentials(
                        new AccountView(
                                row.getLong("id"),
                                row.getString("address"),
                                row.getString("display_name"),
                                Role.valueOf(row.getString("role")),
                                row.getBoolean("enabled"),
                                row.getBoolean("eas_enabled"),
                                row.getObject("quota_bytes", Long.class),
                                row.getObject("created_at", OffsetDateTime.class)
                                        .toInstant(),
                                row.getBoolean("hidden_from_directory"),
                                new DirectoryDetails(
                                        row.getString("first_name"),
                                        row.getString("last_name"),
                                        row.getString("company"),
                                        row.getString("job_title"),
                                        row.getString("office"),
                                        row.getString("office_phone"),
                                        row.getString("mobile_phone"))),
                        row.getString("password_hash")))
                .optional();
    }
}
