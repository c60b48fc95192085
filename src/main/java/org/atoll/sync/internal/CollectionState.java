package org.atoll.sync.internal;

import org.atoll.mailbox.JournalPosition;
import org.atoll.sync.FilterType;
import org.atoll.sync.SyncOptions;
import org.jspecify.annotations.Nullable;

/**
 * One device's sync state of one collection.
 *
 * @param progress what the current key covers
 * @param previous what the key before covered, null when there is none to replay
 */
public record CollectionState(
        long key, Progress progress, @Nullable Previous previous, SyncOptions options) {

    /**
     * @param position the journal is applied up to here
     * @param scanActive whether messages older than the first key are still being offered
     * @param cursor the last message offered by the scan, null before the first
     * @param reconcile whether held items that no longer belong are still to be found once the scan ends
     */
    public record Progress(
            JournalPosition position,
            boolean scanActive,
            @Nullable ScanCursor cursor,
            boolean reconcile) {

        /** Where a collection starts: everything up to {@code position} comes from the scan. */
        public static Progress fresh(JournalPosition position) {
            return new Progress(position, true, null, false);
        }

        public Progress restartScan() {
            return new Progress(position, true, null, true);
        }
    }

    public record Previous(long key, Progress progress, FilterType filter) {}
}
