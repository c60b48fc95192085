package org.atoll.mailbox;

/** Why a mailbox request was refused; the mailbox is unchanged. */
public abstract sealed class MailboxException extends RuntimeException
        permits ContactNotFound,
                EventNotFound,
                FolderNameTaken,
                FolderNotFound,
                InvalidMailboxRequest,
                InvitationLimitReached,
                MailboxNotFound,
                MessageNotFound,
                NoteNotFound,
                QuotaExceeded,
                SystemFolderProtected,
                TaskNotFound {

    MailboxException(String message) {
        super(message);
    }
}
