package org.atoll.mailbox;

import org.atoll.calendar.EventException;

/**
 * A device's change of one occurrence of a series rather than of the series (MS-ASCAL 2.2.2.21 and MS-ASAIRS 2.2.2.25
 * InstanceId, from protocol 16.0): the occurrence that the series' rule starts at the exception's original start
 * becomes that exception, deleted or with the fields it names changed, and the rest of the series stays as it is.
 *
 * @throws InvalidMailboxRequest when the exception's body or attendees exceed what {@link EventContent} allows
 */
public record OccurrenceContent(EventException exception) implements ItemContent {

    public OccurrenceContent {
        if (exception.body() != null && exception.body().length() > EventContent.MAX_BODY) {
            throw new InvalidMailboxRequest("An exception's body has at most " + EventContent.MAX_BODY + " characters");
        }
        if (exception.attendees() != null && exception.attendees().size() > EventContent.MAX_ATTENDEES) {
            throw new InvalidMailboxRequest("An exception has at most " + EventContent.MAX_ATTENDEES + " attendees");
        }
        if (exception.start() != null
                && exception.end() != null
                && exception.end().isBefore(exception.start())) {
            throw new InvalidMailboxRequest("An exception cannot end before it starts");
        }
    }
}
