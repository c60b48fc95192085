package org.atoll.mailbox;

/** The account has no mailbox. */
public final class MailboxNotFound extends MailboxException {

    public MailboxNotFound(long accountId) {
        super("Account " + accountId + " has no mailbox");
    }
}
