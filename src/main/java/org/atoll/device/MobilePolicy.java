package org.atoll.device;

import org.jspecify.annotations.Nullable;

/**
 * What a device must enforce to sync, as sent in the EASProvisionDoc of MS-ASPROV 2.2.2.27.
 *
 * @param maxInactivitySeconds lock the device after this long unused; null for no limit
 * @param maxFailedAttempts wipe the device after this many wrong passwords; null for no limit
 * @param maxAttachmentBytes largest attachment the device downloads; null for no limit
 * @param version incremented on every change, so devices holding an older version re-provision
 */
public record MobilePolicy(
        long id,
        String name,
        boolean passwordRequired,
        int minPasswordLength,
        boolean alphanumericRequired,
        @Nullable Integer maxInactivitySeconds,
        @Nullable Integer maxFailedAttempts,
        boolean requireEncryption,
        @Nullable Long maxAttachmentBytes,
        boolean allowNonProvisionable,
        long version) {}
