package org.atoll.mail;

/** The From names another address than the sending account's, and the server is set to refuse that. */
public final class ForeignSender extends SubmissionRefused {

    ForeignSender() {
        super("The From header names another address than the account's");
    }
}
