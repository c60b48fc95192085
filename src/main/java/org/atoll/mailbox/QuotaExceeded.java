package org.atoll.mailbox;

/** The message does not fit in the account's quota. */
public final class QuotaExceeded extends MailboxException {

    public QuotaExceeded(long quotaBytes) {
        super("The mailbox quota of " + quotaBytes + " bytes is exceeded");
    }
}
