package org.atoll.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A device of an account as front ends see it. */
public record DeviceView(
        long id,
        long accountId,
        String deviceId,
        String deviceType,
        @Nullable String userAgent,
        String protocolVersion,
        AccessState accessState,
        @Nullable String accessReason,
        Instant firstSeenAt,
        Instant lastSeenAt,
        WipeState wipeState) {}
