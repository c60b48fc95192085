package org.atoll.transfer;

/** No import of that id for that account on this node. */
public final class ImportNotFound extends TransferException {

    public ImportNotFound(long jobId) {
        super("No import " + jobId);
    }
}
