package org.atoll.transfer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.atoll.transfer.ImportProgress;
import org.atoll.transfer.ImportState;
import org.jspecify.annotations.Nullable;

/** An import job's running figures; read by any thread as a consistent {@link ImportProgress}. */
public final class Tally {

    private final long jobId;
    private final long accountId;
    private final String source;
    private final Clock clock;
    private final Instant startedAt;
    private ImportState state = ImportState.RUNNING;
    private int foldersDone;
    private int foldersTotal;
    private long messagesTotal;
    private long stored;
    private long skipped;
    private long failed;
    private long malformed;
    private long bytes;
    private final List<String> errors = new ArrayList<>();
    private @Nullable Instant finishedAt;

    public Tally(long jobId, long accountId, String source, Clock clock) {
        this.jobId = jobId;
        this.accountId = accountId;
        this.source = source;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public long jobId() {
        return jobId;
    }

    public long accountId() {
        return accountId;
    }

    public synchronized void planned(List<SourceFolder> folders) {
        foldersTotal = folders.size();
        messagesTotal =
                folders.stream().mapToLong(f -> Math.max(0, f.messages())).sum();
    }

    public synchronized void batch(int storedNow, int skippedNow, int malformedNow, long bytesNow) {
        stored += storedNow;
        skipped += skippedNow;
        malformed += malformedNow;
        bytes += bytesNow;
    }

    public synchronized void failed(String what, long bytesNow) {
        failed++;
        bytes += bytesNow;
        error(what);
    }

    public synchronized void error(String what) {
        if (errors.size() < ImportProgress.MAX_ERRORS) {
            errors.add(what);
        }
    }

    public synchronized void folderDone() {
        foldersDone++;
    }

    public synchronized void finish(ImportState end) {
        if (!state.finished()) {
            state = end;
            finishedAt = clock.instant();
        }
    }

    public synchronized ImportState state() {
        return state;
    }

    public synchronized ImportProgress snapshot() {
        long done = stored + skipped + failed;
        Instant now = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, now).toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        Duration eta = null;
        if (!state.finished() && rate > 0 && messagesTotal >= done) {
            eta = Duration.ofMillis((long) ((messagesTotal - done) / rate * 1000));
        }
        return new ImportProgress(
                jobId,
                accountId,
                source,
                state,
                foldersDone,
                foldersTotal,
                done,
                Math.max(messagesTotal, done),
                stored,
                skipped,
                failed,
                malformed,
                bytes,
                Math.round(rate * 100) / 100.0,
                eta,
                List.copyOf(errors),
                startedAt,
                finishedAt);
    }
}
