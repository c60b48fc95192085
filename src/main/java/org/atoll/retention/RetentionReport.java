package org.atoll.retention;

/**
 * What one run of the retention job removed. {@code ran} is false when another node (or another run on this one)
 * held the job's lock, and nothing was done.
 */
record RetentionReport(
        boolean ran,
        long journalEntries,
        long previousSyncKeys,
        long undoRows,
        long conflicts,
        long clientIds,
        long auditEntries,
        long deletedFolderStates,
        long idleDevices) {

    static final RetentionReport SKIPPED = new RetentionReport(false, 0, 0, 0, 0, 0, 0, 0, 0);

    long total() {
        return journalEntries
                + previousSyncKeys
                + undoRows
                + conflicts
                + clientIds
                + auditEntries
                + deletedFolderStates
                + idleDevices;
    }
}
