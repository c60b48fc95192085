package org.atoll.mailbox;

/**
 * The meeting change would send its attendees more messages, or to more recipients, than the organizer's account may
 * send now (its send limits); the change was not made.
 */
public final class InvitationLimitReached extends MailboxException {

    public InvitationLimitReached(String message) {
        super(message);
    }
}
