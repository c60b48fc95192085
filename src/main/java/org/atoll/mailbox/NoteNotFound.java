package org.atoll.mailbox;

/** No note of the account has the id. */
public final class NoteNotFound extends MailboxException {

    public NoteNotFound(long noteId) {
        super("No note " + noteId);
    }
}
