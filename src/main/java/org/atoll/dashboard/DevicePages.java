package org.atoll.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.atoll.account.AccountView;
import org.atoll.account.Accounts;
import org.atoll.audit.AuditEntry;
import org.atoll.audit.AuditLog;
import org.atoll.audit.AuditQuery;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceAccess;
import org.atoll.device.DeviceDetail;
import org.atoll.device.DeviceException;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceNotFound;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.Devices;
import org.atoll.device.WipeKind;
import org.atoll.mailbox.FolderView;
import org.atoll.mailbox.Mailboxes;
import org.atoll.shared.Actor;
import org.atoll.shared.PageOf;
import org.atoll.sync.CollectionSyncView;
import org.atoll.sync.ItemSyncs;
import org.atoll.sync.SyncConflict;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The device table, one device's page and the actions on it. Administrators see every device; anyone else sees
 * their own, and any other device's address answers 404. Every action runs through the same services as the REST
 * API's, with the signed-in account as the actor of the audit trail.
 */
@Controller
class DevicePages {

    /** How many conflicts a device's page lists. */
    static final int CONFLICTS = 50;

    /** How many of the device's audit entries its page lists. */
    static final int HISTORY = 20;

    private final Devices devices;
    private final DeviceAccess access;
    private final ItemSyncs itemSyncs;
    private final Mailboxes mailboxes;
    private final Accounts accounts;
    private final AuditLog audit;
    private final DeviceRequestLog requests;
    private final PasswordCheck passwords;
    private final DashboardProperties properties;
    private final Clock clock;
    private final Labels labels;

