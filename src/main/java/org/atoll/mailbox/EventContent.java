package org.atoll.mailbox;

import org.atoll.calendar.CalendarEvent;
import org.atoll.calendar.EventException;

/**
 * What a calendar event says, as a device or a REST client writes it (MS-ASCAL 2.2.2), within what the store keeps:
 * a body of at most {@link #MAX_BODY} characters, at most {@link #MAX_ATTENDEES} attendees and
 * {@link #MAX_EXCEPTIONS} exceptions, each exception keyed by a distinct original start.
 *
 * @param uidGiven whether the writer named the event's UID; a change that does not keeps the stored one
 * @throws InvalidMailboxRequest when a value is out of bounds
 */
public record EventContent(CalendarEvent event, boolean uidGiven) implements ItemContent {

    /** The longest body, in characters, as for a note's. */
    public static final int MAX_BODY = 1024 * 1024;

    /** The most attendees of the series or of one exception. */
    public static final int MAX_ATTENDEES = 1000;

    /** The most exceptions of one series. */
    public static final int MAX_EXCEPTIONS = 1000;

    public EventContent {
        if (event.body() != null && event.body().length() > MAX_BODY) {
            throw new InvalidMailboxRequest("An event's body has at most " + MAX_BODY + " characters");
        }
        if (event.uid().isEmpty() || event.uid().length() > 1024) {
            throw new InvalidMailboxRequest("An event's UID has 1 to 1024 characters");
        }
        if (event.attendees().size() > MAX_ATTENDEES) {
            throw new InvalidMailboxRequest("An event has at most " + MAX_ATTENDEES + " attendees");
        }
        if (event.exceptions().size() > MAX_EXCEPTIONS) {
            throw new InvalidMailboxRequest("A series has at most " + MAX_EXCEPTIONS + " exceptions");
        }
        if (event.exceptions().stream()
                        .map(EventException::originalStart)
                        .distinct()
                        .count()
                != event.exceptions().size()) {
            throw new InvalidMailboxRequest("Two exceptions of a series have the same original start");
        }
        for (EventException exception : event.exceptions()) {
            if (exception.body() != null && exception.body().length() > MAX_BODY) {
                throw new InvalidMailboxRequest("An exception's body has at most " + MAX_BODY + " characters");
            }
            if (exception.attendees() != null && exception.attendees().size() > MAX_ATTENDEES) {
                throw new InvalidMailboxRequest("An exception has at most " + MAX_ATTENDEES + " attendees");
            }
            if (exception.start() != null
                    && exception.end() != null
                    && exception.end().isBefore(exception.start())) {
                throw new InvalidMailboxRequest("An exception cannot end before it starts");
            }
        }
    }

    /** Content that names its UID. */
    public static EventContent of(CalendarEvent event) {
        return new EventContent(event, true);
    }
}
