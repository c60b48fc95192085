package org.atoll.device;

import org.jspecify.annotations.Nullable;

/**
 * The writable settings of a mobile policy (MS-ASPROV 2.2.2.27 EASProvisionDoc), replaced as a whole.
 *
 * @param minPasswordLength 1 to 16
 * @param maxInactivitySeconds lock after this long unused; null for no limit
 * @param maxFailedAttempts 4 to 16 wrong passwords before the device wipes itself; null for no limit
 * @param maxAttachmentBytes largest attachment the device downloads; null for no limit
 * @param isDefault whether accounts without an assigned policy get this one
 */
public record PolicySettings(
        String name,
        boolean passwordRequired,
        int minPasswordLength,
        boolean alphanumericRequired,
        @Nullable Integer maxInactivitySeconds,
        @Nullable Integer maxFailedAttempts,
        boolean requireEncryption,
        @Nullable Long maxAttachmentBytes,
        boolean allowNonProvisionable,
        boolean isDefault) {}
