package org.atoll.transfer.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.atoll.mailbox.MailboxException;
import org.atoll.mailbox.QuotaExceeded;
import org.atoll.transfer.ImportListener;
import org.atoll.transfer.ImportState;
import org.atoll.transfer.TransferProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one import: lists the source's folders, then reads each into its target folder in batches of at most
 * {@code atoll.transfer.batch-messages} messages and {@code batch-size} bytes, telling the listener after each
 * batch. A folder that cannot be read is reported and the next one follows; a full mailbox or a source that cannot
 * be opened ends the run. A cancellation is honoured between two messages, after what was read is stored.
 */
@Component
public class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final ImportBatches batches;
    private final TargetFolders targets;
    private final TransferProperties properties;

    Importer(ImportBatches batches, TargetFolders targets, TransferProperties properties) {
        this.batches = batches;
        this.targets = targets;
        this.properties = properties;
    }

    public void run(MailSource opened, Tally tally, BooleanSupplier cancelled, ImportListener listener) {
        long accountId = tally.accountId();
        try (MailSource source = opened) {
            List<SourceFolder> folders = source.folders();
            tally.planned(folders);
            listener.progressed(tally.snapshot());
            for (SourceFolder folder : folders) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                long target;
                try {
                    target = targets.resolve(accountId, folder);
                } catch (MailboxException e) {
                    tally.error(folder.name() + ": " + e.getMessage());
                    tally.folderDone();
                    continue;
                }
                Batcher sink = new Batcher(accountId, target, tally, cancelled, listener);
                try {
                    source.read(folder, sink);
                    sink.flush();
                } catch (SourceFailure e) {
                    sink.flush();
                    tally.error(folder.name() + ": " + e.getMessage());
                }
                if (sink.stopped) {
                    break;
                }
                tally.folderDone();
                listener.progressed(tally.snapshot());
            }
            tally.finish(cancelled.getAsBoolean() ? ImportState.CANCELLED : ImportState.DONE);
        } catch (SourceFailure e) {
            tally.error(e.getMessage());
            tally.finish(ImportState.FAILED);
        } catch (QuotaExceeded e) {
            tally.error("The mailbox is full: " + e.getMessage());
            tally.finish(ImportState.FAILED);
        } catch (RuntimeException e) {
            log.error("Import {} into account {} failed unexpectedly", tally.jobId(), accountId, e);
            tally.error("The import failed unexpectedly");
            tally.finish(ImportState.FAILED);
        }
        listener.progressed(tally.snapshot());
    }

    /** Collects a folder's messages into batches and stores each. */
    private final class Batcher implements MessageSink {
        private final long accountId;
        private final long folderId;
        private final Tally tally;
        private final BooleanSupplier cancelled;
        private final ImportListener listener;
        private final List<SourceMessage> pending = new ArrayList<>();
        private long pendingBytes;
        private boolean stopped;

        Batcher(long accountId, long folderId, Tally tally, BooleanSupplier cancelled, ImportListener listener) {
            this.accountId = accountId;
            this.folderId = folderId;
            this.tally = tally;
            this.cancelled = cancelled;
            this.listener = listener;
        }

        @Override
        public boolean accept(SourceMessage message) {
            if (cancelled.getAsBoolean()) {
                stopped = true;
                return false;
            }
            if (!pending.isEmpty()
                    && pendingBytes + message.raw().length
                            > properties.batchSize().toBytes()) {
                flush();
            }
            pending.add(message);
            pendingBytes += message.raw().length;
            if (pending.size() >= properties.batchMessages()) {
                flush();
            }
            return !cancelled.getAsBoolean() || flushAndStop();
        }

        private boolean flushAndStop() {
            flush();
            stopped = true;
            return false;
        }

        @Override
        public void failed(String what, long bytes) {
            tally.failed(what, bytes);
        }

        @Override
        public Set<Known> storedBefore(Collection<Known> candidates) {
            return batches.storedBefore(accountId, folderId, candidates);
        }

        @Override
        public void skipped(long bytes) {
            tally.batch(0, 1, 0, bytes);
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            ImportBatches.Stored stored = batches.store(accountId, folderId, pending);
            tally.batch(stored.stored(), stored.skipped(), stored.malformed(), pendingBytes);
            pending.clear();
            pendingBytes = 0;
            listener.progressed(tally.snapshot());
        }
    }
}
