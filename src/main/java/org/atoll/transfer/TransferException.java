package org.atoll.transfer;

/** Why an import or export was refused before it began. */
public abstract sealed class TransferException extends RuntimeException
        permits InvalidImport, ImportNotFound, ImportAlreadyRunning {

    TransferException(String message) {
        super(message);
    }
}
