package org.atoll.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atoll.account.AccountView;
import org.atoll.api.DeviceDtos.DeviceDto;
import org.atoll.device.AccessState;
import org.atoll.device.Authority;
import org.atoll.device.DeviceAccess;
import org.atoll.device.DeviceDetail;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.DeviceSort;
import org.atoll.device.Devices;
import org.atoll.device.LoggedRequest;
import org.atoll.device.WipeKind;
import org.atoll.device.WipeState;
import org.atoll.sync.CollectionSyncView;
import org.atoll.sync.FilterType;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.SyncConflict;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Devices across accounts for administrators; a user sees and acts on their own devices only, and gets 404 for
 * any other. Allow, block and release are for administrators (the security chain refuses users). An owner may wipe
 * their device, but an administrator's wipe and block bind them: withdrawing or replacing such a wipe is refused
 * with 403, and removing the partnership does not lift either.
 */
@RestController
@RequestMapping("/api/v1/devices")
class DevicesController {

    private static final Map<String, DeviceSort> SORTS = Map.of(
            "firstSync", DeviceSort.FIRST_SYNC,
            "lastSync", DeviceSort.LAST_SYNC,
            "deviceType", DeviceSort.DEVICE_TYPE,
            "model", DeviceSort.MODEL,
            "account", DeviceSort.ACCOUNT);

    private final Devices devices;
    private final DeviceAccess access;
    private final ItemSyncs itemSyncs;
    private final DeviceRequestLog requestLog;

    DevicesController(Devices devices, DeviceAccess access, ItemSyncs itemSyncs, DeviceRequestLog requestLog) {
        this.devices = devices;
        this.access = access;
        this.itemSyncs = itemSyncs;
        this.requestLog = requestLog;
    }

