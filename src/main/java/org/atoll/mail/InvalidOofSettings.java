package org.atoll.mail;

/** Out of Office settings that break a rule; the message says which. */
public final class InvalidOofSettings extends RuntimeException {

    public InvalidOofSettings(String message) {
        super(message);
    }
}
