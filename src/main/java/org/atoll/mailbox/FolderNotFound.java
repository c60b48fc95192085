package org.atoll.mailbox;

/** No folder of the account has the id. */
public final class FolderNotFound extends MailboxException {

    public FolderNotFound(long folderId) {
        super("No folder " + folderId);
    }
}
