package org.atoll.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.ChangePage;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.ItemView;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.ClientAdds;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.CollectionStates;
import org.atoll.sync.internal.Conflicts;
import org.atoll.sync.internal.DeviceItems;
import org.atoll.sync.internal.HeldItem;
import org.atoll.sync.internal.ScanCursor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Item sync of one collection for one device (MS-ASCMD 2.2.1.21): applies the device's changes, then offers the
 * server's changes the device has not seen, at most a window at a time.
 *
 * <p>What a device holds is kept per message with the modseq of the state it received. The server's changes are
 * found by comparing that with the store, for the messages the journal names after the collection's position, for
 * the folder's older messages while a first scan is under way, and for the held items when a FilterType change
 * asks for a reconciliation. Because every decision compares states, reading the same journal entry twice never
 * sends a change twice, and a device's own changes are never echoed: applying them records the new state as held.
 */
@Service
public class ItemSyncs {

    /** The most message bytes one collection's response offers, beyond the first message. */
    static final long RESPONSE_BUDGET = 8L * 1024 * 1024;

    private static final int RECONCILE_PAGE = 500;

    /** Journal entries read at a time when many devices' folders are checked at once. */
    private static final int BATCH_JOURNAL_PAGE = 1_000;

    private final Mailboxes mailboxes;
    private final CollectionStates states;
    private final DeviceItems items;
    private final Conflicts conflicts;
    private final ClientAdds clientAdds;
    private final Clock clock;
    private final List<ItemStore> stores;
    private final ItemStore email;

    ItemSyncs(
            Mailboxes mailboxes,
            CollectionStates states,
            DeviceItems items,
            Conflicts conflicts,
            ClientAdds clientAdds,
            Clock clock,
            List<ItemStore> stores,
            EmailItemStore email) {
        this.mailboxes = mailboxes;
        this.stores = List.copyOf(stores);
        this.email = email;
        this.states = states;
        this.items = items;
        this.conflicts = conflicts;
        this.clientAdds = clientAdds;
        this.clock = clock;
    }

    @Transactional
    public CollectionResult sync(long accountId, long devicePk, CollectionRequest request) {
        Optional<FolderView> folder = folder(accountId, request.folderId());
        if (folder.isEmpty()) {
            return new CollectionResult.UnknownCollection();
        }
        long folderId = request.folderId();
        ItemStore store = store(folder.get().type());
        Instant now = clock.instant();
        Optional<CollectionResult> unchanged = unchanged(store, accountId, devicePk, request, now);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, true);
        if (request.syncKey() == 0) {
            SyncOptions options = effective(store, SyncOptions.DEFAULT.with(request.options()));
            long next = loaded.map(s -> s.key() + 1).orElse(1L);
            JournalPosition end = JournalPosition.afterModseq(mailboxes.highestModseq(accountId));
            states.reset(accountId, devicePk, folderId, next, end, options, now);
            return new CollectionResult.Synced(next, List.of(), List.of(), false, options);
        }
        if (loaded.isEmpty()) {
            return new CollectionResult.InvalidSyncKey();
        }
        CollectionState state = loaded.get();
        boolean replay = state.previous() != null
                && request.syncKey() == state.previous().key();
        JournalPosition from = replay
                ? state.previous().progress().position()
                : state.progress().position();
        if (request.syncKey() == state.key() || replay) {
            if (beforeHorizon(accountId, folderId, from)) {
                return new CollectionResult.InvalidSyncKey();
            }
        }
        if (replay) {
            items.undo(accountId, devicePk, folderId);
            CollectionState.Previous previous = state.previous();
            state = new CollectionState(
                    previous.key(),
                    previous.progress(),
                    null,
                    new SyncOptions(
                            previous.filter(),
                            state.options().conflict(),
                            state.options().deletesAsMoves(),
                            state.options().windowSize(),
                            state.options().mimeSupport(),
                            state.options().bodyPreferences()));
        } else if (request.syncKey() != state.key()) {
            return new CollectionResult.InvalidSyncKey();
        } else {
            items.forgetUndo(accountId, devicePk, folderId);
        }

        SyncOptions options = effective(store, state.options().with(request.options()));
        CollectionState.Progress progress = state.progress();
        if (options.filter() != state.options().filter()) {
            progress = progress.restartScan();
        }
        Pass pass = new Pass(store, accountId, devicePk, folderId, options, now, progress);
        pass.replay = replay;
        List<ClientResponse> responses = applyClientCommands(pass, folder.get().type(), request.commands());
        List<ServerCommand> commands = request.getChanges() ? serverChanges(pass) : List.of();

