package org.atoll.mail;

/** The device already sent a message with this ClientId; it was not sent again. */
public final class AlreadySent extends SubmissionRefused {

    AlreadySent(String clientId) {
        super("A message with ClientId " + clientId + " was already sent");
    }
}
