package org.atoll.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atoll.device.AccessState;
import org.atoll.device.DeviceDetail;
import org.atoll.device.DeviceFilter;
import org.atoll.device.DeviceRequestLog;
import org.atoll.device.DeviceSort;
import org.atoll.device.Devices;
import org.atoll.device.WipeState;
import org.atoll.push.Parking;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrators' overview: devices by access and wipe state, devices waiting in Direct Push, requests, Syncs
 * and errors of the last hour, devices gone quiet, and quarantined devices waiting for a release. The panel refreshes itself (htmx polling of {@code
 * /overview/panel}) without reloading the page.
 */
@Controller
class OverviewPage {

    /** How many devices each list of the overview shows. */
    static final int LISTED = 10;

    private final Devices devices;
    private final Parking parking;
    private final DeviceRequestLog requests;
    private final DashboardProperties properties;
    private final Clock clock;

    OverviewPage(
            Devices devices, Parking parking, DeviceRequestLog requests, DashboardProperties properties, Clock clock) {
        this.devices = devices;
        this.requests = requests;
        this.parking = parking;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/overview")
    String overview(Model model) {
        fill(model);
        return "overview";
    }

    @GetMapping("/overview/panel")
    String panel(Model model) {
        fill(model);
        return "overview :: panel";
    }

    private void fill(Model model) {
        Map<String, Long> byAccess = new LinkedHashMap<>();
        for (AccessState state : AccessState.values()) {
            byAccess.put(state.name(), count(filter(state, null, null)));
        }
        Map<String, Long> byWipe = new LinkedHashMap<>();
        for (WipeState state : WipeState.values()) {
            byWipe.put(state.name(), count(filter(null, state, null)));
        }
        Instant quietSince = clock.instant().minus(properties.staleAfter());
        DeviceFilter quiet = filter(null, null, quietSince);
        DeviceFilter quarantined = filter(AccessState.QUARANTINED, null, null);
        model.addAttribute("byAccess", byAccess);
        model.addAttribute("byWipe", byWipe);
        model.addAttribute("total", count(DeviceFilter.ALL));
        model.addAttribute("waiting", parking.waitingAcrossNodes());
        model.addAttribute("lastHour", requests.since(clock.instant().minus(Duration.ofHours(1))));
        model.addAttribute("staleDays", properties.staleAfter().toDays());
        model.addAttribute("quietCount", count(quiet));
        model.addAttribute("quiet", list(quiet, DeviceSort.LAST_SYNC, false));
        model.addAttribute("quarantined", list(quarantined, DeviceSort.FIRST_SYNC, false));
        model.addAttribute("quarantinedCount", byAccess.get(AccessState.QUARANTINED.name()));
        model.addAttribute(
                "refreshSeconds", Math.max(1, properties.refreshEvery().toSeconds()));
        model.addAttribute("now", clock.instant());
    }

    private static DeviceFilter filter(
            @Nullable AccessState access, @Nullable WipeState wipe, @Nullable Instant lastSyncBefore) {
        return new DeviceFilter(null, access, wipe, null, null, lastSyncBefore, null);
    }

    private long count(DeviceFilter filter) {
        return devices.list(filter, DeviceSort.FIRST_SYNC, false, 0, 1).total();
    }

    private List<DeviceDetail> list(DeviceFilter filter, DeviceSort sort, boolean descending) {
        return devices.list(filter, sort, descending, 0, LISTED).items();
    }
}
