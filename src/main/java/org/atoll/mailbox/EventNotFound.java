package org.atoll.mailbox;

/** No calendar event of the account has the id. */
public final class EventNotFound extends MailboxException {

    public EventNotFound(long eventId) {
        super("No event " + eventId);
    }
}
