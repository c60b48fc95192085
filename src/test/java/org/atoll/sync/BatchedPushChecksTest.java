package org.atoll.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.device.Devices;
import org.atoll.mailbox.ChangeOrigin;
import org.atoll.mailbox.FolderType;
import org.atoll.mailbox.Mailboxes;
import org.atoll.mailbox.SystemFolder;
import org.atoll.support.AtollTest;
import org.atoll.support.Mime;
import org.atoll.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The checks of many parked devices at once, on real PostgreSQL: each must answer exactly what the check of one
 * device answers, device by device, whatever each device's position, options and own changes.
 */
@AtollTest
class BatchedPushChecksTest {

    @Autowired
    Accounts accounts;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    Devices devices;

    @Autowired
    ItemSyncs itemSyncs;

    @Autowired
    FolderSyncs folderSyncs;

    @Autowired
    JdbcClient jdbc;

    AccountView account;
    long inbox;
    long archive;

    @BeforeEach
    void account() {
        account = TestAccounts.open(accounts, "batched");
        inbox = mailboxes.systemFolder(account.id(), SystemFolder.INBOX).id();
        archive = mailboxes
                .createFolder(account.id(), null, "Archive", FolderType.USER_MAIL)
                .id();
    }

    long device(String deviceId) {
        long pk = devices.seen(account.id(), deviceId, "SmartPhone", "test", "14.1")
                .id();
        folderSyncs.sync(account.id(), pk, 0);
        return pk;
    }

    long syncFully(long devicePk, long folderId, SyncOptions.Update options) {
        CollectionResult.Synced first = (CollectionResult.Synced)
                itemSyncs.sync(account.id(), devicePk, new CollectionRequest(folderId, 0, options, true, List.of()));
        return syncOn(devicePk, folderId, first.syncKey());
    }

    long syncOn(long devicePk, long folderId, long key) {
        CollectionResult.Synced synced = (CollectionResult.Synced) itemSyncs.sync(
                account.id(), devicePk, new CollectionRequest(folderId, key, SyncOptions.Update.NONE, true, List.of()));
        return synced.moreAvailable() ? syncOn(devicePk, folderId, synced.syncKey()) : synced.syncKey();
    }

    long deliver(long folderId, String subject) {
        return mailboxes
                .deliver(account.id(), folderId, Mime.message(subject), null)
                .id();
    }

    /** The batched answer, after checking that it is the one-device answer for every watch. */
    Map<Long, Set<Long>> check(List<FolderWatch> watches) {
        List<Set<Long>> batched = itemSyncs.foldersWithChanges(account.id(), watches);
        Map<Long, Set<Long>> byDevice = new LinkedHashMap<>();
        for (int i = 0; i < watches.size(); i++) {
            FolderWatch watch = watches.get(i);
            Set<Long> alone = itemSyncs.foldersWithChanges(
                    account.id(), watch.devicePk(), watch.folderIds(), watch.sinceModseq());
            assertThat(batched.get(i)).as("device %d", watch.devicePk()).isEqualTo(alone);
            byDevice.put(watch.devicePk(), batched.get(i));
        }
        return byDevice;
    }

    @Nested
    class Items {

