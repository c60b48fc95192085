package org.atoll.account;

import org.jspecify.annotations.Nullable;

/**
 * Every setting of an account an administrator may change, replaced as a whole.
 *
 * @param displayName shown to other people; the address's local part when blank
 * @param easEnabled whether the account's devices may sync over ActiveSync
 * @param quotaBytes the mailbox size limit, or null for none
 */
public record AccountUpdate(
        @Nullable String displayName,
        Role role,
        boolean enabled,
        boolean easEnabled,
        @Nullable Long quotaBytes) {}
