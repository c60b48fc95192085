package org.atoll.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.sync.internal.ClientAdds;
import org.atoll.sync.internal.Conflicts;
import org.atoll.sync.internal.DeviceItems;
import org.atoll.sync.internal.HeldItem;
import org.springframework.stereotype.Component;

/**
 * The device's changes in a Sync (MS-ASCMD 2.2.3.24 Commands): applied with ClientId de-duplication and the
 * per-property conflict check of {@link ClientChanges}, and recorded as held so they are not echoed back.
 */
@Component
class ClientChangeApplier {

    private final Mailboxes mailboxes;
    private final DeviceItems items;
    private final Conflicts conflicts;
    private final ClientAdds clientAdds;

    ClientChangeApplier(Mailboxes mailboxes, DeviceItems items, Conflicts conflicts, ClientAdds clientAdds) {
        this.mailboxes = mailboxes;
        this.items = items;
        this.conflicts = conflicts;
        this.clientAdds = clientAdds;
    }

    /**
     * Applies the device's Add, Change, Delete and Fetch commands through the collection's item class, as the
     * device's own changes (never echoed to it), and records what the device holds after them.
     */
    List<ClientResponse> apply(SyncPass pass, FolderType type, List<ClientCommand> commands) {
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
                mailboxes,
                pass.store,
                pass.held);
        Set<Long> targets = new HashSet<>();
        commands.forEach(command -> changes.target(command).ifPresent(targets::add));
        Map<Long, Long> heldBefore = changes.heldModseqs(targets);
        Map<Long, ItemStamp> before = changes.stamps(targets);
        List<ClientResponse> responses =
                ChangeOrigin.asDevice(pass.devicePk, () -> pass.store.apply(changes, commands));
        List<HeldItem> nowHeld = new ArrayList<>();
        Map<Long, ItemStamp> after = new HashMap<>(changes.stampsAfter());
        List<Long> unread =
                changes.held().stream().filter(id -> !after.containsKey(id)).toList();
        if (!unread.isEmpty()) {
            pass.store.stamps(pass.accountId, unread).forEach(stamp -> after.put(stamp.id(), stamp));
        }
        // The account's writer lock stays held until the transaction ends: these stamps stay current for the pass.
        pass.knownStamps.putAll(after);
        for (Long id : changes.held()) {
            ItemStamp stamp = after.get(id);
            if (stamp == null) {
                continue;
            }
            // The device's copy is the item as it last received it plus its own change. That is the stored item
            // only when nobody else changed it since; otherwise (a change the client wins, or one resent under the
            // previous key, which is applied again without a conflict check) it stays held at the older modseq,
            // so the device is sent the item as it now is. On a replay the item also carries the lost response's
            // own change, which is nobody else's: only the journal tells them apart.
            Long had = heldBefore.get(stamp.id());
            ItemStamp was = before.get(stamp.id());
            boolean changedByOthers = had != null
                    && was != null
                    && was.modseq() > had
                    && (!pass.replay
                            || !mailboxes
                                    .changedSince(pass.accountId, pass.folderId, stamp.id(), had, pass.devicePk)
                                    .isEmpty());
            nowHeld.add(new HeldItem(stamp.id(), changedByOthers ? had : stamp.modseq(), stamp.since()));
        }
        nowHeld.forEach(pass.held::put);
        changes.dropped().forEach(pass.held::drop);
        return responses;
    }
}
