package org.atoll.mailbox;

/** The parent folder already holds a folder of that name, compared without case. */
public final class FolderNameTaken extends MailboxException {

    public FolderNameTaken(String name) {
        super("A folder named " + name + " already exists there");
    }
}
