package org.atoll.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An import as it goes, for a progress bar: each figure counts from the start of this run.
 *
 * @param jobId the job's id on the node that runs it
 * @param foldersTotal the folders the source offers for import
 * @param messagesTotal the messages in them, as the source counted them before reading
 * @param messagesDone messages dealt with: stored, skipped as already imported, or failed
 * @param messagesSkipped of those, the ones an earlier run of the same import had stored (the ledger's)
 * @param messagesFailed of those, the ones that could not be stored (empty, too large, unreadable)
 * @param messagesMalformed stored messages whose MIME could not be parsed whole; they are kept as received
 * @param bytesDone raw bytes of the messages dealt with
 * @param messagesPerSecond messages dealt with per second of this run
 * @param eta the expected time left at that rate; null while unknown or once finished
 * @param errors what failed: folders that could not be read, messages that could not be stored, the reason of a
 *     failed run; at most {@link #MAX_ERRORS}
 */
public record ImportProgress(
        long jobId,
        long accountId,
        String source,
        ImportState state,
        int foldersDone,
        int foldersTotal,
        long messagesDone,
        long messagesTotal,
        long messagesStored,
        long messagesSkipped,
        long messagesFailed,
        long messagesMalformed,
        long bytesDone,
        double messagesPerSecond,
        @Nullable Duration eta,
        List<String> errors,
        Instant startedAt,
        @Nullable Instant finishedAt) {

    /** Most errors a progress report lists; the count of failed messages goes on beyond it. */
    public static final int MAX_ERRORS = 100;
}
