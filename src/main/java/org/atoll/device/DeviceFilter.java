package org.atoll.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which devices to list; every null field matches all. Text fields match exactly, without regard to case.
 *
 * @param lastSyncBefore devices whose latest request came before this instant
 * @param lastSyncAfter devices whose latest request came at or after this instant
 */
public record DeviceFilter(
        @Nullable Long accountId,
        @Nullable AccessState accessState,
        @Nullable WipeState wipeState,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable Instant lastSyncBefore,
        @Nullable Instant lastSyncAfter) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, null, null, null);
}