    DevicePages(
            Devices devices,
            DeviceAccess access,
            ItemSyncs itemSyncs,
            Mailboxes mailboxes,
            Accounts accounts,
            AuditLog audit,
            DeviceRequestLog requests,
            PasswordCheck passwords,
            DashboardProperties properties,
            Clock clock,
            Labels labels) {
        this.labels = labels;
        this.devices = devices;
        this.access = access;
        this.itemSyncs = itemSyncs;
        this.mailboxes = mailboxes;
        this.accounts = accounts;
        this.audit = audit;
        this.requests = requests;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/devices")
    String list(@AuthenticationPrincipal AccountView viewer, @RequestParam Map<String, String> params, Model model) {
        DeviceListQuery query = DeviceListQuery.of(params);
        Long scope = viewer.id();
        if (Viewer.isAdmin(viewer)) {
            scope = query.account().isEmpty()
                    ? null
                    : accounts.idOf(query.account()).orElse(-1L);
        }
        DeviceFilter filter = new DeviceFilter(
                scope,
                query.access(),
                query.wipe(),
                blankToNull(query.type()),
                blankToNull(query.model()),
                query.idleDays() == null ? null : clock.instant().minus(Duration.ofDays(query.idleDays())),
                null,
                blankToNull(query.q()),
                blankToNull(query.os()),
                blankToNull(query.version()));
        int size = properties.pageSize();
        PageOf<DeviceDetail> page = devices.list(filter, query.deviceSort(), query.descending(), query.page(), size);
        model.addAttribute("query", query);
        model.addAttribute("devices", page.items());
        model.addAttribute("total", page.total());
        model.addAttribute("pages", Math.max(1, (page.total() + size - 1) / size));
        model.addAttribute("admin", Viewer.isAdmin(viewer));
        return "devices";
    }

    /**
     * One folder's sync state as the page lists it.
     *
     * @param pending changes the device has not received yet; null when they cannot be counted
     */
    record FolderState(
            String name,
            String type,
            CollectionSyncView state,
            @Nullable Long pending) {}

    /** One recorded conflict, with the folder's name. */
    record Conflict(String folder, long messageId, String winner, SyncConflict conflict) {}

    @GetMapping("/devices/{id}")
    String detail(@AuthenticationPrincipal AccountView viewer, @PathVariable long id, Model model) {
        DeviceDetail device = visible(viewer, id);
        Map<Long, FolderView> folders = mailboxes.folders(device.accountId()).stream()
                .collect(Collectors.toMap(FolderView::id, Function.identity()));
        List<FolderState> states = new ArrayList<>();
        for (CollectionSyncView state : itemSyncs.collections(device.accountId(), device.id())) {
            FolderView folder = folders.get(state.folderId());
            states.add(new FolderState(
                    folder == null ? "(deleted folder " + state.folderId() + ")" : folder.name(),
                    folder == null ? "—" : Words.folderType(folder.type()),
                    state,
                    pending(device, state)));
        }
        List<Conflict> conflicts = itemSyncs.conflicts(device.accountId(), device.id(), CONFLICTS).stream()
                .map(conflict -> new Conflict(
                        folders.containsKey(conflict.folderId())
                                ? folders.get(conflict.folderId()).name()
                                : "(deleted folder)",
                        conflict.messageId(),
                        conflict.clientWon() ? "The device's change" : "The server's change",
                        conflict))
                .toList();
        model.addAttribute("device", device);
        model.addAttribute("userAgents", requests.userAgents(device.accountId(), device.id()));
        model.addAttribute("pageTitle", labels.name(device));
        model.addAttribute("folders", states);
        model.addAttribute("conflicts", conflicts);
        model.addAttribute("actions", actions(viewer, device));
        model.addAttribute(
                "requests", requests.latest(device.accountId(), device.id(), DeviceRequestLog.KEPT_PER_DEVICE));
        model.addAttribute("admin", Viewer.isAdmin(viewer));
        if (Viewer.isAdmin(viewer)) {
            List<AuditEntry> history = audit.find(new AuditQuery(null, device.id(), null, null, null), 0, HISTORY)
                    .items();
            model.addAttribute("history", history);
        } else {
            model.addAttribute("history", List.of());
        }
        return "device";
    }

    private @Nullable Long pending(DeviceDetail device, CollectionSyncView state) {
        OptionalLong pending = itemSyncs.pending(device.accountId(), device.id(), state.folderId());
        return pending.isPresent() ? pending.getAsLong() : null;
    }

    @GetMapping("/devices/{id}/{action}")
    String confirm(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @PathVariable String action,
            Model model) {
        DeviceDetail device = visible(viewer, id);
        DeviceAction chosen = allowed(viewer, action);
        return confirmation(model, device, chosen);
    }

    private String confirmation(Model model, DeviceDetail device, DeviceAction action) {
        model.addAttribute("device", device);
        model.addAttribute("action", action);
        model.addAttribute("pageTitle", action.label() + ": " + labels.name(device));
        return "confirm";
    }

    @PostMapping("/devices/{id}/{action}")
    String act(
            @AuthenticationPrincipal AccountView viewer,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String password,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        DeviceDetail device = visible(viewer, id);
        DeviceAction chosen = allowed(viewer, action);
        if (chosen.needsPassword() && (password == null || !passwords.confirms(viewer, password, request))) {
            model.addAttribute("passwordRefused", true);
            return confirmation(model, device, chosen);
        }
        Actor actor = Viewer.actor(viewer, request);
        try {
            String done = run(chosen, device, actor, viewer);
            redirect.addFlashAttribute("notice", done);
        } catch (DeviceException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return chosen == DeviceAction.REMOVE ? "redirect:/devices" : "redirect:/devices/" + id;
    }

    private String run(DeviceAction action, DeviceDetail device, Actor actor, AccountView viewer) {
        long id = device.id();
        return switch (action) {
            case ALLOW -> {
                access.allow(id, actor);
                yield "The device is allowed.";
            }
            case BLOCK -> {
                access.block(id, actor);
                yield "The device is blocked; its next request is refused.";
            }
            case RELEASE -> {
                access.release(id, actor);
                yield "The device is released from quarantine.";
            }
            case WIPE -> {
                devices.requestWipe(id, WipeKind.FULL, actor, Viewer.authority(viewer));
                yield "Wipe requested: the device receives it at its next request.";
            }
            case ACCOUNT_ONLY_WIPE -> {
                devices.requestWipe(id, WipeKind.ACCOUNT_ONLY, actor, Viewer.authority(viewer));
                yield "Account-only wipe requested: the device receives it at its next request.";
            }
            case CANCEL_WIPE -> {
                devices.cancelWipe(id, actor, Viewer.authority(viewer));
                yield "The wipe is cancelled.";
            }
            case REMOVE -> {
                devices.remove(id, actor, Viewer.authority(viewer));
                yield "The partnership with " + device.deviceId() + " is removed.";
            }
        };
    }

    /** The actions that make sense for the device now, for this viewer. */
    static List<DeviceAction> actions(AccountView viewer, DeviceDetail device) {
        boolean admin = Viewer.isAdmin(viewer);
        List<DeviceAction> actions = new ArrayList<>();
        if (admin && device.accessState() == AccessState.QUARANTINED) {
            actions.add(DeviceAction.RELEASE);
        }
        if (admin && device.accessState() != AccessState.ALLOWED) {
            actions.add(DeviceAction.ALLOW);
        }
        if (admin && device.accessState() != AccessState.BLOCKED) {
            actions.add(DeviceAction.BLOCK);
        }
        if (!device.wipeState().owed()) {
            actions.add(DeviceAction.WIPE);
            if (device.protocolVersion().equals("16.1")) {
                actions.add(DeviceAction.ACCOUNT_ONLY_WIPE);
            }
        } else if (admin || !device.wipeByAdministrator()) {
            actions.add(DeviceAction.CANCEL_WIPE);
        }
        actions.add(DeviceAction.REMOVE);
        return actions;
    }

    private static DeviceAction allowed(AccountView viewer, String slug) {
        DeviceAction action = DeviceAction.ofSlug(slug).orElseThrow(() -> new PageNotFound("action " + slug));
        if (action.administratorsOnly() && !Viewer.isAdmin(viewer)) {
            throw new PageNotFound("action " + slug);
        }
        return action;
    }

    private DeviceDetail visible(AccountView viewer, long id) {
        DeviceDetail device;
        try {
            device = devices.detail(id);
        } catch (DeviceNotFound e) {
            throw new PageNotFound("device " + id);
        }
        if (!Viewer.isAdmin(viewer) && device.accountId() != viewer.id()) {
            throw new PageNotFound("device " + id);
        }
        return device;
    }

    private static @Nullable String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
