package org.atoll.mailbox;

/** System folders cannot be renamed, moved or deleted. */
public final class SystemFolderProtected extends MailboxException {

    public SystemFolderProtected(String name) {
        super(name + " is a system folder");
    }
}
