package org.atoll.calendar;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attendee of a meeting (MS-ASCAL 2.2.2.3, RFC 5545 ATTENDEE).
 *
 * @param respondedAt when the attendee answered, if known
 */
public record Attendee(
        String address,
        @Nullable String name,
        AttendeeType type,
        ResponseStatus status,
        @Nullable Instant respondedAt) {

    public Attendee {
        Objects.requireNonNull(address);
    }

    /** A required attendee who has not answered yet. */
    public static Attendee required(String address, @Nullable String name) {
        return new Attendee(address, name, AttendeeType.REQUIRED, ResponseStatus.NOT_RESPONDED, null);
    }

    public Attendee withStatus(ResponseStatus value, @Nullable Instant at) {
        return new Attendee(address, name, type, value, at);
    }
}
