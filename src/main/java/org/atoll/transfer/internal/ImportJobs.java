package org.atoll.transfer.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.atoll.mailbox.Mailboxes;
import org.atoll.transfer.ImportAlreadyRunning;
import org.atoll.transfer.ImportProgress;
import org.atoll.transfer.ImportState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import jobs in PostgreSQL ({@code import_job}): each job's figures as of its last report, so that they outlive the
 * process that ran it and every process sees them, and so that an account has one running import across all nodes
 * and the CLI. A running job's row moves at least after every stored batch; one that has not moved for {@link
 * #STALLED} belongs to a process that ended without finishing it, and is shown as failed.
 */
@Component
public class ImportJobs {

    /** How long a running job's row may stand still before its process counts as gone. */
    public static final Duration STALLED = Duration.ofMinutes(10);

    /** Finished jobs kept per account, newest first. */
    public static final int KEPT_PER_ACCOUNT = 20;

    static final String GONE = "The process running this import ended before it finished; start it again to go on";

    private static final String COLUMNS = "id, account_id, source, state, folders_done, folders_total, messages_done,"
            + " messages_total, messages_stored, messages_skipped, messages_failed, messages_malformed, bytes_done,"
            + " errors, started_at, finished_at, updated_at";

    private final Mailboxes mailboxes;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ImportJobs(Mailboxes mailboxes, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.mailboxes = mailboxes;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Records a new running job of the account and returns its id, unless another runs (anywhere) already.
     *
     * @throws ImportAlreadyRunning when the account has a running job whose row moved within {@link #STALLED}
     */
    public long begin(long accountId, String source, Instant startedAt) {
        Long id = transaction.execute(status -> {
            mailboxes.holdWriterLock(accountId);
            Instant fresh = clock.instant().minus(STALLED);
            jdbc.sql("SELECT id FROM import_job WHERE account_id = ? AND state = 'RUNNING' AND updated_at > ?"
                            + " ORDER BY id LIMIT 1")
                    .params(accountId, Timestamp.from(fresh))
                    .query(Long.class)
                    .optional()
                    .ifPresent(running -> {
                        throw new ImportAlreadyRunning(running);
                    });
            jdbc.sql("DELETE FROM import_job WHERE account_id = ? AND state <> 'RUNNING' AND id NOT IN"
                            + " (SELECT id FROM import_job WHERE account_id = ? ORDER BY id DESC LIMIT ?)")
                    .params(accountId, accountId, KEPT_PER_ACCOUNT - 1)
                    .update();
            return jdbc.sql("INSERT INTO import_job (account_id, source, state, started_at, updated_at)"
                            + " VALUES (?, ?, 'RUNNING', ?, ?) RETURNING id")
                    .params(accountId, source, Timestamp.from(startedAt), Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
        });
        if (id == null) {
            throw new IllegalStateException("No id for a new import job");
        }
        return id;
    }

    /** Writes the job's figures as the report gives them. */
    public void save(ImportProgress progress) {
        jdbc.sql("UPDATE import_job SET state = ?, folders_done = ?, folders_total = ?, messages_done = ?,"
                        + " messages_total = ?, messages_stored = ?, messages_skipped = ?, messages_failed = ?,"
                        + " messages_malformed = ?, bytes_done = ?, errors = ?, finished_at = ?, updated_at = ?"
                        + " WHERE account_id = ? AND id = ?")
                .params(
                        progress.state().name(),
                        progress.foldersDone(),
                        progress.foldersTotal(),
                        progress.messagesDone(),
                        progress.messagesTotal(),
                        progress.messagesStored(),
                        progress.messagesSkipped(),
                        progress.messagesFailed(),
                        progress.messagesMalformed(),
                        progress.bytesDone(),
                        progress.errors().toArray(String[]::new),
                        progress.finishedAt() == null ? null : Timestamp.from(progress.finishedAt()),
                        Timestamp.from(clock.instant()),
                        progress.accountId(),
                        progress.jobId())
                .update();
    }

    public Optional<ImportProgress> find(long accountId, long jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE account_id = ? AND id = ?")
                .params(accountId, jobId)
                .query(this::progress)
                .optional();
    }

    /** The account's jobs, newest first, at most {@link #KEPT_PER_ACCOUNT} and any running. */
    public List<ImportProgress> list(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE account_id = ? ORDER BY id DESC LIMIT ?")
                .params(accountId, KEPT_PER_ACCOUNT)
                .query(this::progress)
                .list();
    }

    private ImportProgress progress(ResultSet row, int n) throws SQLException {
        ImportState state = ImportState.valueOf(row.getString("state"));
        Instant startedAt = row.getTimestamp("started_at").toInstant();
        Timestamp finished = row.getTimestamp("finished_at");
        @Nullable Instant finishedAt = finished == null ? null : finished.toInstant();
        Instant updatedAt = row.getTimestamp("updated_at").toInstant();
        List<String> errors =
                new ArrayList<>(Arrays.asList((String[]) row.getArray("errors").getArray()));
        Instant now = clock.instant();
        if (state == ImportState.RUNNING && updatedAt.isBefore(now.minus(STALLED))) {
            state = ImportState.FAILED;
            finishedAt = updatedAt;
            if (errors.size() < ImportProgress.MAX_ERRORS) {
                errors.add(GONE);
            }
        }
        long done = row.getLong("messages_done");
        long total = row.getLong("messages_total");
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        Duration eta = !state.finished() && rate > 0 && total >= done
                ? Duration.ofMillis((long) ((total - done) / rate * 1000))
                : null;
        return new ImportProgress(
                row.getLong("id"),
                row.getLong("account_id"),
                row.getString("source"),
                state,
                row.getInt("folders_done"),
                row.getInt("folders_total"),
                done,
                total,
                row.getLong("messages_stored"),
                row.getLong("messages_skipped"),
                row.getLong("messages_failed"),
                row.getLong("messages_malformed"),
                row.getLong("bytes_done"),
                Math.round(rate * 100) / 100.0,
                eta,
                List.copyOf(errors),
                startedAt,
                finishedAt);
    }
}
