package org.atoll.transfer.internal;

/** A source, or one folder of it, could not be read; the message says what and never holds a password. */
public class SourceFailure extends RuntimeException {

    public SourceFailure(String message) {
        super(message);
    }

    public SourceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
