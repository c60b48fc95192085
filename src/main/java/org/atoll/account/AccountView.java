package org.atoll.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account as other modules see it; never carries the password hash.
 *
 * @param easEnabled whether the account's devices may sync over ActiveSync
 * @param quotaBytes the mailbox size limit, or null for none
 * @param hiddenFromDirectory whether the directory (GAL Search, ResolveRecipients, Find) leaves the account out
 * @param details what the directory shows besides name and address
 */
public record AccountView(
        long id,
        String address,
        String displayName,
        Role role,
        boolean enabled,
        boolean easEnabled,
        @Nullable Long quotaBytes,
        Instant createdAt,
        boolean hiddenFromDirectory,
        DirectoryDetails details) {}
