package org.atoll.transfer;

/** The account already has an import running on this node; one at a time keeps the load of one user bounded. */
public final class ImportAlreadyRunning extends TransferException {

    public ImportAlreadyRunning(long jobId) {
        super("Import " + jobId + " into this mailbox is still running");
    }
}
