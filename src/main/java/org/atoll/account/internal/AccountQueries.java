package org.atoll.account.internal;

import java.util.Optional;
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
}
