package org.atoll.mail;

/** The message names nobody in To, Cc or Bcc. */
public final class NoRecipients extends SubmissionRefused {

    NoRecipients() {
        super("The message has no recipient");
    }
}
