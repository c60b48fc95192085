package org.atoll.mailbox;

/** No task of the account has the id. */
public final class TaskNotFound extends MailboxException {

    public TaskNotFound(long taskId) {
        super("No task " + taskId);
    }
}
