package org.atoll.mail;

/** A recipient is not an address mail can be sent to (bad syntax, control characters, a non-ASCII address). */
public final class UnresolvedRecipient extends SubmissionRefused {

    UnresolvedRecipient(String message) {
        super(message);
    }
}
