package org.atoll.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.push.internal.PushDevices;
import org.atoll.sync.FolderSyncs;
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

    private final PushProperties properties;
    private final PushDevices devices;
    private final Parking parking;
    private final Mailboxes mailboxes;
    private final FolderSyncs folderSyncs;
    private final ItemSyncs itemSyncs;

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
        List<Long> folderIds =
                folders.stream().map(PushDevices.CachedFolder::folderId).toList();
        long since = mailboxes.highestModseq(accountId);
        CompletableFuture<Optional<PingOutcome>> parked =
                parking.park(accountId, devicePk, wait, () -> check(accountId, devicePk, folderIds, since));
        CompletableFuture<PingOutcome> outcome = parked.thenApply(found -> found.orElseGet(PingOutcome.Expired::new));
        outcome.whenComplete((value, failure) -> {
            if (outcome.isCancelled()) {
                parked.cancel(false);
            }
        });
        return outcome;
    }

    /** What a parked Ping answers now, or empty while nothing concerns it. */
    private Optional<PingOutcome> check(long accountId, long devicePk, List<Long> folderIds, long sinceModseq) {
        if (folderSyncs.hierarchyChangedSinceLastSync(accountId, devicePk)) {
            return Optional.of(new PingOutcome.HierarchyChanged());
        }
        Set<Long> existing = new HashSet<>();
        mailboxes.folders(accountId).forEach(folder -> existing.add(folder.id()));
        if (!existing.containsAll(folderIds)) {
            return Optional.of(new PingOutcome.HierarchyChanged());
        }
        Set<Long> changed = itemSyncs.foldersWithChanges(accountId, devicePk, folderIds, sinceModseq);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PingOutcome.Changed(
                folderIds.stream().filter(changed::contains).toList()));
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
