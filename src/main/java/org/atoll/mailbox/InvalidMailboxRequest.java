package org.atoll.mailbox;

/** A request breaks a rule of the store; the message says which. */
public final class InvalidMailboxRequest extends MailboxException {

    public InvalidMailboxRequest(String message) {
        super(message);
    }
}
