package org.atoll.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One protocol request of a device as the request log keeps it: when it arrived, the node that answered, the command,
 * the HTTP status, the command's own Status when the answer carried one, how long the answer took (for a parked Ping
 * the whole wait) and the bytes read and written. Never a body, a password or a policy key.
 */
public record LoggedRequest(
        Instant at,
        String node,
        String command,
        int httpStatus,
        @Nullable Integer protocolStatus,
        long durationMillis,
        long bytesIn,
        long bytesOut) {}
