package org.atoll.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.push.internal.PushDevices;
import org.atoll.sync.FolderSyncs;
import org.atoll.sync.FolderWatch;
import org.atoll.sync.ItemSyncs;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Ping (MS-ASCMD 2.2.1.13, 3.1.5.8): checks the request, caches what it named, and waits until a watched folder
 * holds changes for this device, the folder hierarchy changed, or the heartbeat runs out. "Changes for this device"
 * is the sync engine's view: what the device's next Sync of the folder would bring, so its own changes do not
 * count and another device's do.
 */
@Service
public class Pings {

    /** The most parked Pings of one account checked by one batch of statements. */
    private static final int CHECK_BATCH = 500;

    /**
     * What a parked request completes with when its heartbeat runs out or a newer request of the device takes over:
     * Status 1 for a Ping. One instance, which no check answers, so a hanging Sync tells it from an answer.
     */
    private static final PingOutcome ENDED = new PingOutcome.Expired();

    private final PushProperties properties;
    private final PushDevices devices;
    private final Parking parking;
    private final Mailboxes mailboxes;
    private final FolderSyncs folderSyncs;
    private final ItemSyncs itemSyncs;
    private final BatchCheck<Watch, PingOutcome> check = new BatchCheck<>() {
        @Override
        public List<Optional<PingOutcome>> check(long accountId, List<Watch> watches) {
            return Pings.this.check(accountId, watches);
        }

        @Override
        public int batchSize() {
            return CHECK_BATCH;
        }
    };

    Pings(
            PushProperties properties,
            PushDevices devices,
            Parking parking,
            Mailboxes mailboxes,
            FolderSyncs folderSyncs,
            ItemSyncs itemSyncs) {
        this.properties = properties;
        this.devices = devices;
        this.parking = parking;
        this.mailboxes = mailboxes;
        this.folderSyncs = folderSyncs;
        this.itemSyncs = itemSyncs;
    }

    /**
     * Serves one Ping. A refused request (Status 5, 6, 7) changes nothing; a valid HeartbeatInterval is cached
     * even when no folder list is known yet (Status 3), as MS-ASCMD 2.2.3.177.11 describes.
     *
     * @return completes at once for every answer but a wait, else when the wait ends; cancelling it gives the
     *     wait up
     * @throws ParkedLimitReached when the account has as many requests parked as it may; nothing was remembered
     */
    public CompletableFuture<PingOutcome> ping(long accountId, long devicePk, PingRequest request) {
        Long heartbeat = request.heartbeatSeconds();
        if (heartbeat != null && heartbeat < properties.minHeartbeat().toSeconds()) {
            return done(new PingOutcome.HeartbeatOutOfBounds(
                    properties.minHeartbeat().toSeconds()));
        }
        if (heartbeat != null && heartbeat > properties.maxHeartbeat().toSeconds()) {
            return done(new PingOutcome.HeartbeatOutOfBounds(
                    properties.maxHeartbeat().toSeconds()));
        }
        if (request.folders() != null && request.folders().size() > properties.maxFolders()) {
            return done(new PingOutcome.TooManyFolders(properties.maxFolders()));
        }
        parking.ensureRoom(accountId, devicePk);
        @Nullable List<PushDevices.CachedFolder> named = null;
        if (request.folders() != null) {
            named = resolve(accountId, request.folders());
            if (named == null) {
                return done(new PingOutcome.HierarchyChanged());
            }
        }
        PushDevices.Cached cached = devices.cached(accountId, devicePk);
        if (heartbeat != null || named != null) {
            devices.remember(accountId, devicePk, heartbeat, named);
        }
        Long interval = heartbeat != null ? heartbeat : cached.heartbeatSeconds();
        List<PushDevices.CachedFolder> folders = named != null ? named : cached.folders();
        if (interval == null || folders.isEmpty()) {
            return done(new PingOutcome.MissingParameters());
        }
        Duration wait = clamp(Duration.ofSeconds(interval));
        long[] folderIds =
                folders.stream().mapToLong(PushDevices.CachedFolder::folderId).toArray();
        long since = mailboxes.highestModseq(accountId);
        return parking.park(accountId, devicePk, wait, check, new Watch(devicePk, folderIds, since, true), ENDED);
    }