        boolean sent = !commands.isEmpty()
                || !responses.isEmpty()
                || !request.commands().isEmpty();
        long next = replay || sent ? state.key() + 1 : state.key();
        CollectionState.Previous previous = next == state.key()
                ? state.previous()
                : new CollectionState.Previous(
                        state.key(), state.progress(), state.options().filter());
        CollectionState updated = new CollectionState(next, pass.progress, previous, options);
        boolean bodiesChanged =
                !options.bodyPreferences().equals(state.options().bodyPreferences());
        if (!updated.equals(state) || replay) {
            states.save(accountId, devicePk, folderId, updated, now, bodiesChanged);
        }
        return new CollectionResult.Synced(next, commands, responses, pass.more, options);
    }

    /**
     * The answer to the most common request, a poll with the current key when nothing changed, found without
     * locking or writing anything: a lock alone would make the transaction wait for a durable commit.
     */
    private Optional<CollectionResult> unchanged(
            ItemStore store, long accountId, long devicePk, CollectionRequest request, Instant now) {
        if (request.syncKey() == 0 || !request.commands().isEmpty() || !request.getChanges()) {
            return Optional.empty();
        }
        Optional<CollectionState> peek = states.find(accountId, devicePk, request.folderId(), false);
        if (peek.isEmpty() || peek.get().key() != request.syncKey()) {
            return Optional.empty();
        }
        CollectionState state = peek.get();
        SyncOptions options = effective(store, state.options().with(request.options()));
        if (!options.equals(state.options())
                || state.progress().scanActive()
                || state.progress().reconcile()
                || !mailboxes
                        .changes(accountId, request.folderId(), state.progress().position(), 1)
                        .entries()
                        .isEmpty()
                || beforeHorizon(accountId, request.folderId(), state.progress().position())
                || (options.filter() != FilterType.ALL
                        && !items.olderThan(
                                        accountId, devicePk, request.folderId(), store.cutoff(options.filter(), now), 1)
                                .isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new CollectionResult.Synced(state.key(), List.of(), List.of(), false, options));
    }

    /**
     * Remembers which collections a device's Sync request named, so that an empty or partial request can repeat
     * them (MS-ASCMD 2.2.3.131).
     */
    @Transactional
    public void rememberRequest(long accountId, long devicePk, List<Long> folderIds) {
        states.markLastRequest(accountId, devicePk, folderIds);
    }

    /** The collections of the device's previous Sync request, each with its current SyncKey. */
    @Transactional(readOnly = true)
    public Map<Long, Long> previousRequest(long accountId, long devicePk) {
        Map<Long, Long> keys = new LinkedHashMap<>();
        states.lastRequest(accountId, devicePk).forEach(pair -> keys.put(pair[0], pair[1]));
        return keys;
    }

    /** The device's sync state of every collection it syncs, for administrators. */
    @Transactional(readOnly = true)
    public List<CollectionSyncView> collections(long accountId, long devicePk) {
        return states.views(accountId, devicePk);
    }

    /**
     * How many changes of the collection the device has not received yet: what its next Sync with its current key
     * would bring, counted without changing anything, exactly as a GetItemEstimate would (MS-ASCMD 2.2.1.9). Empty
     * when there is nothing to count against: the device never synced the collection, the folder is gone, or the
     * device's position fell behind the journal's horizon (its next Sync starts over).
     */
    @Transactional(readOnly = true)
    public OptionalLong pending(long accountId, long devicePk, long folderId) {
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
        if (loaded.isEmpty()) {
            return OptionalLong.empty();
        }
        return estimate(accountId, devicePk, folderId, loaded.get().key(), SyncOptions.Update.NONE)
                        instanceof Estimate.Count(long count)
                ? OptionalLong.of(count)
                : OptionalLong.empty();
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
        Optional<FolderView> folder = folder(accountId, folderId);
        if (folder.isEmpty()) {
            return new Estimate.UnknownCollection();
        }
        ItemStore store = store(folder.get().type());
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
        if (loaded.isEmpty() || syncKey == 0) {
            return new Estimate.NotPrimed();
        }
        CollectionState state = loaded.get();
        if (syncKey != state.key()) {
            return new Estimate.InvalidSyncKey();
        }
        SyncOptions options = effective(store, state.options().with(update));
        CollectionState.Progress progress =
                options.filter() != state.options().filter() ? state.progress().restartScan() : state.progress();
        Pass pass = new Pass(store, accountId, devicePk, folderId, options, clock.instant(), progress);
        pass.room = Mailboxes.MAX_PAGE;
        List<Decision> found = journalPass(pass);
        if (beforeHorizon(accountId, folderId, progress.position())) {
            return new Estimate.InvalidSyncKey();
        }
        Set<Long> counted = pass.decided;
        long count = Mailboxes.MAX_PAGE - pass.room;
        Instant cutoff = pass.cutoff;
        if (progress.scanActive()) {
            // An item the journal adds is one the scan brings too: it is in the folder and not held.
            count -= found.stream().filter(d -> d.kind() == Kind.ADD).count();
            long inWindow = store.count(accountId, folderId, cutoff);
            count += Math.max(0, inWindow - items.count(accountId, devicePk, folderId));
        } else if (options.filter() != FilterType.ALL) {
            count += items.olderThan(accountId, devicePk, folderId, cutoff, Mailboxes.MAX_PAGE).stream()
                    .filter(item -> !counted.contains(item.messageId()))
                    .count();
        }
        return new Estimate.Count(count);
    }

    /**
     * The folders among {@code folderIds} in which the device's next Sync would bring something (Ping, MS-ASCMD
     * 3.1.5.8), found without changing anything and stopping at the first change of each folder. The device's own
     * changes never count: its state already holds them. A folder the device never synced counts when someone
     * else changed it after {@code sinceModseq}.
     */
    @Transactional(readOnly = true)
    public Set<Long> foldersWithChanges(long accountId, long devicePk, Collection<Long> folderIds, long sinceModseq) {
        Set<Long> changed = new HashSet<>();
        Instant now = clock.instant();
        Map<Long, ItemStore> byFolder = storesOf(accountId);
        for (long folderId : folderIds) {
            Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
            boolean pending = loaded.isPresent()
                    ? hasPending(
                            byFolder.getOrDefault(folderId, email), accountId, devicePk, folderId, loaded.get(), now)
                    : changedByOthers(accountId, devicePk, folderId, JournalPosition.afterModseq(sinceModseq));
            if (pending) {
                changed.add(folderId);
            }
        }
        return changed;
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
        Instant now = clock.instant();
        List<Set<Long>> changed = new ArrayList<>(watches.size());
        Set<Long> devicePks = new HashSet<>();
        Set<Long> folderIds = new HashSet<>();
        for (FolderWatch watch : watches) {
            changed.add(new HashSet<>());
            devicePks.add(watch.devicePk());
            folderIds.addAll(watch.folderIds());
        }
        Map<Long, Map<Long, CollectionState>> loaded = states.findAll(accountId, devicePks, folderIds);
        Map<Long, ItemStore> storeOf = storesOf(accountId);
        Map<Long, List<Watcher>> byFolder = new HashMap<>();
        for (int i = 0; i < watches.size(); i++) {
            FolderWatch watch = watches.get(i);
            for (long folderId : watch.folderIds()) {
                CollectionState state =
                        loaded.getOrDefault(watch.devicePk(), Map.of()).get(folderId);
                if (state != null) {
                    Pass pass = new Pass(
                            storeOf.getOrDefault(folderId, email),
                            accountId,
                            watch.devicePk(),
                            folderId,
                            state.options(),
                            now,
                            state.progress());
                    byFolder.computeIfAbsent(folderId, id -> new ArrayList<>()).add(new Watcher(changed.get(i), pass));
                } else if (changedByOthers(
                        accountId, watch.devicePk(), folderId, JournalPosition.afterModseq(watch.sinceModseq()))) {
                    changed.get(i).add(folderId);
                }
            }
        }
        byFolder.forEach((folderId, watchers) -> {
            List<Watcher> open = journalPending(accountId, folderId, watchers);
            JournalPosition horizon = mailboxes.journalHorizon(accountId, folderId);
            List<Watcher> current = new ArrayList<>();
            for (Watcher watcher : open) {
                if (watcher.pass().progress.position().compareTo(horizon) < 0) {
                    watcher.found();
                } else {
                    current.add(watcher);
                }
            }
            otherPending(accountId, folderId, current);
        });
        return changed;
    }

    /** One device's pending check of one folder in {@link #foldersWithChanges(long, List)}. */
    private static final class Watcher {
        private final Set<Long> changed;
        private final Pass pass;

        Watcher(Set<Long> changed, Pass pass) {
            this.changed = changed;
            this.pass = pass;
        }

        Pass pass() {
            return pass;
        }

        void found() {
            changed.add(pass.folderId);
        }
    }

    /**
     * Reads the folder's journal once, after the earliest position of the watchers, and marks each watcher for
     * which an entry after its own position is a change (as {@link #journalPass} would decide it).
     *
     * @return the watchers the journal found nothing for
     */
    private List<Watcher> journalPending(long accountId, long folderId, List<Watcher> watchers) {
        List<Watcher> open = new ArrayList<>(watchers);
        JournalPosition position = open.stream()
                .map(w -> w.pass().progress.position())
                .min(JournalPosition::compareTo)
                .orElseThrow();
        while (!open.isEmpty()) {
            ChangePage page = mailboxes.changes(accountId, folderId, position, BATCH_JOURNAL_PAGE);
            if (page.entries().isEmpty()) {
                break;
            }
            JournalPosition last = page.entries().getLast().position();
            List<Watcher> concerned = open.stream()
                    .filter(w -> w.pass().progress.position().compareTo(last) < 0)
                    .toList();
            Set<Long> ids = new HashSet<>();
            for (JournalEntry entry : page.entries()) {
                if (entry.messageId() != null) {
                    ids.add(entry.messageId());
                }
            }
            Map<Long, ItemStamp> stamps = byId(open.getFirst().pass().store.stamps(accountId, ids));
            Map<Long, Map<Long, HeldItem>> held = items.heldByDevices(
                    accountId,
                    concerned.stream().map(w -> w.pass().devicePk).collect(Collectors.toSet()),
                    folderId,
                    ids);
            Set<Watcher> found = new HashSet<>();
            for (Watcher watcher : concerned) {
                Map<Long, HeldItem> its = held.getOrDefault(watcher.pass().devicePk, Map.of());
                for (JournalEntry entry : page.entries()) {
                    Long messageId = entry.messageId();
                    if (messageId != null
                            && entry.position()
                                            .compareTo(watcher.pass().progress.position())
                                    > 0
                            && decide(watcher.pass(), messageId, stamps.get(messageId), its.get(messageId))
                                    .isPresent()) {
                        watcher.found();
                        found.add(watcher);
                        break;
                    }
                }
            }
            open.removeAll(found);
            if (!page.more()) {
                break;
            }
            position = page.next();
        }
        return open;
    }

    /** The rest of {@link #hasPending} for watchers the journal found nothing for: the first scan, FilterType aging. */
    private void otherPending(long accountId, long folderId, List<Watcher> open) {
        Map<Long, Instant> aging = new HashMap<>();
        Map<Long, Watcher> byDevice = new HashMap<>();
        for (Watcher watcher : open) {
            Pass pass = watcher.pass();
            if (pass.progress.scanActive()
                    && pass.store.count(accountId, folderId, pass.cutoff)
                            > items.count(accountId, pass.devicePk, folderId)) {
                watcher.found();
            } else if (pass.options.filter() != FilterType.ALL) {
                aging.put(pass.devicePk, pass.cutoff);
                byDevice.put(pass.devicePk, watcher);
            }
        }
        items.holdingOlderThan(accountId, folderId, aging)
                .forEach(pk -> byDevice.get(pk).found());
    }

    private boolean hasPending(
            ItemStore store, long accountId, long devicePk, long folderId, CollectionState state, Instant now) {
        Pass pass = new Pass(store, accountId, devicePk, folderId, state.options(), now, state.progress());
        pass.room = 1;
        journalPass(pass);
        if (!pass.decided.isEmpty()
                || pass.more
                || beforeHorizon(accountId, folderId, state.progress().position())) {
            return true;
        }
        if (state.progress().scanActive()
                && store.count(accountId, folderId, pass.cutoff) > items.count(accountId, devicePk, folderId)) {
            return true;
        }
        return state.options().filter() != FilterType.ALL
                && !items.olderThan(accountId, devicePk, folderId, pass.cutoff, 1)
                        .isEmpty();
    }

    private boolean changedByOthers(long accountId, long devicePk, long folderId, JournalPosition after) {
        JournalPosition position = after;
        ChangePage page;
        do {
            page = mailboxes.changes(accountId, folderId, position, Mailboxes.MAX_PAGE);
            for (JournalEntry entry : page.entries()) {
                if (entry.originDevice() == null || entry.originDevice() != devicePk) {
                    return true;
                }
            }
            position = page.next();
        } while (page.more());
        return beforeHorizon(accountId, folderId, after);
    }

    /**
     * Whether changes of the folder after {@code position} were removed from the journal for their age: a device
     * there cannot be told what it missed and must start over (Sync Status 3, GetItemEstimate Status 4). Read after
     * the journal itself, a removal that a read of the journal missed is seen here, because the entries and the
     * horizon change in one transaction.
     */
    private boolean beforeHorizon(long accountId, long folderId, JournalPosition position) {
        return position.compareTo(mailboxes.journalHorizon(accountId, folderId)) < 0;
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
        Optional<ItemId> item = ItemId.parse(sourceItem);
        Optional<FolderView> source = folder(accountId, sourceFolderId);
        if (source.isEmpty()) {
            return new MoveOutcome.InvalidSource();
        }
        ItemStore store = store(source.get().type());
        Optional<FolderView> target = folder(accountId, targetFolderId);
        if (target.isEmpty() || store(target.get().type()) != store) {
            return new MoveOutcome.InvalidTarget();
        }
        if (sourceFolderId == targetFolderId) {
            return new MoveOutcome.SameFolder();
        }
        if (item.isEmpty() || item.get().folderId() != sourceFolderId) {
            return new MoveOutcome.InvalidSource();
        }
        long itemId = item.get().messageId();
        mailboxes.holdWriterLock(accountId);
        Optional<ItemStamp> stamp =
                store.stamps(accountId, List.of(itemId)).stream().findFirst();
        if (stamp.isEmpty()) {
            return new MoveOutcome.InvalidSource();
        }
        if (stamp.get().folderId() == sourceFolderId) {
            ChangeOrigin.asDevice(devicePk, () -> {
                store.move(accountId, itemId, targetFolderId);
                return null;
            });
        } else if (stamp.get().folderId() != targetFolderId) {
            return new MoveOutcome.InvalidSource();
        }
        ItemStamp moved = store.stamps(accountId, List.of(itemId)).getFirst();
        HeldItem wasHeld =
                items.held(accountId, devicePk, sourceFolderId, List.of(itemId)).get(itemId);
        items.remove(accountId, devicePk, sourceFolderId, List.of(itemId), false);
        if (states.find(accountId, devicePk, targetFolderId, false).isPresent()) {
            // The device holds in the target what it held in the source: the item as it stood when the device
            // last received it. Only when nobody changed it since then is the moved item exactly that; otherwise
            // it stays held at that older modseq, and the target's next Sync brings the changes as one Change.
            boolean unchanged = wasHeld != null
                    && stamp.get().folderId() == sourceFolderId
                    && stamp.get().modseq() <= wasHeld.modseq();
            long heldModseq = unchanged ? moved.modseq() : wasHeld == null ? 0 : wasHeld.modseq();
            items.put(
                    accountId,
                    devicePk,
                    targetFolderId,
                    List.of(new HeldItem(itemId, heldModseq, moved.since())),
                    false);
        }
        return new MoveOutcome.Moved(new ItemId(targetFolderId, itemId));
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
        Optional<FolderView> folder = folder(accountId, folderId);
        if (folder.isEmpty() || store(folder.get().type()) != email) {
            return false;
        }
        ChangeOrigin.asDevice(devicePk, () -> {
            mailboxes.emptyFolder(accountId, folderId, withSubfolders);
            return null;
        });
        items.clear(accountId, devicePk, folderId);
        return true;
    }

    /**
     * Moves every message of a conversation to a folder (ItemOperations Move). The device learns the new
     * ServerIds from its next Sync of each folder.
     *
     * @return false when the folder is not the account's or the conversation has no message
     */
    @Transactional
    public boolean moveThread(long accountId, long devicePk, long threadId, long targetFolderId) {
        List<Long> messages = mailboxes.thread(accountId, threadId);
        if (folder(accountId, targetFolderId).isEmpty() || messages.isEmpty()) {
            return false;
        }
        ChangeOrigin.asDevice(devicePk, () -> mailboxes.move(accountId, messages, targetFolderId));
        return true;
    }

    // ---- one request's work on one collection

    private static final class Pass {
        final ItemStore store;
        final long accountId;
        final long devicePk;
        final long folderId;
        final SyncOptions options;
        final Instant now;
        final Instant cutoff;
        CollectionState.Progress progress;
        int room;
        long budget = RESPONSE_BUDGET;
        boolean more;
        boolean replay;

        /** Messages already decided in this pass, so no message gets two commands in one response. */
        final Set<Long> decided = new HashSet<>();

        Pass(
                ItemStore store,
                long accountId,
                long devicePk,
                long folderId,
                SyncOptions options,
                Instant now,
                CollectionState.Progress progress) {
            this.store = store;
            this.accountId = accountId;
            this.devicePk = devicePk;
            this.folderId = folderId;
            this.options = options;
            this.now = now;
            this.cutoff = store.cutoff(options.filter(), now);
            this.progress = progress;
            this.room = options.windowSize();
        }

        boolean full() {
            return room <= 0 || budget <= 0;
        }

        void take(int size) {
            room--;
            budget -= size;
        }

        boolean belongs(ItemStamp stamp) {
            return stamp.folderId() == folderId && !stamp.since().isBefore(cutoff);
        }
    }

    private enum Kind {
        ADD,
        CHANGE,
        DELETE,
        SOFT_DELETE
    }

    private record Decision(
            long messageId, Kind kind, @Nullable ItemStamp stamp) {}

    // ---- the device's changes

    private List<ClientResponse> applyClientCommands(Pass pass, FolderType type, List<ClientCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        mailboxes.holdWriterLock(pass.accountId);
        ClientChanges changes = new ClientChanges(
                pass.accountId,
                pass.devicePk,
                pass.folderId,
                type,
                pass.options,
                pass.now,
                pass.replay,
                items,
                conflicts,
                clientAdds,
                mailboxes);
        Set<Long> targets = new HashSet<>();
        commands.forEach(command -> changes.target(command).ifPresent(targets::add));
        Map<Long, Long> heldBefore = changes.heldModseqs(targets);
        Map<Long, ItemStamp> before = byId(pass.store.stamps(pass.accountId, targets));
        List<ClientResponse> responses =
                ChangeOrigin.asDevice(pass.devicePk, () -> pass.store.apply(changes, commands));
        List<HeldItem> nowHeld = new ArrayList<>();
        for (ItemStamp stamp : pass.store.stamps(pass.accountId, changes.held())) {
            // The device's copy is the item as it last received it plus its own change. That is the stored item
            // only when nobody else changed it since; otherwise (a change the client wins, or one resent under the
            // previous key, which is applied again without a conflict check) it stays held at the older modseq,
            // so the device is sent the item as it now is.
            Long had = heldBefore.get(stamp.id());
            ItemStamp was = before.get(stamp.id());
            boolean changedByOthers = had != null && was != null && was.modseq() > had;
            nowHeld.add(new HeldItem(stamp.id(), changedByOthers ? had : stamp.modseq(), stamp.since()));
        }
        items.put(pass.accountId, pass.devicePk, pass.folderId, nowHeld, true);
        items.remove(pass.accountId, pass.devicePk, pass.folderId, changes.dropped(), true);
        return responses;
    }

    // ---- the server's changes

    private List<ServerCommand> serverChanges(Pass pass) {
        List<Decision> decisions = new ArrayList<>(journalPass(pass));
        if (!pass.full() && pass.options.filter() != FilterType.ALL) {
            decisions.addAll(agingPass(pass));
        }
        if (!pass.full() && pass.progress.scanActive()) {
            decisions.addAll(scanPass(pass));
        }
        if (!pass.full() && !pass.progress.scanActive() && pass.progress.reconcile()) {
            decisions.addAll(reconcilePass(pass));
        }
        return record(pass, decisions);
    }

    /** Decisions for the messages the journal names after the position, up to the window. */
    private List<Decision> journalPass(Pass pass) {
        List<Decision> decisions = new ArrayList<>();
        Set<Long> decided = pass.decided;
        JournalPosition position = pass.progress.position();
        while (true) {
            ChangePage page = mailboxes.changes(
                    pass.accountId, pass.folderId, position, Math.min(Mailboxes.MAX_PAGE, 4 * pass.room + 16));
            if (page.entries().isEmpty()) {
                break;
            }
            Set<Long> ids = new HashSet<>();
            for (JournalEntry entry : page.entries()) {
                if (entry.messageId() != null && !decided.contains(entry.messageId())) {
                    ids.add(entry.messageId());
                }
            }
            Map<Long, ItemStamp> stamps = byId(pass.store.stamps(pass.accountId, ids));
            Map<Long, HeldItem> held = items.held(pass.accountId, pass.devicePk, pass.folderId, ids);
            for (JournalEntry entry : page.entries()) {
                Long messageId = entry.messageId();
                if (messageId != null && !decided.contains(messageId)) {
                    Optional<Decision> decision = decide(pass, messageId, stamps.get(messageId), held.get(messageId));
                    if (decision.isPresent()) {
                        if (pass.full()) {
                            pass.more = true;
                            pass.progress = withPosition(pass.progress, position);
                            return decisions;
                        }
                        decided.add(messageId);
                        decisions.add(decision.get());
                        pass.take(
                                decision.get().stamp() == null
                                        ? 0
                                        : decision.get().stamp().size());
                    }
                }
                position = entry.position();
            }
            if (!page.more()) {
                break;
            }
        }
        pass.progress = withPosition(pass.progress, position);
        return decisions;
    }

    private static Optional<Decision> decide(
            Pass pass, long messageId, @Nullable ItemStamp stamp, @Nullable HeldItem held) {
        if (stamp != null && pass.belongs(stamp)) {
            if (held == null) {
                return Optional.of(new Decision(messageId, Kind.ADD, stamp));
            }
            return stamp.modseq() > held.modseq()
                    ? Optional.of(new Decision(messageId, Kind.CHANGE, stamp))
                    : Optional.empty();
        }
        if (held == null) {
            return Optional.empty();
        }
        boolean stillHere = stamp != null && stamp.folderId() == pass.folderId;
        return Optional.of(new Decision(messageId, stillHere ? Kind.SOFT_DELETE : Kind.DELETE, stamp));
    }

    /** SoftDeletes for held items that aged out of the FilterType window. */
    private List<Decision> agingPass(Pass pass) {
        Set<Long> decided = pass.decided;
        List<Decision> decisions = new ArrayList<>();
        for (HeldItem item :
                items.olderThan(pass.accountId, pass.devicePk, pass.folderId, pass.cutoff, pass.room + 1)) {
            if (decided.contains(item.messageId())) {
                continue;
            }
            if (pass.full()) {
                pass.more = true;
                break;
            }
            decided.add(item.messageId());
            decisions.add(new Decision(item.messageId(), Kind.SOFT_DELETE, null));
            pass.take(0);
        }
        return decisions;
    }

    /** Adds for the folder's messages the device does not hold yet, newest first, from the scan cursor on. */
    private List<Decision> scanPass(Pass pass) {
        List<Decision> decisions = new ArrayList<>();
        CollectionState.Progress progress = pass.progress;
        ScanCursor cursor = progress.cursor();
        while (!pass.full()) {
            int want = Math.min(Mailboxes.MAX_PAGE, pass.room * 2 + 16);
            List<ItemStamp> stamps = pass.store.scan(
                    pass.accountId,
                    pass.folderId,
                    pass.cutoff,
                    cursor == null ? null : new ItemStamp(cursor.messageId(), pass.folderId, cursor.receivedAt(), 0, 0),
                    want);
            Map<Long, HeldItem> held = items.held(
                    pass.accountId,
                    pass.devicePk,
                    pass.folderId,
                    stamps.stream().map(ItemStamp::id).toList());
            for (ItemStamp stamp : stamps) {
                if (!held.containsKey(stamp.id()) && !pass.decided.contains(stamp.id())) {
                    if (pass.full()) {
                        pass.more = true;
                        pass.progress =
                                new CollectionState.Progress(progress.position(), true, cursor, progress.reconcile());
                        return decisions;
                    }
                    pass.decided.add(stamp.id());
                    decisions.add(new Decision(stamp.id(), Kind.ADD, stamp));
                    pass.take(stamp.size());
                }
                cursor = new ScanCursor(stamp.since(), stamp.id());
            }
            if (stamps.size() < want) {
                pass.progress = new CollectionState.Progress(progress.position(), false, null, progress.reconcile());
                return decisions;
            }
        }
        pass.more = true;
        pass.progress = new CollectionState.Progress(progress.position(), true, cursor, progress.reconcile());
        return decisions;
    }

    /** After a FilterType change: Deletes, SoftDeletes and Changes for held items, wherever the journal says not. */
    private List<Decision> reconcilePass(Pass pass) {
        List<Decision> decisions = new ArrayList<>();
        long after = 0;
        while (true) {
            List<HeldItem> page = items.page(pass.accountId, pass.devicePk, pass.folderId, after, RECONCILE_PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, ItemStamp> stamps = byId(pass.store.stamps(
                    pass.accountId, page.stream().map(HeldItem::messageId).toList()));
            for (HeldItem item : page) {
                if (pass.decided.contains(item.messageId())) {
                    continue;
                }
                Optional<Decision> decision = decide(pass, item.messageId(), stamps.get(item.messageId()), item);
                if (decision.isPresent()) {
                    if (pass.full()) {
                        pass.more = true;
                        return decisions;
                    }
                    pass.decided.add(item.messageId());
                    decisions.add(decision.get());
                    pass.take(0);
                }
            }
            after = page.getLast().messageId();
        }
        CollectionState.Progress progress = pass.progress;
        pass.progress =
                new CollectionState.Progress(progress.position(), progress.scanActive(), progress.cursor(), false);
        return decisions;
    }

    /** Turns decisions into commands and records what the device holds after them. */
    private List<ServerCommand> record(Pass pass, List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        List<Long> shown = decisions.stream()
                .filter(d -> d.kind() == Kind.ADD || d.kind() == Kind.CHANGE)
                .map(Decision::messageId)
                .toList();
        Map<Long, ItemView> views = new HashMap<>();
        if (!shown.isEmpty()) {
            pass.store.fetch(pass.accountId, shown).forEach(view -> views.put(view.id(), view));
        }
        List<ServerCommand> commands = new ArrayList<>();
        List<HeldItem> nowHeld = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (Decision decision : decisions) {
            ItemId item = new ItemId(pass.folderId, decision.messageId());
            switch (decision.kind()) {
                case ADD, CHANGE -> {
                    ItemView view = views.get(decision.messageId());
                    if (view == null || view.folderId() != pass.folderId || decision.stamp() == null) {
                        continue;
                    }
                    commands.add(
                            decision.kind() == Kind.ADD
                                    ? new ServerCommand.Add(item, view)
                                    : new ServerCommand.Change(item, view));
                    nowHeld.add(new HeldItem(
                            view.id(), view.modseq(), decision.stamp().since()));
                }
                case DELETE -> {
                    commands.add(new ServerCommand.Delete(item));
                    dropped.add(decision.messageId());
                }
                case SOFT_DELETE -> {
                    commands.add(new ServerCommand.SoftDelete(item));
                    dropped.add(decision.messageId());
                }
            }
        }
        items.put(pass.accountId, pass.devicePk, pass.folderId, nowHeld, true);
        items.remove(pass.accountId, pass.devicePk, pass.folderId, dropped, true);
        return commands;
    }

    // ---- helpers

    private Optional<FolderView> folder(long accountId, long folderId) {
        return mailboxes.findFolder(accountId, folderId);
    }

    /** The item class whose items a folder of this type holds; Email for any type no other class claims. */
    private ItemStore store(FolderType type) {
        for (ItemStore store : stores) {
            if (store != email && store.folderTypes().contains(type)) {
                return store;
            }
        }
        return email;
    }

    private Map<Long, ItemStore> storesOf(long accountId) {
        Map<Long, ItemStore> byFolder = new HashMap<>();
        mailboxes.folders(accountId).forEach(folder -> byFolder.put(folder.id(), store(folder.type())));
        return byFolder;
    }

    /** The options as they apply to the class: a FilterType only where the class takes it (MS-ASCMD 2.2.3.69.2). */
    private static SyncOptions effective(ItemStore store, SyncOptions options) {
        return store.takes(options.filter())
                ? options
                : new SyncOptions(
                        FilterType.ALL,
                        options.conflict(),
                        options.deletesAsMoves(),
                        options.windowSize(),
                        options.mimeSupport(),
                        options.bodyPreferences());
    }

    private static CollectionState.Progress withPosition(CollectionState.Progress progress, JournalPosition position) {
        return new CollectionState.Progress(position, progress.scanActive(), progress.cursor(), progress.reconcile());
    }

    private static Map<Long, ItemStamp> byId(Collection<ItemStamp> stamps) {
        Map<Long, ItemStamp> byId = new HashMap<>();
        stamps.forEach(stamp -> byId.put(stamp.id(), stamp));
        return byId;
    }
}
