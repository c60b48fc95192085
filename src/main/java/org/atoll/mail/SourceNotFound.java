package org.atoll.mail;

/** The message to reply to or forward is not in the account's mailbox (or not in the folder named). */
public final class SourceNotFound extends SubmissionRefused {

    SourceNotFound(long messageId) {
        super("No message " + messageId + " to reply to or forward");
    }
}