    /**
     * Parks a hanging Sync (MS-ASCMD 2.2.3.88.2, 2.2.3.198) on the read-only check a Ping waits on, checked together
     * with the account's parked Pings: the Sync itself runs again only once this completes with true. A change to the
     * hierarchy that leaves the folders in place does not end the wait: it is FolderSync's to report, not Sync's.
     *
     * @param folderIds the folders the Sync served
     * @param sinceModseq the account's modseq read before the Sync last ran, so that no change committed since is
     *     missed
     * @return completes with true when a folder has changes for the device or is gone, false when the interval ran
     *     out or a newer request of the device took over; cancelling it gives the wait up
     * @throws ParkedLimitReached when the account has as many requests parked as it may
     */
    public CompletableFuture<Boolean> awaitChanges(
            long accountId, long devicePk, List<Long> folderIds, long sinceModseq, Duration interval) {
        long[] ids = folderIds.stream().mapToLong(Long::longValue).toArray();
        CompletableFuture<PingOutcome> parked =
                parking.park(accountId, devicePk, interval, check, new Watch(devicePk, ids, sinceModseq, false), ENDED);
        CompletableFuture<Boolean> woken = parked.thenApply(outcome -> outcome != ENDED);
        woken.whenComplete((value, failure) -> {
            if (woken.isCancelled()) {
                parked.cancel(false);
            }
        });
        return woken;
    }

    /**
     * What a parked Ping or hanging Sync waits on: only ids, so that thousands of parked requests stay small.
     *
     * @param sinceModseq the account's modseq when the request was parked
     * @param hierarchy whether a hierarchy change the device has not yet fetched by FolderSync ends the wait (Ping)
     */
    private record Watch(long devicePk, long[] folderIds, long sinceModseq, boolean hierarchy) {

        List<Long> folders() {
            return Arrays.stream(folderIds).boxed().toList();
        }
    }

    /**
     * What parked Pings of one account answer now, or empty while nothing concerns them: the hierarchy state of
     * all of them in one read, then the watched folders of those whose hierarchy did not change.
     */
    private List<Optional<PingOutcome>> check(long accountId, List<Watch> watches) {
        Set<Long> hierarchyChanged = folderSyncs.hierarchyChangedSinceLastSync(
                accountId, watches.stream().map(Watch::devicePk).toList());
        Set<Long> existing = new HashSet<>();
        mailboxes.folders(accountId).forEach(folder -> existing.add(folder.id()));
        List<Optional<PingOutcome>> answers = new ArrayList<>(watches.size());
        List<FolderWatch> itemChecks = new ArrayList<>();
        List<Integer> itemCheckOf = new ArrayList<>();
        for (Watch watch : watches) {
            List<Long> folderIds = watch.folders();
            if ((watch.hierarchy() && hierarchyChanged.contains(watch.devicePk()))
                    || !existing.containsAll(folderIds)) {
                answers.add(Optional.of(new PingOutcome.HierarchyChanged()));
            } else {
                answers.add(Optional.empty());
                itemCheckOf.add(answers.size() - 1);
                itemChecks.add(new FolderWatch(watch.devicePk(), folderIds, watch.sinceModseq()));
            }
        }
        if (itemChecks.isEmpty()) {
            return answers;
        }
        List<Set<Long>> changed = itemSyncs.foldersWithChanges(accountId, itemChecks);
        for (int i = 0; i < itemChecks.size(); i++) {
            Set<Long> its = changed.get(i);
            if (!its.isEmpty()) {
                answers.set(
                        itemCheckOf.get(i),
                        Optional.of(new PingOutcome.Changed(itemChecks.get(i).folderIds().stream()
                                .filter(its::contains)
                                .toList())));
            }
        }
        return answers;
    }

    /** The named folders as folders of the account, or null when one is not a folder of the account. */
    private @Nullable List<PushDevices.CachedFolder> resolve(long accountId, List<PingRequest.WatchedFolder> named) {
        Set<Long> existing = new HashSet<>();
        for (FolderView folder : mailboxes.folders(accountId)) {
            existing.add(folder.id());
        }
        List<PushDevices.CachedFolder> folders = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (PingRequest.WatchedFolder folder : named) {
            Long id = folderId(folder.id());
            if (id == null || !existing.contains(id)) {
                return null;
            }
            if (seen.add(id)) {
                folders.add(new PushDevices.CachedFolder(id, folder.folderClass()));
            }
        }
        return folders;
    }

    private static @Nullable Long folderId(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(text);
    }

    private Duration clamp(Duration interval) {
        if (interval.compareTo(properties.minHeartbeat()) < 0) {
            return properties.minHeartbeat();
        }
        return interval.compareTo(properties.maxHeartbeat()) > 0 ? properties.maxHeartbeat() : interval;
    }

    private static CompletableFuture<PingOutcome> done(PingOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
