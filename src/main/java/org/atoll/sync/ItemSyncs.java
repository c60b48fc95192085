package org.atoll.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.atoll.database.PlainTransactions;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.CollectionReads;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.Conflicts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Item sync of one collection for one device (MS-ASCMD 2.2.1.21), and the other commands' views of the same state:
 * each call is one transaction over the jobs of this package. A Sync opens the collection's state with its key
 * ({@link SyncKeys}: reset, replay of the previous key, invalid keys), applies the device's changes
 * ({@link ClientChangeApplier}), offers the server's changes the device has not seen, at most a window at a time
 * ({@link PendingChanges}), and stores the state it ends in under the next key. GetItemEstimate, Ping and the
 * dashboard ask {@link PendingChanges} without writing anything; MoveItems and ItemOperations go to
 * {@link DeviceMoves}.
 *
 * <p>A Sync of a class that runs only plain SQL ({@link ItemStore#plainSql}, Email) is one plain JDBC transaction
 * ({@link PlainTransactions}), without a Hibernate session; the other classes' Syncs are one JPA transaction. Either
 * rolls back whole on any runtime exception, at the database's default isolation. A plain SQL poll first looks at its
 * collection in one statement outside the transaction ({@link SyncKeys#look}); when nothing changed for the device,
 * that statement is the whole Sync and no transaction begins. At read committed, the isolation PostgreSQL and this
 * server run at, each statement inside the transaction takes its own snapshot too, so the look sees nothing less
 * than it did as the transaction's first statement.
 */
@Service
public class ItemSyncs {

    private final ItemClasses classes;
    private final SyncKeys keys;
    private final ClientChangeApplier clientChanges;
    private final PendingChanges pending;
    private final DeviceMoves moves;
    private final Conflicts conflicts;
    private final Clock clock;
    private final PlainTransactions plain;
    private final TransactionTemplate jpa;

    ItemSyncs(
            ItemClasses classes,
            SyncKeys keys,
            ClientChangeApplier clientChanges,
            PendingChanges pending,
            DeviceMoves moves,
            Conflicts conflicts,
            Clock clock,
            PlainTransactions plain,
            PlatformTransactionManager transactionManager) {
        this.plain = plain;
        this.jpa = new TransactionTemplate(transactionManager);
        this.classes = classes;
        this.keys = keys;
        this.clientChanges = clientChanges;
        this.pending = pending;
        this.moves = moves;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    public CollectionResult sync(long accountId, long devicePk, CollectionRequest request) {
        return sync(accountId, devicePk, request, false);
    }

    /**
     * {@link #sync(long, long, CollectionRequest)} for a request that names this collection alone when {@code alone}:
     * the collection is then recorded as the device's last request (MS-ASCMD 2.2.3.131) in the same transaction, and
     * {@link #rememberRequest} is not needed.
     */
    public CollectionResult sync(long accountId, long devicePk, CollectionRequest request, boolean alone) {
        Optional<FolderType> known = classes.type(accountId, request.folderId());
        if (known.isEmpty()) {
            return new CollectionResult.UnknownCollection();
        }
        FolderType type = known.get();
        ItemStore store = classes.store(type);
        if (!store.plainSql()) {
            return jpa.execute(status -> lookThenSync(store, type, accountId, devicePk, request, alone, Supplier::get));
        }
        // The look is one statement: outside a transaction, a poll that finds nothing new needs no BEGIN and COMMIT.
        return lookThenSync(store, type, accountId, devicePk, request, alone, plain::run);
    }

    /** The look, then the rest of the Sync in {@code transaction} unless the look answered it. */
    private CollectionResult lookThenSync(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            CollectionRequest request,
            boolean alone,
            Function<Supplier<CollectionResult>, CollectionResult> transaction) {
        return switch (keys.look(store, type, accountId, devicePk, request, clock.instant(), alone)) {
            case SyncKeys.Look.Answered(CollectionResult result) -> result;
            case SyncKeys.Look.Read(CollectionReads.Opening peek) ->
                transaction.apply(() -> sync(store, type, accountId, devicePk, request, alone, peek));
        };
    }

    private CollectionResult sync(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            CollectionRequest request,
            boolean alone,
            CollectionReads.@Nullable Opening peek) {
        long folderId = request.folderId();
        Instant now = clock.instant();
        Set<Long> targets = new HashSet<>();
        for (ClientCommand command : request.commands()) {
            ItemId.parse(command.serverId())
                    .filter(id -> id.folderId() == folderId)
                    .ifPresent(id -> targets.add(id.messageId()));
        }
        SyncKeys.Opening opening =
                keys.open(store, type, accountId, devicePk, folderId, request, now, targets, alone, peek);
        if (opening instanceof SyncKeys.Opening.Answered(CollectionResult answer)) {
            return answer;
        }
        SyncKeys.Opening.Opened opened = (SyncKeys.Opening.Opened) opening;
        CollectionState state = opened.state();
        SyncOptions options = ItemClasses.effective(store, state.options().with(request.options()));
        CollectionState.Progress progress = state.progress();
        if (options.filter() != state.options().filter()) {
            progress = progress.restartScan();
        }
        SyncPass pass = new SyncPass(store, accountId, devicePk, folderId, options, now, progress);
        pass.replay = opened.replay();
        CollectionReads.Opening read = opened.read();
        if (read.held() != null) {
            pass.held.learn(read.heldFor(), read.held());
        }
        if (progress.equals(state.progress())) {
            pass.firstPage = read.firstPage();
        }
        List<ClientResponse> responses = clientChanges.apply(pass, type, request.commands());
        List<ServerCommand> commands = request.getChanges() ? pending.serverChanges(pass) : List.of();
        return keys.close(
                type,
                state,
                opened.replay(),
                pass,
                commands,
                responses,
                !request.commands().isEmpty(),
                opened.markAlone());
    }

    /**
     * Remembers which collections a device's Sync request named, so that an empty or partial request can repeat
     * them (MS-ASCMD 2.2.3.131). Plain SQL, in a plain JDBC transaction ({@link PlainTransactions}).
     */
    public void rememberRequest(long accountId, long devicePk, List<Long> folderIds) {
        plain.run(() -> {
            keys.rememberRequest(accountId, devicePk, folderIds);
            return null;
        });
    }

    /** The collections of the device's previous Sync request, each with its current SyncKey. */
    @Transactional(readOnly = true)
    public Map<Long, Long> previousRequest(long accountId, long devicePk) {
        return keys.previousRequest(accountId, devicePk);
    }

    /** The device's sync state of every collection it syncs, for administrators. */
    @Transactional(readOnly = true)
    public List<CollectionSyncView> collections(long accountId, long devicePk) {
        return keys.collections(accountId, devicePk);
    }

    /**
     * How many changes of the collection the device has not received yet: what its next Sync with its current key
     * would bring, counted without changing anything, exactly as a GetItemEstimate would (MS-ASCMD 2.2.1.9). Empty
     * when there is nothing to count against: the device never synced the collection, the folder is gone, or the
     * device's position fell behind the journal's horizon (its next Sync starts over).
     */
    @Transactional(readOnly = true)
    public OptionalLong pending(long accountId, long devicePk, long folderId) {
        return pending.pending(accountId, devicePk, folderId);
    }

    /** Recorded conflicts of the account, newest first; of one device when {@code devicePk} is given. */
    @Transactional(readOnly = true)
    public List<SyncConflict> conflicts(long accountId, @Nullable Long devicePk, int limit) {
        return conflicts.of(accountId, devicePk, Math.clamp(limit, 1, Mailboxes.MAX_PAGE));
    }

    /**
     * How many changes the device would get for the collection (GetItemEstimate, MS-ASCMD 2.2.1.9), counted without
     * changing anything.
     */
    @Transactional(readOnly = true)
    public Estimate estimate(long accountId, long devicePk, long folderId, long syncKey, SyncOptions.Update update) {
        return pending.estimate(accountId, devicePk, folderId, syncKey, update);
    }

    /**
     * The folders among {@code folderIds} in which the device's next Sync would bring something (Ping, MS-ASCMD
     * 3.1.5.8), found without changing anything and stopping at the first change of each folder. The device's own
     * changes never count: its state already holds them. A folder the device never synced counts when someone
     * else changed it after {@code sinceModseq}.
     */
    @Transactional(readOnly = true)
    public Set<Long> foldersWithChanges(long accountId, long devicePk, Collection<Long> folderIds, long sinceModseq) {
        return pending.foldersWithChanges(accountId, devicePk, folderIds, sinceModseq);
    }

    /**
     * {@link #foldersWithChanges(long, long, Collection, long)} for many devices of one account at once, with the
     * same answers: the collection states, each folder's journal after the earliest of their positions, the stamps
     * and held items of the messages it names are each read once for all devices, not once per device.
     *
     * @return for each watch, in order, the folders among its own with changes for its device
     */
    @Transactional(readOnly = true)
    public List<Set<Long>> foldersWithChanges(long accountId, List<FolderWatch> watches) {
        return pending.foldersWithChanges(accountId, watches);
    }

    /** The answer to a GetItemEstimate for one collection. */
    public sealed interface Estimate {
        record Count(long count) implements Estimate {}

        record UnknownCollection() implements Estimate {}

        /** The collection was never synced, or the key was 0 (MS-ASCMD 2.2.3.177.6, Status 3). */
        record NotPrimed() implements Estimate {}

        record InvalidSyncKey() implements Estimate {}
    }

    /**
     * Moves one item for a device (MoveItems, MS-ASCMD 2.2.1.12) to another folder of its class: a message, a note, a
     * contact, a task. The device that moves gets no echo: its state of both folders records the move as done; every
     * other device gets a Delete in the source and an Add in the target. A move to a folder of another class is
     * refused as an invalid destination. A move asked for again after it happened answers as the first did.
     */
    @Transactional
    public MoveOutcome move(
            long accountId, long devicePk, String sourceItem, long sourceFolderId, long targetFolderId) {
        return moves.move(accountId, devicePk, sourceItem, sourceFolderId, targetFolderId);
    }

    /** What became of one MoveItems move. */
    public sealed interface MoveOutcome {
        record Moved(ItemId item) implements MoveOutcome {}

        record InvalidSource() implements MoveOutcome {}

        record InvalidTarget() implements MoveOutcome {}

        record SameFolder() implements MoveOutcome {}
    }

    /**
     * Empties a folder for a device (ItemOperations EmptyFolderContents); the device emptied its copy itself, so
     * its state of the folder is cleared rather than sent Deletes.
     *
     * @return false when the folder is not the account's, or holds items of another class than Email
     */
    @Transactional
    public boolean emptyFolder(long accountId, long devicePk, long folderId, boolean withSubfolders) {
        return moves.emptyFolder(accountId, devicePk, folderId, withSubfolders);
    }

    /**
     * Moves every message of a conversation to a folder (ItemOperations Move). The device learns the new
     * ServerIds from its next Sync of each folder.
     *
     * @return false when the folder is not the account's or the conversation has no message
     */
    @Transactional
    public boolean moveThread(long accountId, long devicePk, long threadId, long targetFolderId) {
        return moves.moveThread(accountId, devicePk, threadId, targetFolderId);
    }
}
