package org.atoll.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.transfer.internal.ImapSource;
import org.atoll.transfer.internal.ImportJobs;
import org.atoll.transfer.internal.Importer;
import org.atoll.transfer.internal.MailSource;
import org.atoll.transfer.internal.MaildirSource;
import org.atoll.transfer.internal.MboxSource;
import org.atoll.transfer.internal.SourceFailure;
import org.atoll.transfer.internal.Tally;
import org.atoll.transfer.internal.ZipSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports mail into a mailbox from an IMAP server, an mbox file, a Maildir tree or a ZIP archive. Messages go
 * through the mailbox store's delivery path ({@link Mailboxes#deliverAll}: journal, modseq, quota, a notification
 * per batch), so devices syncing meanwhile see them arrive; each keeps \Seen, \Flagged and \Answered. An import
 * started again after an interruption skips what it stored before (a ledger per account and folder, by content
 * SHA-256) and never stores a message twice.
 *
 * <p>A job runs in the process that started it, one running import per account across every node and the CLI. Its
 * figures are written to the database as it goes ({@link ImportJobs}), so any process lists it and its outcome
 * outlives a restart; one whose process ended without finishing it shows as failed. The last {@value
 * ImportJobs#KEPT_PER_ACCOUNT} of each account stay listed. Only the process running a job can cancel it. An IMAP
 * password lives only in the running job's source and is dropped when it ends.
 */
@Service
public class MailboxImports {

    private static final Logger log = LoggerFactory.getLogger(MailboxImports.class);

    private final Importer importer;
    private final ImportJobs history;
    private final Mailboxes mailboxes;
    private final TransferProperties properties;
    private final Clock clock;
    private final Map<Long, Deque<Job>> jobs = new ConcurrentHashMap<>();

    MailboxImports(
            Importer importer, ImportJobs history, Mailboxes mailboxes, TransferProperties properties, Clock clock) {
        this.importer = importer;
        this.history = history;
        this.mailboxes = mailboxes;
        this.properties = properties;
        this.clock = clock;
    }

    /** A job: its figures and whether it was asked to stop. */
    private static final class Job {
        final Tally tally;
        volatile boolean cancelled;

        Job(Tally tally) {
            this.tally = tally;
        }
    }

    /**
     * Runs an import on the calling thread and returns when it ends, telling the listener as it goes. Another
     * thread may {@link #cancel} it by the job id the progress reports carry.
     *
     * @throws org.atoll.mailbox.MailboxNotFound when the account has no mailbox
     * @throws ImportAlreadyRunning when the account has an import running, in this process or another
     */
    public ImportProgress run(long accountId, ImportSource source, ImportListener listener) {
        Job job = register(accountId, source);
        execute(job, source, listener, null);
        return job.tally.snapshot();
    }

    /**
     * Starts an import on a thread of its own and returns at once; follow it with {@link #progress}.
     *
     * @throws org.atoll.mailbox.MailboxNotFound when the account has no mailbox
     * @throws ImportAlreadyRunning when the account has an import running, in this process or another
     */
    public ImportProgress start(long accountId, ImportSource source, ImportListener listener) {
        Job job = register(accountId, source);
        Thread.ofVirtual().name("import-" + job.tally.jobId()).start(() -> execute(job, source, listener, null));
        return job.tally.snapshot();
    }

    /**
     * Takes an uploaded mbox or ZIP into a temporary file of the server's choosing, at most {@code
     * atoll.transfer.max-upload} bytes, and starts importing it; the file is deleted when the import ends.
     *
     * @param folder for an mbox, the folder its messages go to ({@code /}-separated path; null for the Inbox)
     * @throws InvalidImport when the upload is empty or too large
     */
    public ImportProgress startUpload(long accountId, InputStream body, UploadFormat format, @Nullable String folder) {
        mailboxes.systemFolder(accountId, SystemFolder.INBOX);
        Path file;
        try {
            file = Files.createTempFile("atoll-import-", format == UploadFormat.ZIP ? ".zip" : ".mbox");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temporary file for an upload", e);
        }
        try {
            long limit = properties.maxUpload().toBytes();
            long copied = 0;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = body.read(buffer)) > 0) {
                    copied += read;
                    if (copied > limit) {
                        throw new InvalidImport("An upload has at most " + limit + " bytes");
                    }
                    out.write(buffer, 0, read);
                }
            }
            if (copied == 0) {
                throw new InvalidImport("The upload is empty");
            }
            ImportSource source = format == UploadFormat.ZIP
                    ? new ImportSource.Zip(file)
                    : new ImportSource.Mbox(file, folder == null ? "INBOX" : folder, MboxFormat.MBOXRD);
            Job job = register(accountId, source);
            Thread.ofVirtual()
                    .name("import-" + job.tally.jobId())
                    .start(() -> execute(job, source, ImportListener.NONE, file));
            return job.tally.snapshot();
        } catch (IOException e) {
            delete(file);
            throw new InvalidImport("The upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** The job's progress, if it is the account's: as it is now when this process runs it, else as last written. */
    public Optional<ImportProgress> progress(long accountId, long jobId) {
        Optional<ImportProgress> here = find(accountId, jobId).map(job -> job.tally.snapshot());
        return here.isPresent() ? here : history.find(accountId, jobId);
    }

    /** The account's imports wherever they ran, newest first: the last finished ones and any running. */
    public List<ImportProgress> imports(long accountId) {
        Map<Long, ImportProgress> byId = new HashMap<>();
        history.list(accountId).forEach(progress -> byId.put(progress.jobId(), progress));
        Deque<Job> list = jobs.getOrDefault(accountId, new ArrayDeque<>());
        synchronized (list) {
            list.stream()
                    .map(job -> job.tally.snapshot())
                    .filter(progress -> byId.containsKey(progress.jobId()))
                    .forEach(progress -> byId.put(progress.jobId(), progress));
        }
        return byId.values().stream()
                .sorted(Comparator.comparingLong(ImportProgress::jobId).reversed())
                .toList();
    }

    /**
     * Asks a running import to stop after the message it is on; what it stored stays, and starting the same import
     * again goes on from there.
     *
     * @throws ImportNotFound when the account has no such job running in this process
     */
    public ImportProgress cancel(long accountId, long jobId) {
        Job job = find(accountId, jobId).orElseThrow(() -> new ImportNotFound(jobId));
        job.cancelled = true;
        return job.tally.snapshot();
    }

    private Optional<Job> find(long accountId, long jobId) {
        Deque<Job> list = jobs.getOrDefault(accountId, new ArrayDeque<>());
        synchronized (list) {
            return list.stream().filter(job -> job.tally.jobId() == jobId).findFirst();
        }
    }

    private Job register(long accountId, ImportSource source) {
        mailboxes.systemFolder(accountId, SystemFolder.INBOX);
        Instant startedAt = clock.instant();
        long jobId = history.begin(accountId, source.describe(), startedAt);
        Job job = new Job(new Tally(jobId, accountId, source.describe(), clock));
        Deque<Job> list = jobs.computeIfAbsent(accountId, id -> new ArrayDeque<>());
        synchronized (list) {
            list.addFirst(job);
            while (list.size() > ImportJobs.KEPT_PER_ACCOUNT) {
                list.removeLast();
            }
        }
        return job;
    }

    private void execute(Job job, ImportSource source, ImportListener told, @Nullable Path delete) {
        long jobId = job.tally.jobId();
        ImportListener listener = progress -> {
            history.save(progress);
            told.progressed(progress);
        };
        log.info("Import {} into account {} from {} started", jobId, job.tally.accountId(), source.describe());
        try {
            MailSource opened;
            try {
                opened = open(source);
            } catch (SourceFailure e) {
                job.tally.error(e.getMessage());
                job.tally.finish(ImportState.FAILED);
                listener.progressed(job.tally.snapshot());
                return;
            }
            importer.run(opened, job.tally, () -> job.cancelled, listener);
        } finally {
            if (delete != null) {
                delete(delete);
            }
            job.tally.finish(ImportState.FAILED);
            ImportProgress end = job.tally.snapshot();
            history.save(end);
            log.info(
                    "Import {} ended {}: {} stored, {} skipped, {} failed, {} malformed",
                    jobId,
                    end.state(),
                    end.messagesStored(),
                    end.messagesSkipped(),
                    end.messagesFailed(),
                    end.messagesMalformed());
        }
    }

    private static MailSource open(ImportSource source) {
        int max = Mailboxes.MAX_MESSAGE_BYTES;
        return switch (source) {
            case ImportSource.Imap imap -> new ImapSource(imap, max);
            case ImportSource.Mbox mbox -> new MboxSource(mbox, max);
            case ImportSource.Maildir maildir -> new MaildirSource(maildir.root(), max);
            case ImportSource.Zip zip -> new ZipSource(zip.file(), max);
        };
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the uploaded file {}", file.getFileName());
        }
    }
}
