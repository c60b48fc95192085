package org.atoll.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atoll.mailbox.ChangeKind;
import org.atoll.mailbox.ChangePage;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.JournalEntry;
import org.atoll.mailbox.JournalPosition;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.FolderSyncStates;
import org.atoll.sync.internal.FolderSyncStates.State;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The folder hierarchy as each device has seen it (MS-ASCMD 2.2.1.5). Key 0 starts over with every folder; the
 * current key gets the folder changes journaled since; the previous key gets the answer it was given before, with
 * the same new key, so a lost response never leaves a device behind.
 */
@Service
public class FolderSyncs {

    private final Mailboxes mailboxes;
    private final FolderSyncStates states;

    FolderSyncs(Mailboxes mailboxes, FolderSyncStates states) {
        this.mailboxes = mailboxes;
        this.states = states;
    }

    /**
     * @param devicePk the registry's id of the device
     * @param syncKey the key the device sent; 0 to start over
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public FolderSyncResult sync(long accountId, long devicePk, long syncKey) {
        JournalPosition now = JournalPosition.afterModseq(mailboxes.highestModseq(accountId));
        List<FolderView> folders = mailboxes.folders(accountId);
        Optional<State> state = states.find(accountId, devicePk);
        if (syncKey == 0) {
            long next = state.map(s -> s.key() + 1).orElse(1L);
            states.save(accountId, devicePk, next, now, null, null);
            return new FolderSyncResult.Changes(
                    next,
                    folders.stream().<FolderChange>map(FolderChange.Added::new).toList());
        }
        if (state.isEmpty()) {
            return new FolderSyncResult.UnknownKey();
        }
        State current = state.get();
        JournalPosition horizon = mailboxes.hierarchyHorizon(accountId);
        if (current.previousKey() != null && syncKey == current.previousKey()) {
            if (current.previousPosition().compareTo(horizon) < 0) {
                return new FolderSyncResult.UnknownKey();
            }
            return new FolderSyncResult.Changes(
                    current.key(),
                    changes(accountId, devicePk, current.previousPosition(), current.position(), folders));
        }
        if (syncKey != current.key() || current.position().compareTo(horizon) < 0) {
            return new FolderSyncResult.UnknownKey();
        }
        List<FolderChange> changes = changes(accountId, devicePk, current.position(), now, folders);
        long next = current.key() + 1;
        states.save(accountId, devicePk, next, now, current.key(), current.position());
        return new FolderSyncResult.Changes(next, changes);
    }

    /**
     * Moves a device to the next key after it changed a folder itself (FolderCreate, FolderUpdate, FolderDelete):
     * the journal position stays, and the device's own changes are skipped when it reads on from there.
     *
     * @return the next key, or empty when {@code syncKey} is not the device's current key
     */
    @Transactional
    public Optional<Long> advance(long accountId, long devicePk, long syncKey) {
        Optional<State> state = states.find(accountId, devicePk);
        if (state.isEmpty() || state.get().key() != syncKey) {
            return Optional.empty();
        }
        State current = state.get();
        long next = current.key() + 1;
        states.save(accountId, devicePk, next, current.position(), current.key(), current.position());
        return Optional.of(next);
    }

    /** Whether {@code syncKey} is the device's current FolderSync key. */
    @Transactional(readOnly = true)
    public boolean isCurrent(long accountId, long devicePk, long syncKey) {
        return states.find(accountId, devicePk).map(s -> s.key() == syncKey).orElse(false);
    }

    /**
     * Whether someone other than the device created, changed or deleted a folder since the device's last FolderSync,
     * or the device never synced its folders (Ping Status 7, MS-ASCMD 2.2.3.177.11).
     */
    @Transactional(readOnly = true)
    public boolean hierarchyChangedSinceLastSync(long accountId, long devicePk) {
        Optional<State> state = states.find(accountId, devicePk);
        if (state.isEmpty()) {
            return true;
        }
        JournalPosition position = state.get().position();
        ChangePage page;
        do {
            page = mailboxes.hierarchyChanges(accountId, position, Mailboxes.MAX_PAGE);
            for (JournalEntry entry : page.entries()) {
                if (entry.originDevice() == null || entry.originDevice() != devicePk) {
                    return true;
                }
            }
            position = page.next();
        } while (page.more());
        return state.get().position().compareTo(mailboxes.hierarchyHorizon(accountId)) < 0;
    }

    /**
     * {@link #hierarchyChangedSinceLastSync(long, long)} for many devices of one account at once: their states in
     * one statement, and the hierarchy journal read once, after the earliest of their positions.
     *
     * @return the devices among {@code devicePks} whose hierarchy changed, or that never synced their folders
     */
    @Transactional(readOnly = true)
    public Set<Long> hierarchyChangedSinceLastSync(long accountId, Collection<Long> devicePks) {
        Map<Long, JournalPosition> positions = new HashMap<>(states.positions(accountId, devicePks));
        Set<Long> changed = new HashSet<>(devicePks);
        changed.removeAll(positions.keySet());
        if (positions.isEmpty()) {
            return changed;
        }
        JournalPosition position =
                positions.values().stream().min(JournalPosition::compareTo).orElseThrow();
        ChangePage page;
        do {
            page = mailboxes.hierarchyChanges(accountId, position, Mailboxes.MAX_PAGE);
            for (JournalEntry entry : page.entries()) {
                Iterator<Map.Entry<Long, JournalPosition>> open =
                        positions.entrySet().iterator();
                while (open.hasNext()) {
                    Map.Entry<Long, JournalPosition> device = open.next();
                    long devicePk = device.getKey();
                    if (entry.position().compareTo(device.getValue()) > 0
                            && (entry.originDevice() == null || entry.originDevice() != devicePk)) {
                        changed.add(devicePk);
                        open.remove();
                    }
                }
            }
            position = page.next();
        } while (page.more() && !positions.isEmpty());
        JournalPosition horizon = mailboxes.hierarchyHorizon(accountId);
        positions.forEach((devicePk, at) -> {
            if (at.compareTo(horizon) < 0) {
                changed.add(devicePk);
            }
        });
        return changed;
    }

    /**
     * Net folder changes between two positions, without the device's own: a folder created and deleted in between
     * never shows.
     */
    private List<FolderChange> changes(
            long accountId, long devicePk, JournalPosition from, JournalPosition to, List<FolderView> folders) {
        Map<Long, FolderView> existing = new HashMap<>();
        folders.forEach(f -> existing.put(f.id(), f));
        Map<Long, Set<ChangeKind>> touched = new LinkedHashMap<>();
        JournalPosition position = from;
        ChangePage page;
        do {
            page = mailboxes.hierarchyChanges(accountId, position, Mailboxes.MAX_PAGE);
            for (JournalEntry entry : page.entries()) {
                if (entry.position().compareTo(to) > 0) {
                    break;
                }
                if (entry.originDevice() != null && entry.originDevice() == devicePk) {
                    continue;
                }
                touched.computeIfAbsent(entry.folderId(), id -> EnumSet.noneOf(ChangeKind.class))
                        .add(entry.kind());
            }
            position = page.next();
        } while (page.more() && position.compareTo(to) < 0);

        List<FolderChange> changes = new ArrayList<>();
        touched.forEach((folderId, kinds) -> {
            FolderView folder = existing.get(folderId);
            boolean created = kinds.contains(ChangeKind.FOLDER_CREATED);
            if (folder == null) {
                if (!created) {
                    changes.add(new FolderChange.Deleted(folderId));
                }
            } else {
                changes.add(created ? new FolderChange.Added(folder) : new FolderChange.Updated(folder));
            }
        });
        return changes;
    }
}
