package org.atoll.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.atoll.audit.AuditLog;
import org.atoll.device.Devices;
import org.atoll.mail.SentClientIdHousekeeping;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.retention.internal.RunLock;
import org.atoll.shared.Actor;
import org.atoll.sync.SyncHousekeeping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of the retention job: removes what outlived its retention ({@link RetentionProperties}), in
 * transactions of at most {@code batch-size} rows each.
 *
 * <p>Runs on any node, one at a time: a run first takes a PostgreSQL session advisory lock on a connection of its
 * own and gives up at once when another run holds it. The lock goes with that connection, so a node that dies
 * mid-run leaves nothing to clean up. Every batch is a transaction of its own that is correct on its own: a run
 * cut short anywhere has removed some old rows and broken nothing.
 */
@Service
public class Retention {

    /** The advisory lock key of the job, the same on every node ("atoll" and 1 in ASCII). */
    static final long LOCK_KEY = 0x61746f6c6c01L;

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final Actor ACTOR = new Actor("system:retention", null);

    private final RunLock lock;
    private final TransactionTemplate transactions;
    private final Mailboxes mailboxes;
    private final SyncHousekeeping syncs;
    private final SentClientIdHousekeeping sentClientIds;
    private final AuditLog audit;
    private final Devices devices;
    private final RetentionProperties properties;
    private final Clock clock;

    Retention(
            RunLock lock,
            PlatformTransactionManager transactionManager,
            Mailboxes mailboxes,
            SyncHousekeeping syncs,
            SentClientIdHousekeeping sentClientIds,
            AuditLog audit,
            Devices devices,
            RetentionProperties properties,
            Clock clock) {
        this.lock = lock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.mailboxes = mailboxes;
        this.syncs = syncs;
        this.sentClientIds = sentClientIds;
        this.audit = audit;
        this.devices = devices;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs the job once, unless a run holds the lock somewhere; then returns at once with nothing done. */
    public RetentionReport run() {
        return run(() -> {});
    }

    /** {@link #run()}, calling {@code afterBatch} after each batch's commit. */
    RetentionReport run(Runnable afterBatch) {
        Optional<RunLock.Held> held = lock.tryTake(LOCK_KEY);
        if (held.isEmpty()) {
            log.debug("The retention job runs elsewhere; skipped");
            return RetentionReport.SKIPPED;
        }
        try (RunLock.Held running = held.get()) {
            RetentionReport report = sweep(afterBatch);
            if (report.total() > 0) {
                log.info("Retention removed {}", report);
            }
            return report;
        }
    }

    private RetentionReport sweep(Runnable afterBatch) {
        Instant now = clock.instant();
        int batch = properties.batchSize();
        long journal = pruneJournal(now.minus(properties.journal()), afterBatch);
        long[] keys = new long[2];
        repeat(
                () -> {
                    SyncHousekeeping.Forgotten forgotten =
                            syncs.forgetPreviousKeys(now.minus(properties.previousSyncKeys()), batch);
                    keys[0] += forgotten.collections();
                    keys[1] += forgotten.undoRows();
                    return forgotten.collections();
                },
                afterBatch);
        long conflicts =
                repeat(() -> syncs.removeConflictsBefore(now.minus(properties.conflicts()), batch), afterBatch);
        Instant clientIdCutoff = now.minus(properties.clientIds());
        long clientIds = repeat(() -> syncs.forgetClientAddsBefore(clientIdCutoff, batch), afterBatch)
                + repeat(() -> sentClientIds.forgetBefore(clientIdCutoff, batch), afterBatch);
        long auditEntries = repeat(() -> audit.removeBefore(now.minus(properties.audit()), batch), afterBatch);
        long folderStates = repeat(
                () -> syncs.removeStatesOfDeletedFoldersBefore(now.minus(properties.deletedFolders()), batch),
                afterBatch);
        repeat(() -> mailboxes.forgetHorizonsOfDeletedFolders(batch), afterBatch);
        long idleDevices =
                properties.idleDevices().isZero() ? 0 : removeIdleDevices(now.minus(properties.idleDevices()));
        return new RetentionReport(
                true, journal, keys[0], keys[1], conflicts, clientIds, auditEntries, folderStates, idleDevices);
    }

    /** Calls a batch until it removes less than a full batch; returns the sum. */
    private long repeat(LongSupplier step, Runnable afterBatch) {
        long total = 0;
        long removed;
        do {
            removed = step.getAsLong();
            total += removed;
            afterBatch.run();
        } while (removed >= properties.batchSize());
        return total;
    }

    /**
     * Removes, account by account, the prefix of each journal written before {@code cutoff}. In each batch's
     * transaction the collection states that read from before the removed entries are held first, so that no Sync
     * reading them is in flight; Syncs that come after see the moved horizon and answer Status 3.
     */
    private long pruneJournal(Instant cutoff, Runnable afterBatch) {
        int batch = properties.batchSize();
        long removed = 0;
        long after = 0;
        List<Long> accounts;
        do {
            accounts = mailboxes.accountsWithJournalBefore(cutoff, after, batch);
            for (long accountId : accounts) {
                removed += repeat(
                        () -> {
                            Long n = transactions.execute(status -> {
                                lock.limitLockWaits(10);
                                Optional<JournalPosition> through =
                                        mailboxes.journalPrefixBefore(accountId, cutoff, batch);
                                if (through.isEmpty()) {
                                    return 0L;
                                }
                                syncs.holdStatesReadingBefore(accountId, through.get());
                                return mailboxes.removeJournalThrough(accountId, through.get());
                            });
                            return n == null ? 0 : n;
                        },
                        afterBatch);
                after = accountId;
            }
        } while (accounts.size() == batch);
        return removed;
    }

    private long removeIdleDevices(Instant cutoff) {
        long removed = 0;
        List<Long> idle;
        do {
            idle = devices.idleSince(cutoff, properties.batchSize());
            for (long devicePk : idle) {
                if (devices.removeIdle(devicePk, cutoff, ACTOR)) {
                    removed++;
                }
            }
        } while (idle.size() == properties.batchSize() && removed > 0);
        return removed;
    }
}
