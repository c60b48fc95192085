package org.atoll.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.atoll.mailbox.ChangePage;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.ItemView;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.ItemSyncs.Estimate;
import org.atoll.sync.internal.CollectionReads;
import org.atoll.sync.internal.CollectionState;
import org.atoll.sync.internal.CollectionStates;
import org.atoll.sync.internal.CollectionWrites;
import org.atoll.sync.internal.DeviceItems;
import org.atoll.sync.internal.HeldItem;
import org.atoll.sync.internal.ScanCursor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a device has not seen of a collection: the server's changes for its next Sync, a window at a time with
 * MoreAvailable (from the journal after its position, the first scan, FilterType aging and the reconciliation after
 * a FilterType change), recorded as held once sent; and the same decisions made without writing anything, for
 * GetItemEstimate, Ping and the "nothing changed" answer to a poll.
 *
 * <p>What a device holds is kept per item with the modseq of the state it received. The server's changes are found
 * by comparing that with the store, so reading the same journal entry twice never sends a change twice, and a
 * device's own changes are never echoed: applying them records the new state as held.
 */
@Component
class PendingChanges {

    private static final int RECONCILE_PAGE = 500;

    /** Journal entries read at a time when many devices' folders are checked at once. */
    private static final int BATCH_JOURNAL_PAGE = 1_000;

    private final Mailboxes mailboxes;
    private final CollectionStates states;
    private final DeviceItems items;
    private final ItemClasses classes;
    private final Clock clock;
    private final CollectionWrites writes;

    PendingChanges(
            Mailboxes mailboxes,
            CollectionStates states,
            DeviceItems items,
            ItemClasses classes,
            Clock clock,
            CollectionWrites writes) {
        this.writes = writes;
        this.mailboxes = mailboxes;
        this.states = states;
        this.items = items;
        this.classes = classes;
        this.clock = clock;
    }

