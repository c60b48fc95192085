package org.atoll.mail;

/** Why a submission was refused; nothing was sent, stored or recorded. */
public abstract sealed class SubmissionRefused extends RuntimeException
        permits InvalidMessage,
                NoRecipients,
                UnresolvedRecipient,
                ForeignSender,
                SourceNotFound,
                AlreadySent,
                SendQuotaExceeded {

    SubmissionRefused(String message) {
        super(message);
    }
}
