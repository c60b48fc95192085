package org.atoll.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An account as other modules see it; never carries the password hash. */
public record AccountView(
        long id,
        String address,
        String displayName,
        Role role,
        boolean enabled,
        @Nullable Long quotaBytes,
        Instant createdAt) {}
