package org.atoll.mailbox;

/** No contact of the account has the id. */
public final class ContactNotFound extends MailboxException {

    public ContactNotFound(long contactId) {
        super("No contact " + contactId);
    }
}
