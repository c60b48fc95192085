package org.atoll.sync;

import java.util.List;
import java.util.Optional;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.ItemSyncs.MoveOutcome;
import org.atoll.sync.internal.CollectionStates;
import org.atoll.sync.internal.DeviceItems;
import org.atoll.sync.internal.HeldItem;
import org.springframework.stereotype.Component;

/**
 * Moves a device makes outside Sync (MoveItems, ItemOperations Move and EmptyFolderContents), with the bookkeeping
 * that keeps them from echoing: the device's state of each folder records the move as done.
 */
@Component
class DeviceMoves {

    private final Mailboxes mailboxes;
    private final CollectionStates states;
    private final DeviceItems items;
    private final ItemClasses classes;

    DeviceMoves(Mailboxes mailboxes, CollectionStates states, DeviceItems items, ItemClasses classes) {
        this.mailboxes = mailboxes;
        this.states = states;
        this.items = items;
        this.classes = classes;
    }

    /**
     * Moves one item for a device (MoveItems, MS-ASCMD 2.2.1.12) to another folder of its class: a message, a note, a
     * contact, a task. The device that moves gets no echo: its state of both folders records the move as done; every
     * other device gets a Delete in the source and an Add in the target. A move to a folder of another class is
     * refused as an invalid destination. A move asked for again after it happened answers as the first did.
     */
    MoveOutcome move(long accountId, long devicePk, String sourceItem, long sourceFolderId, long targetFolderId) {
        Optional<ItemId> item = ItemId.parse(sourceItem);
        Optional<FolderView> source = classes.folder(accountId, sourceFolderId);
        if (source.isEmpty()) {
            return new MoveOutcome.InvalidSource();
        }
        ItemStore store = classes.store(source.get().type());
        Optional<FolderView> target = classes.folder(accountId, targetFolderId);
        if (target.isEmpty() || classes.store(target.get().type()) != store) {
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
        items.remove(accountId, devicePk, sourceFolderId, List.of(itemId));
        if (states.find(accountId, devicePk, targetFolderId, false).isPresent()) {
            // The device holds in the target what it held in the source: the item as it stood when the device
            // last received it. Only when nobody changed it since then is the moved item exactly that; otherwise
            // it stays held at that older modseq, and the target's next Sync brings the changes as one Change.
            boolean unchanged = wasHeld != null
                    && stamp.get().folderId() == sourceFolderId
                    && stamp.get().modseq() <= wasHeld.modseq();
            long heldModseq = unchanged ? moved.modseq() : wasHeld == null ? 0 : wasHeld.modseq();
            items.put(accountId, devicePk, targetFolderId, List.of(new HeldItem(itemId, heldModseq, moved.since())));
        }
        return new MoveOutcome.Moved(new ItemId(targetFolderId, itemId));
    }

    /**
     * Empties a folder for a device (ItemOperations EmptyFolderContents); the device emptied its copy itself, so
     * its state of the folder is cleared rather than sent Deletes.
     *
     * @return false when the folder is not the account's, or holds items of another class than Email
     */
    boolean emptyFolder(long accountId, long devicePk, long folderId, boolean withSubfolders) {
        Optional<FolderView> folder = classes.folder(accountId, folderId);
        if (folder.isEmpty() || classes.store(folder.get().type()) != classes.email()) {
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
    boolean moveThread(long accountId, long devicePk, long threadId, long targetFolderId) {
        List<Long> messages = mailboxes.thread(accountId, threadId);
        if (classes.folder(accountId, targetFolderId).isEmpty() || messages.isEmpty()) {
            return false;
        }
        ChangeOrigin.asDevice(devicePk, () -> mailboxes.move(accountId, messages, targetFolderId));
        return true;
    }
}
