package org.atoll.transfer;

/** The import asked for cannot run as given (a source without a host, an unreadable upload). */
public final class InvalidImport extends TransferException {

    public InvalidImport(String message) {
        super(message);
    }
}
