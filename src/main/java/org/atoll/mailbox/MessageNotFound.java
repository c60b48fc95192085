package org.atoll.mailbox;

/** No message of the account has the id. */
public final class MessageNotFound extends MailboxException {

    public MessageNotFound(long messageId) {
        super("No message " + messageId);
    }
}