    @GetMapping
    Pages<DeviceDto> list(
            @AuthenticationPrincipal AccountView caller,
            @RequestParam(required = false) @Nullable Long accountId,
            @RequestParam(required = false) @Nullable AccessState accessState,
            @RequestParam(required = false) @Nullable WipeState wipeState,
            @RequestParam(required = false) @Nullable String deviceType,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable String lastSyncBefore,
            @RequestParam(required = false) @Nullable String lastSyncAfter,
            @RequestParam(defaultValue = "firstSync") String sort,
            @RequestParam(defaultValue = "asc") String order,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Long scope = accountId;
        if (!Caller.isAdmin(caller)) {
            if (accountId != null && accountId != caller.id()) {
                throw new NotVisible("account " + accountId);
            }
            scope = caller.id();
        }
        DeviceSort by = SORTS.get(sort);
        if (by == null) {
            throw new InvalidApiRequest("sort is one of " + String.join(", ", SORTS.keySet()));
        }
        boolean descending = switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new InvalidApiRequest("order is asc or desc");
        };
        DeviceFilter filter = new DeviceFilter(
                scope,
                accessState,
                wipeState,
                deviceType,
                model,
                QueryValues.instant("lastSyncBefore", lastSyncBefore),
                QueryValues.instant("lastSyncAfter", lastSyncAfter));
        return Pages.of(devices.list(filter, by, descending, page, size), DeviceDto::of);
    }

    @GetMapping("/{id}")
    DeviceDto read(@AuthenticationPrincipal AccountView caller, @PathVariable long id) {
        return DeviceDto.of(visible(caller, id));
    }

    /** The device's sync state of every folder it syncs, with how far each has come. */
    @GetMapping("/{id}/collections")
    List<CollectionSyncState> collections(@AuthenticationPrincipal AccountView caller, @PathVariable long id) {
        DeviceDetail device = visible(caller, id);
        return itemSyncs.collections(device.accountId(), device.id()).stream()
                .map(CollectionSyncState::of)
                .toList();
    }

    /** How many conflicts one read lists. */
    static final int CONFLICTS = 100;

    /** The newest conflicts of the device's changes with the server's (MS-ASCMD 2.2.3.34), newest first. */
    @GetMapping("/{id}/conflicts")
    List<SyncConflictDto> conflicts(@AuthenticationPrincipal AccountView caller, @PathVariable long id) {
        DeviceDetail device = visible(caller, id);
        return itemSyncs.conflicts(device.accountId(), device.id(), CONFLICTS).stream()
                .map(SyncConflictDto::of)
                .toList();
    }

    /** The device's newest protocol requests, newest first: never a body, a password or a policy key. */
    @GetMapping("/{id}/requests")
    List<LoggedRequest> requests(@AuthenticationPrincipal AccountView caller, @PathVariable long id) {
        DeviceDetail device = visible(caller, id);
        return requestLog.latest(device.accountId(), device.id(), DeviceRequestLog.KEPT_PER_DEVICE);
    }

    record SyncConflictDto(long folderId, long messageId, String winner, Instant occurredAt) {

        static SyncConflictDto of(SyncConflict conflict) {
            return new SyncConflictDto(
                    conflict.folderId(),
                    conflict.messageId(),
                    conflict.clientWon() ? "CLIENT" : "SERVER",
                    conflict.occurredAt());
        }
    }

    record CollectionSyncState(
            long folderId,
            long syncKey,
            long journalModseq,
            FilterType filterType,
            int windowSize,
            long heldItems,
            boolean initialSyncRunning,
            Instant lastSyncAt) {

        static CollectionSyncState of(CollectionSyncView view) {
            return new CollectionSyncState(
                    view.folderId(),
                    view.syncKey(),
                    view.journalModseq(),
                    view.filter(),
                    view.windowSize(),
                    view.heldItems(),
                    view.initialSyncRunning(),
                    view.syncedAt());
        }
    }

    @PostMapping("/{id}/allow")
    DeviceDto allow(@AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        return DeviceDto.of(access.allow(id, Caller.actor(caller, http)));
    }

    @PostMapping("/{id}/block")
    DeviceDto block(@AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        return DeviceDto.of(access.block(id, Caller.actor(caller, http)));
    }

    @PostMapping("/{id}/release")
    DeviceDto release(@AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        return DeviceDto.of(access.release(id, Caller.actor(caller, http)));
    }

    @PostMapping("/{id}/wipe")
    DeviceDto wipe(@AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        visible(caller, id);
        return DeviceDto.of(devices.requestWipe(id, WipeKind.FULL, Caller.actor(caller, http), authority(caller)));
    }

    @PostMapping("/{id}/account-only-wipe")
    DeviceDto accountOnlyWipe(
            @AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        visible(caller, id);
        return DeviceDto.of(
                devices.requestWipe(id, WipeKind.ACCOUNT_ONLY, Caller.actor(caller, http), authority(caller)));
    }

    @PostMapping("/{id}/cancel-wipe")
    DeviceDto cancelWipe(@AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        visible(caller, id);
        return DeviceDto.of(devices.cancelWipe(id, Caller.actor(caller, http), authority(caller)));
    }

    /**
     * Removes the partnership: the device registers, provisions and syncs from scratch on its next request. The
     * owner's removal keeps an administrator's block and an owed or done wipe for the device's return.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(
            @AuthenticationPrincipal AccountView caller, @PathVariable long id, HttpServletRequest http) {
        visible(caller, id);
        devices.remove(id, Caller.actor(caller, http), authority(caller));
        return ResponseEntity.noContent().build();
    }

    /** An administrator acts as one even on their own devices; anyone else only as the device's owner. */
    private static Authority authority(AccountView caller) {
        return Caller.isAdmin(caller) ? Authority.ADMINISTRATOR : Authority.OWNER;
    }

    private DeviceDetail visible(AccountView caller, long id) {
        DeviceDetail device = devices.detail(id);
        Caller.requireSelfOrAdmin(caller, device.accountId(), "device with id " + id);
        return device;
    }
}