    /**
     * The answer to the most common request, a poll with the current key when nothing changed, found from the
     * collection's opening read without locking or writing anything: a lock alone would make the transaction wait
     * for a durable commit.
     */
    Optional<CollectionResult> unchanged(
            ItemStore store,
            FolderType type,
            long accountId,
            long devicePk,
            CollectionRequest request,
            Instant now,
            CollectionReads.Opening peek) {
        CollectionState state = peek.state();
        if (state == null || state.key() != request.syncKey()) {
            return Optional.empty();
        }
        SyncOptions options = ItemClasses.effective(store, state.options().with(request.options()));
        if (!options.equals(state.options())
                || state.progress().scanActive()
                || state.progress().reconcile()
                || !peek.journal().isEmpty()
                || state.progress().position().compareTo(peek.horizon()) < 0
                || (options.filter() != FilterType.ALL
                        && !items.olderThan(
                                        accountId, devicePk, request.folderId(), store.cutoff(options.filter(), now), 1)
                                .isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new CollectionResult.Synced(type, state.key(), List.of(), List.of(), false, options));
    }

    /** How many journal entries a Sync's opening read takes: what the first page of its journal pass would. */
    static int firstPage(CollectionRequest request) {
        Integer window = request.options().windowSize();
        return journalPage(window == null ? SyncOptions.DEFAULT_WINDOW : window);
    }

    private static int journalPage(int room) {
        return Math.min(Mailboxes.MAX_PAGE, 4 * room + 16);
    }

    /**
     * How many changes of the collection the device has not received yet: what its next Sync with its current key
     * would bring, counted without changing anything, exactly as a GetItemEstimate would (MS-ASCMD 2.2.1.9). Empty
     * when there is nothing to count against: the device never synced the collection, the folder is gone, or the
     * device's position fell behind the journal's horizon (its next Sync starts over).
     */
    OptionalLong pending(long accountId, long devicePk, long folderId) {
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
        if (loaded.isEmpty()) {
            return OptionalLong.empty();
        }
        return estimate(accountId, devicePk, folderId, loaded.get().key(), SyncOptions.Update.NONE)
                        instanceof Estimate.Count(long count)
                ? OptionalLong.of(count)
                : OptionalLong.empty();
    }

    /**
     * How many changes the device would get for the collection (GetItemEstimate, MS-ASCMD 2.2.1.9), counted without
     * changing anything.
     */
    Estimate estimate(long accountId, long devicePk, long folderId, long syncKey, SyncOptions.Update update) {
        Optional<FolderView> folder = classes.folder(accountId, folderId);
        if (folder.isEmpty()) {
            return new Estimate.UnknownCollection();
        }
        ItemStore store = classes.store(folder.get().type());
        Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
        if (loaded.isEmpty() || syncKey == 0) {
            return new Estimate.NotPrimed();
        }
        CollectionState state = loaded.get();
        if (syncKey != state.key()) {
            return new Estimate.InvalidSyncKey();
        }
        SyncOptions options = ItemClasses.effective(store, state.options().with(update));
        CollectionState.Progress progress =
                options.filter() != state.options().filter() ? state.progress().restartScan() : state.progress();
        SyncPass pass = new SyncPass(store, accountId, devicePk, folderId, options, clock.instant(), progress);
        pass.room = Mailboxes.MAX_PAGE;
        List<SyncPass.Decision> found = journalPass(pass);
        if (beforeHorizon(accountId, folderId, progress.position())) {
            return new Estimate.InvalidSyncKey();
        }
        Set<Long> counted = pass.decided;
        long count = Mailboxes.MAX_PAGE - pass.room;
        Instant cutoff = pass.cutoff;
        if (progress.scanActive()) {
            // An item the journal adds is one the scan brings too: it is in the folder and not held.
            count -= found.stream().filter(d -> d.kind() == SyncPass.Kind.ADD).count();
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
    Set<Long> foldersWithChanges(long accountId, long devicePk, Collection<Long> folderIds, long sinceModseq) {
        Set<Long> changed = new HashSet<>();
        Instant now = clock.instant();
        Map<Long, ItemStore> byFolder = classes.storesOf(accountId);
        for (long folderId : folderIds) {
            Optional<CollectionState> loaded = states.find(accountId, devicePk, folderId, false);
            boolean pending = loaded.isPresent()
                    ? hasPending(
                            byFolder.getOrDefault(folderId, classes.email()),
                            accountId,
                            devicePk,
                            folderId,
                            loaded.get(),
                            now)
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
    List<Set<Long>> foldersWithChanges(long accountId, List<FolderWatch> watches) {
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
        Map<Long, ItemStore> storeOf = classes.storesOf(accountId);
        Map<Long, List<Watcher>> byFolder = new HashMap<>();
        for (int i = 0; i < watches.size(); i++) {
            FolderWatch watch = watches.get(i);
            for (long folderId : watch.folderIds()) {
                CollectionState state =
                        loaded.getOrDefault(watch.devicePk(), Map.of()).get(folderId);
                if (state != null) {
                    SyncPass pass = new SyncPass(
                            storeOf.getOrDefault(folderId, classes.email()),
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
        private final SyncPass pass;

        Watcher(Set<Long> changed, SyncPass pass) {
            this.changed = changed;
            this.pass = pass;
        }

        SyncPass pass() {
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
            Map<Long, ItemStamp> stamps =
                    SyncPass.byId(open.getFirst().pass().store.stamps(accountId, ids));
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
            SyncPass pass = watcher.pass();
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
        SyncPass pass = new SyncPass(store, accountId, devicePk, folderId, state.options(), now, state.progress());
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
    boolean beforeHorizon(long accountId, long folderId, JournalPosition position) {
        return position.compareTo(mailboxes.journalHorizon(accountId, folderId)) < 0;
    }

    /** The server's changes the device has not seen, up to the pass's window, recorded as held. */
    List<ServerCommand> serverChanges(SyncPass pass) {
        List<SyncPass.Decision> decisions = new ArrayList<>(journalPass(pass));
        boolean more = !pass.full()
                && (pass.options.filter() != FilterType.ALL || pass.progress.scanActive() || pass.progress.reconcile());
        if (more) {
            // The passes below read what the device holds in the table itself.
            writes.flush(pass.accountId, pass.devicePk, pass.folderId, pass.held);
        }
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
    private List<SyncPass.Decision> journalPass(SyncPass pass) {
        List<SyncPass.Decision> decisions = new ArrayList<>();
        Set<Long> decided = pass.decided;
        JournalPosition position = pass.progress.position();
        while (true) {
            ChangePage page = pass.firstPage != null
                    ? pass.firstPage
                    : mailboxes.changes(pass.accountId, pass.folderId, position, journalPage(pass.room));
            pass.firstPage = null;
            if (page.entries().isEmpty()) {
                break;
            }
            Set<Long> ids = new HashSet<>();
            for (JournalEntry entry : page.entries()) {
                if (entry.messageId() != null && !decided.contains(entry.messageId())) {
                    ids.add(entry.messageId());
                }
            }
            Map<Long, ItemStamp> stamps = pass.stamps(ids);
            Map<Long, HeldItem> held = held(pass, ids);
            for (JournalEntry entry : page.entries()) {
                Long messageId = entry.messageId();
                if (messageId != null && !decided.contains(messageId)) {
                    Optional<SyncPass.Decision> decision =
                            decide(pass, messageId, stamps.get(messageId), held.get(messageId));
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

    private static Optional<SyncPass.Decision> decide(
            SyncPass pass, long messageId, @Nullable ItemStamp stamp, @Nullable HeldItem held) {
        if (stamp != null && pass.belongs(stamp)) {
            if (held == null) {
                return Optional.of(new SyncPass.Decision(messageId, SyncPass.Kind.ADD, stamp));
            }
            return stamp.modseq() > held.modseq()
                    ? Optional.of(new SyncPass.Decision(messageId, SyncPass.Kind.CHANGE, stamp))
                    : Optional.empty();
        }
        if (held == null) {
            return Optional.empty();
        }
        boolean stillHere = stamp != null && stamp.folderId() == pass.folderId;
        return Optional.of(
                new SyncPass.Decision(messageId, stillHere ? SyncPass.Kind.SOFT_DELETE : SyncPass.Kind.DELETE, stamp));
    }

    /** SoftDeletes for held items that aged out of the FilterType window. */
    private List<SyncPass.Decision> agingPass(SyncPass pass) {
        Set<Long> decided = pass.decided;
        List<SyncPass.Decision> decisions = new ArrayList<>();
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
            decisions.add(new SyncPass.Decision(item.messageId(), SyncPass.Kind.SOFT_DELETE, null));
            pass.take(0);
        }
        return decisions;
    }

    /** Adds for the folder's messages the device does not hold yet, newest first, from the scan cursor on. */
    private List<SyncPass.Decision> scanPass(SyncPass pass) {
        List<SyncPass.Decision> decisions = new ArrayList<>();
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
                    decisions.add(new SyncPass.Decision(stamp.id(), SyncPass.Kind.ADD, stamp));
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
    private List<SyncPass.Decision> reconcilePass(SyncPass pass) {
        List<SyncPass.Decision> decisions = new ArrayList<>();
        long after = 0;
        while (true) {
            List<HeldItem> page = items.page(pass.accountId, pass.devicePk, pass.folderId, after, RECONCILE_PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, ItemStamp> stamps = SyncPass.byId(pass.store.stamps(
                    pass.accountId, page.stream().map(HeldItem::messageId).toList()));
            for (HeldItem item : page) {
                if (pass.decided.contains(item.messageId())) {
                    continue;
                }
                Optional<SyncPass.Decision> decision =
                        decide(pass, item.messageId(), stamps.get(item.messageId()), item);
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
    private List<ServerCommand> record(SyncPass pass, List<SyncPass.Decision> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        List<Long> shown = decisions.stream()
                .filter(d -> d.kind() == SyncPass.Kind.ADD || d.kind() == SyncPass.Kind.CHANGE)
                .map(SyncPass.Decision::messageId)
                .toList();
        Map<Long, ItemView> views = new HashMap<>();
        Map<Long, byte[]> contents = Map.of();
        if (!shown.isEmpty()) {
            // The Adds' raw content comes with the items when the window's Adds are small enough to hold at once.
            List<Long> adds = new ArrayList<>();
            long bytes = 0;
            for (SyncPass.Decision decision : decisions) {
                if (decision.kind() == SyncPass.Kind.ADD && decision.stamp() != null) {
                    adds.add(decision.messageId());
                    bytes += decision.stamp().size();
                }
            }
            ItemStore.Fetched fetched = pass.store.fetchWithContent(
                    pass.accountId, shown, bytes <= SyncPass.CONTENT_WITH_ITEMS ? adds : List.of());
            fetched.items().forEach(view -> views.put(view.id(), view));
            contents = fetched.contents();
        }
        List<ServerCommand> commands = new ArrayList<>();
        List<HeldItem> nowHeld = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (SyncPass.Decision decision : decisions) {
            ItemId item = new ItemId(pass.folderId, decision.messageId());
            switch (decision.kind()) {
                case ADD, CHANGE -> {
                    ItemView view = views.get(decision.messageId());
                    if (view == null || view.folderId() != pass.folderId || decision.stamp() == null) {
                        continue;
                    }
                    commands.add(
                            decision.kind() == SyncPass.Kind.ADD
                                    ? new ServerCommand.Add(item, view, contents.get(view.id()))
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
        nowHeld.forEach(pass.held::put);
        dropped.forEach(pass.held::drop);
        return commands;
    }

    /** What the device holds among {@code ids}: what the request changed or read already, the rest read now. */
    private Map<Long, HeldItem> held(SyncPass pass, Collection<Long> ids) {
        List<Long> unknown = pass.held.unknown(ids);
        if (!unknown.isEmpty()) {
            pass.held.learn(unknown, items.held(pass.accountId, pass.devicePk, pass.folderId, unknown));
        }
        return pass.held.held(ids);
    }

    private static CollectionState.Progress withPosition(CollectionState.Progress progress, JournalPosition position) {
        return new CollectionState.Progress(position, progress.scanActive(), progress.cursor(), progress.reconcile());
    }
}
