package org.atoll.calendar;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An iMIP message read from a {@code text/calendar} part (RFC 6047, RFC 5546).
 *
 * @param organizerAddress the ORGANIZER's address, without {@code mailto:}
 * @param attendees the attendees the message names, with the PARTSTAT each has in it
 * @param recurrenceId the occurrence the message is about, or null for the whole series
 * @param event the event it describes, or null when the message carries no start (a bare REPLY)
 */
public record ItipMessage(
        ItipMethod method,
        String uid,
        int sequence,
        @Nullable String organizerAddress,
        List<Attendee> attendees,
        @Nullable Instant recurrenceId,
        @Nullable CalendarEvent event) {

    public ItipMessage {
        attendees = List.copyOf(attendees);
    }
}
