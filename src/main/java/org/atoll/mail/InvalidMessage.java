package org.atoll.mail;

/** The submitted bytes are not a message that can be sent. */
public final class InvalidMessage extends SubmissionRefused {

    InvalidMessage(String message) {
        super(message);
    }
}
