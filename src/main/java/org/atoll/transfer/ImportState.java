package org.atoll.transfer;

/** Where an import stands. */
public enum ImportState {
    RUNNING,
    /** Every folder was read; some messages or folders may have failed (see the progress's errors). */
    DONE,
    /** Stopped on request between two batches; starting the same import again goes on where it stopped. */
    CANCELLED,
    /** Stopped by a failure of the whole source (login refused, server gone) or a full mailbox. */
    FAILED;

    public boolean finished() {
        return this != RUNNING;
    }
}