        @Test
        void batchShouldAnswerAsEachDeviceAloneWhateverItsPositionOptionsAndOwnChanges() {
            long old = deliver(inbox, "Before anyone synced");
            long synced = device("Synced");
            long author = device("Author");
            long noArchive = device("NoArchive");
            long scanning = device("Scanning");
            long weekly = device("Weekly");
            Map<Long, Long> inboxKeys = new LinkedHashMap<>();
            for (long pk : List.of(synced, author, weekly)) {
                inboxKeys.put(
                        pk,
                        syncFully(
                                pk,
                                inbox,
                                pk == weekly
                                        ? new SyncOptions.Update(FilterType.ONE_WEEK, null, null, null, null, null)
                                        : SyncOptions.Update.NONE));
                syncFully(pk, archive, SyncOptions.Update.NONE);
            }
            syncFully(noArchive, inbox, SyncOptions.Update.NONE);
            itemSyncs.sync(
                    account.id(), scanning, new CollectionRequest(inbox, 0, SyncOptions.Update.NONE, true, List.of()));
            long since = mailboxes.highestModseq(account.id());
            List<FolderWatch> watches = new ArrayList<>();
            for (long pk : List.of(synced, author, noArchive, scanning, weekly)) {
                watches.add(new FolderWatch(pk, List.of(inbox, archive), since));
            }

            assertThat(check(watches))
                    .as("nothing new but the scanning device's first scan")
                    .containsExactly(
                            Map.entry(synced, Set.of()),
                            Map.entry(author, Set.of()),
                            Map.entry(noArchive, Set.of()),
                            Map.entry(scanning, Set.of(inbox)),
                            Map.entry(weekly, Set.of()));

            jdbc.sql("UPDATE device_item SET received_at = received_at - interval '8 days'"
                            + " WHERE account_id = ? AND device_pk = ?")
                    .params(account.id(), weekly)
                    .update();

            assertThat(check(watches))
                    .as("the weekly device's item aged out of its window")
                    .containsExactly(
                            Map.entry(synced, Set.of()),
                            Map.entry(author, Set.of()),
                            Map.entry(noArchive, Set.of()),
                            Map.entry(scanning, Set.of(inbox)),
                            Map.entry(weekly, Set.of(inbox)));

            itemSyncs.sync(
                    account.id(),
                    author,
                    new CollectionRequest(
                            inbox,
                            inboxKeys.get(author),
                            SyncOptions.Update.NONE,
                            false,
                            List.of(new ClientCommand.Change(new ItemId(inbox, old).text(), true, null, null))));

            assertThat(check(watches))
                    .as("the author's read counts for the others, not for the author")
                    .containsExactly(
                            Map.entry(synced, Set.of(inbox)),
                            Map.entry(author, Set.of()),
                            Map.entry(noArchive, Set.of(inbox)),
                            Map.entry(scanning, Set.of(inbox)),
                            Map.entry(weekly, Set.of(inbox)));

            deliver(archive, "For everyone");

            assertThat(check(watches))
                    .as("a folder the device never synced counts once someone changed it after the wait began")
                    .containsExactly(
                            Map.entry(synced, Set.of(inbox, archive)),
                            Map.entry(author, Set.of(archive)),
                            Map.entry(noArchive, Set.of(inbox, archive)),
                            Map.entry(scanning, Set.of(inbox, archive)),
                            Map.entry(weekly, Set.of(inbox, archive)));
        }

        @Test
        void batchShouldReadOnFromEachDevicesOwnPositionWhenTheyDiffer() {
            long behind = device("Behind");
            long current = device("Current");
            syncFully(behind, inbox, SyncOptions.Update.NONE);
            syncFully(current, inbox, SyncOptions.Update.NONE);
            deliver(inbox, "Only Current synced this");
            syncFully(current, inbox, SyncOptions.Update.NONE);
            long since = mailboxes.highestModseq(account.id());
            List<FolderWatch> watches = List.of(
                    new FolderWatch(behind, List.of(inbox), since), new FolderWatch(current, List.of(inbox), since));

            assertThat(check(watches)).containsExactly(Map.entry(behind, Set.of(inbox)), Map.entry(current, Set.of()));
        }
    }

    @Nested
    class Hierarchy {

        @Test
        void batchShouldAnswerAsEachDeviceAloneSkippingEachDevicesOwnFolderChanges() {
            long synced = device("Synced");
            long author = device("Author");
            long never = devices.seen(account.id(), "Never", "SmartPhone", "test", "14.1")
                    .id();
            List<Long> all = List.of(synced, author, never);

            assertThat(folderSyncs.hierarchyChangedSinceLastSync(account.id(), all))
                    .containsExactly(never);

            ChangeOrigin.asDevice(
                    author, () -> mailboxes.createFolder(account.id(), null, "Projects", FolderType.USER_MAIL));

            Set<Long> changed = folderSyncs.hierarchyChangedSinceLastSync(account.id(), all);
            assertThat(changed).containsExactlyInAnyOrder(synced, never);
            for (long pk : all) {
                assertThat(changed.contains(pk))
                        .as("device %d", pk)
                        .isEqualTo(folderSyncs.hierarchyChangedSinceLastSync(account.id(), pk));
            }
        }
    }
}
